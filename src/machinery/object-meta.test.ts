import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateObjectMeta, validateObjectMetaUpdate, rfc3339, rfc3339Micro } from './object-meta.js';
import { nameIsDNSSubdomain, nameIsDNSLabel } from './validation.js';
import { aggregateMessage, errorString } from './field-errors.js';
import { InvalidError } from './errors.js';

const namespaced = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const cluster = { namespaced: false, nameValidator: nameIsDNSLabel };

test('a valid namespaced object has no errors', () => {
  assert.deepEqual(validateObjectMeta({ name: 'web', namespace: 'default', labels: { app: 'web' } }, namespaced), []);
});

test('name is required unless generateName is used (which the server resolves first)', () => {
  const errs = validateObjectMeta({ namespace: 'default' }, namespaced);
  assert.deepEqual(errs.map(errorString), ['metadata.name: Required value: name or generateName is required']);
});

test('an invalid name reports upstream text with the value', () => {
  const errs = validateObjectMeta({ name: 'Foo', namespace: 'default' }, namespaced);
  assert.equal(errs.length, 1);
  assert.equal(errorString(errs[0]),
    "metadata.name: Invalid value: \"Foo\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
});

test('namespace required on namespaced kinds and forbidden on cluster-scoped ones', () => {
  assert.deepEqual(validateObjectMeta({ name: 'web' }, namespaced).map(errorString), ['metadata.namespace: Required value']);
  assert.deepEqual(validateObjectMeta({ name: 'n1', namespace: 'x' }, cluster).map(errorString), ['metadata.namespace: Forbidden: not allowed on this type']);
});

test('labels, annotations, owner references, finalizers', () => {
  const errs = validateObjectMeta({
    name: 'web', namespace: 'default',
    labels: { 'bad key!': 'v', ok: 'bad value!' },
    annotations: { 'also bad!': 'x' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
    ],
    finalizers: ['example.com/x', 'example.com/x'],
  }, namespaced).map(errorString);
  assert.equal(errs.length, 5);
  assert.match(errs[0], /^metadata\.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters/);
  assert.match(errs[1], /^metadata\.labels: Invalid value: "bad value!": a valid label must be an empty string/);
  assert.match(errs[2], /^metadata\.annotations: Invalid value: "also bad!"/);
  assert.match(errs[3], /Only one reference can have Controller set to true\. Found "true" in references for Kind=ReplicaSet, Name=a and Kind=ReplicaSet, Name=b$/);
  assert.match(errs[4], /duplicate finalizer: example\.com\/x/);
});

test('update: name, namespace, uid and creationTimestamp are immutable', () => {
  const old = { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z', generation: 2 };
  assert.deepEqual(validateObjectMetaUpdate({ ...old }, old, namespaced), []);
  const errs = validateObjectMetaUpdate({ ...old, uid: 'u2', generation: 1 }, old, namespaced).map(errorString);
  assert.deepEqual(errs, ['metadata.uid: Invalid value: "u2": field is immutable', 'metadata.generation: Invalid value: 1: must not be decremented']);
});

test('InvalidError renders one error plainly and several in brackets, with causes', () => {
  const one = new InvalidError('', 'Pod', 'Foo', validateObjectMeta({ name: 'Foo', namespace: 'default' }, namespaced));
  assert.match(one.message, /^Pod "Foo" is invalid: metadata\.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain/);
  const two = validateObjectMeta({}, namespaced);
  assert.equal(aggregateMessage(two), '[metadata.name: Required value: name or generateName is required, metadata.namespace: Required value]');
  const st = new InvalidError('apps', 'Deployment', 'x', two).toStatus();
  assert.equal(st.code, 422);
  assert.equal(st.reason, 'Invalid');
  assert.equal(st.message, 'Deployment.apps "x" is invalid: [metadata.name: Required value: name or generateName is required, metadata.namespace: Required value]');
  assert.deepEqual(st.details?.causes?.[1], { reason: 'FieldValueRequired', message: 'Required value', field: 'metadata.namespace' });
});

test('timestamps serialize like metav1.Time and MicroTime', () => {
  const d = new Date('2024-03-04T05:06:07.891Z');
  assert.equal(rfc3339(d), '2024-03-04T05:06:07Z');
  assert.equal(rfc3339Micro(d), '2024-03-04T05:06:07.891000Z');
});
