import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateLocalSubjectAccessReview, validateSelfSubjectAccessReview, validateSubjectAccessReview } from './validation.js';
import { errorString } from '../../../machinery/field-errors.js';

test('SelfSubjectAccessReview needs exactly one kind of attributes', () => {
  assert.deepEqual(validateSelfSubjectAccessReview({ spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } }), []);
  assert.deepEqual(validateSelfSubjectAccessReview({ spec: {} }).map(errorString),
    ['spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified']);
  assert.deepEqual(validateSelfSubjectAccessReview({ spec: { resourceAttributes: {}, nonResourceAttributes: { path: '/x', verb: 'get' } } }).map(errorString),
    ['spec.nonResourceAttributes: Invalid value: {"path":"/x","verb":"get"}: cannot be specified in combination with resourceAttributes']);
});

test('SubjectAccessReview needs a user or group; the local one a matching namespace', () => {
  assert.deepEqual(validateSubjectAccessReview({ spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } } }).map(errorString),
    ['spec.user: Invalid value: "": at least one of user or group must be specified']);
  assert.deepEqual(validateLocalSubjectAccessReview({
    metadata: { namespace: 'default' },
    spec: { user: 'jane', resourceAttributes: { namespace: 'other', verb: 'get', resource: 'pods' } },
  }).map(errorString), ['metadata.namespace: Invalid value: "default": must match spec.resourceAttributes.namespace']);
});
