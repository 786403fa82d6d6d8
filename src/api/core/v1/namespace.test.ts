import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import {
  type Namespace, defaultNamespace, namespacePrinter, namespaceResource, prepareNamespaceForCreate, prepareNamespaceForUpdate,
  validateNamespace, validateNamespaceFinalizeUpdate, validateNamespaceStatusUpdate,
} from './namespace.js';

const ns = (name: string): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

test('a created namespace looks as a cluster returns it', () => {
  const n = ns('team-a');
  defaultNamespace(n);
  prepareNamespaceForCreate(n);
  assert.deepEqual(n.metadata?.labels, { 'kubernetes.io/metadata.name': 'team-a' });
  assert.deepEqual(n.spec, { finalizers: ['kubernetes'] });
  assert.deepEqual(n.status, { phase: 'Active' });
  assert.deepEqual(validateNamespace(n), []);
});

test('namespace names are DNS labels and cluster-scoped', () => {
  const n = ns('a.b');
  n.metadata!.namespace = 'default';
  assert.deepEqual(validateNamespace(n).map(errorString), [
    `metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    'metadata.namespace: Forbidden: not allowed on this type',
  ]);
});

test('finalizer names must be standard or fully qualified', () => {
  const n = ns('x');
  n.spec = { finalizers: ['custom'] };
  assert.deepEqual(validateNamespace(n).map(errorString), [
    'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
  ]);
  assert.deepEqual(validateNamespaceFinalizeUpdate(n, ns('x')).map(errorString), [
    'spec.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
  ]);
});

test('status phase must agree with deletionTimestamp; updates keep finalizers and status', () => {
  const old = ns('x');
  prepareNamespaceForCreate(old);
  const next = structuredClone(old);
  next.status = { phase: 'Terminating' };
  assert.deepEqual(validateNamespaceStatusUpdate(next, old).map(errorString), [
    'status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty',
  ]);
  const upd = ns('x');
  upd.spec = { finalizers: [] };
  prepareNamespaceForUpdate(upd, old);
  assert.deepEqual(upd.spec.finalizers, ['kubernetes']);
  assert.deepEqual(upd.status, { phase: 'Active' });
});

test('printer and registration', () => {
  const n = ns('x');
  n.metadata!.creationTimestamp = '2024-01-01T00:00:00Z';
  defaultNamespace(n);
  assert.deepEqual(namespacePrinter.columns.map((c) => c.name), ['Name', 'Status', 'Age']);
  assert.deepEqual(namespacePrinter.row(n, new Date('2024-01-03T00:00:00Z')), ['x', 'Active', '2d']);
  assert.deepEqual(namespaceResource.shortNames, ['ns']);
  assert.deepEqual(namespaceResource.subresources, ['status', 'finalize']);
  assert.equal(namespaceResource.namespaced, false);
});
