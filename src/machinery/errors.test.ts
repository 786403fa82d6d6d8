import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NotFoundError, AlreadyExistsError, ConflictError, ForbiddenError, ExpiredError, TooManyRequestsError,
  fromStatus, isNotFound, isConflict, isGone, StatusError, MethodNotAllowedError,
  ApplyConflictError, PathNotFoundError, UnsupportedMediaTypeError,
} from './errors.js';

const pods = { group: '', resource: 'pods' };
const deployments = { group: 'apps', resource: 'deployments' };

test('messages follow upstream wording', () => {
  assert.equal(new NotFoundError(pods, 'web').message, 'pods "web" not found');
  assert.equal(new AlreadyExistsError(deployments, 'web').message, 'deployments.apps "web" already exists');
  assert.equal(new ConflictError(pods, 'web').message,
    'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again');
  assert.equal(new ForbiddenError(pods, '', 'User "jane" cannot list resource "pods" in API group "" in the namespace "default"').message,
    'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
});

test('Status bodies carry code, reason and details', () => {
  const st = new NotFoundError(deployments, 'web').toStatus();
  assert.deepEqual(st, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'deployments.apps "web" not found', reason: 'NotFound',
    details: { name: 'web', group: 'apps', kind: 'deployments' }, code: 404,
  });
  const tm = new TooManyRequestsError().toStatus();
  assert.equal(tm.code, 429);
  assert.equal(tm.details?.retryAfterSeconds, 1);
  assert.equal(new ExpiredError('too old').toStatus().code, 410);
  assert.equal(new MethodNotAllowedError(pods, 'watch').code, 405);
});

test('the generic and non-resource errors have upstream text and no object details', () => {
  assert.deepEqual(new ForbiddenError({ group: '', resource: '' }, '', 'User "jane" cannot get path "/metrics"').toStatus(), {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: 'forbidden: User "jane" cannot get path "/metrics"', reason: 'Forbidden', code: 403,
  });
  const nf = new PathNotFoundError().toStatus();
  assert.deepEqual([nf.code, nf.reason, nf.message, nf.details], [404, 'NotFound', 'the server could not find the requested resource', undefined]);
  const na = new MethodNotAllowedError().toStatus();
  assert.deepEqual([na.code, na.message, na.details], [405, 'the server does not allow this method on the requested resource', undefined]);
  const ac = new ApplyConflictError('Apply failed with 1 conflict: conflict with "a": .x', [{ reason: 'FieldManagerConflict', message: 'conflict with "a"', field: '.x' }]).toStatus();
  assert.deepEqual([ac.code, ac.reason, ac.details], [409, 'Conflict', { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "a"', field: '.x' }] }]);
  assert.equal(new UnsupportedMediaTypeError('text/plain', ['application/json-patch+json', 'application/merge-patch+json']).message,
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json');
});

test('fromStatus round-trips and predicates classify', () => {
  const e = fromStatus(new ConflictError(pods, 'x').toStatus());
  assert.ok(e instanceof StatusError);
  assert.ok(isConflict(e));
  assert.ok(!isNotFound(e));
  assert.ok(isGone(new ExpiredError('x')));
});
