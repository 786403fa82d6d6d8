import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leasePrinter, validateLease, validateLeaseUpdate, type Lease } from './lease.js';
import { errorString } from '../../../machinery/field-errors.js';

const lease = (spec: Lease['spec'] = {}): Lease => ({ metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec });

test('a node heartbeat lease is valid', () => {
  assert.deepEqual(validateLease(lease({ holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-01-02T15:04:05.000000Z' })), []);
});

test('lease spec rules', () => {
  const errs = validateLease(lease({ leaseDurationSeconds: 0, leaseTransitions: -1, preferredHolder: 'x' })).map(errorString);
  assert.deepEqual(errs, [
    'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
    'spec.strategy: Required value: must be specified when preferredHolder is set',
  ]);
  assert.deepEqual(validateLease({ metadata: { name: 'x' } }).map(errorString), ['metadata.namespace: Required value']);
  const old = lease();
  assert.deepEqual(validateLeaseUpdate({ ...lease(), metadata: { name: 'other', namespace: 'kube-node-lease' } }, old).map(errorString),
    ['metadata.name: Invalid value: "other": field is immutable']);
});

test('printer: NAME HOLDER AGE', () => {
  assert.deepEqual(leasePrinter.columns.map((c) => c.name), ['Name', 'Holder', 'Age']);
  const l = { ...lease({ holderIdentity: 'node-1' }), metadata: { name: 'node-1', creationTimestamp: '2024-01-01T00:00:00Z' } };
  assert.deepEqual(leasePrinter.row(l, new Date('2024-01-01T00:05:00Z')), ['node-1', 'node-1', '5m']);
  assert.deepEqual(leasePrinter.row(lease(), new Date()), ['node-1', '', '<unknown>']);
});
