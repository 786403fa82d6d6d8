import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultStorageClass, storageClassPrinter, validateStorageClass, validateStorageClassUpdate, type StorageClass,
} from './storageclass.js';
import { errorString } from '../../../machinery/field-errors.js';

const sc = (): StorageClass => ({
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, creationTimestamp: '2024-01-01T00:00:00Z' },
  provisioner: 'rancher.io/local-path',
});

test('defaults: reclaimPolicy Delete, volumeBindingMode Immediate', () => {
  const s = sc();
  defaultStorageClass(s);
  assert.equal(s.reclaimPolicy, 'Delete');
  assert.equal(s.volumeBindingMode, 'Immediate');
  assert.deepEqual(validateStorageClass(s), []);
});

test('validation: provisioner, reclaim policy, immutable fields', () => {
  const s = { ...sc(), provisioner: '', reclaimPolicy: 'Recycle' as const };
  defaultStorageClass(s);
  assert.deepEqual(validateStorageClass(s).map(errorString), [
    'provisioner: Required value',
    'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
  ]);
  const old = sc();
  defaultStorageClass(old);
  const changed = { ...sc(), parameters: { type: 'ssd' }, reclaimPolicy: 'Retain' as const, volumeBindingMode: 'WaitForFirstConsumer' as const };
  assert.deepEqual(validateStorageClassUpdate(changed, old).map(errorString), [
    'parameters: Forbidden: updates to parameters are forbidden.',
    'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
    'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
  ]);
});

test('printer: the default class is marked "(default)"', () => {
  assert.deepEqual(storageClassPrinter.columns.map((c) => c.name),
    ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
  const s = sc();
  defaultStorageClass(s);
  assert.deepEqual(storageClassPrinter.row(s, new Date('2024-01-02T00:00:00Z')),
    ['standard (default)', 'rancher.io/local-path', 'Delete', 'Immediate', false, '24h']);
  s.metadata!.annotations = {};
  assert.equal(storageClassPrinter.row(s, new Date())[0], 'standard');
});
