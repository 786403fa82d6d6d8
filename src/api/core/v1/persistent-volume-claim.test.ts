import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import {
  type PersistentVolumeClaim, defaultPersistentVolumeClaim, persistentVolumeClaimPrinter, preparePersistentVolumeClaimForCreate,
  validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate,
} from './persistent-volume-claim.js';

const pvc = (spec: PersistentVolumeClaim['spec']): PersistentVolumeClaim => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec,
});
const msgs = (p: PersistentVolumeClaim) => validatePersistentVolumeClaim(p).map(errorString);

test('defaults: volumeMode Filesystem and phase Pending', () => {
  const p = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
  defaultPersistentVolumeClaim(p);
  preparePersistentVolumeClaimForCreate(p);
  assert.equal(p.spec?.volumeMode, 'Filesystem');
  assert.deepEqual(p.status, { phase: 'Pending' });
  assert.deepEqual(validatePersistentVolumeClaim(p), []);
});

test('access modes and a positive storage request are required', () => {
  const p = pvc({});
  defaultPersistentVolumeClaim(p);
  assert.deepEqual(msgs(p), [
    'spec.accessModes: Required value: at least 1 access mode is required',
    'spec.resources[storage]: Required value',
  ]);
  const z = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } }, storageClassName: 'Fast!' });
  const m = validatePersistentVolumeClaim(z).map(errorString);
  assert.equal(m[0], 'spec.resources[storage]: Invalid value: "0": must be greater than zero');
  assert.match(m[1], /^spec\.storageClassName: Invalid value: "Fast!": a lowercase RFC 1123 subdomain/);
});

test('dataSource and dataSourceRef fill each other on create', () => {
  const p = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } });
  preparePersistentVolumeClaimForCreate(p);
  assert.deepEqual(p.spec?.dataSourceRef, { kind: 'PersistentVolumeClaim', name: 'src' });
  const bad = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { kind: 'Snapshot', name: 's' } });
  assert.deepEqual(msgs(bad), ['spec.dataSource: Invalid value: "Snapshot": must be \'PersistentVolumeClaim\' when referencing the default apiGroup']);
});

function bound(): PersistentVolumeClaim {
  const p = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' });
  defaultPersistentVolumeClaim(p);
  p.spec!.volumeName = 'pv-1';
  p.status = { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } };
  return p;
}

test('the spec is immutable except a bound claim\'s storage request', () => {
  const old = bound();
  const grow = structuredClone(old);
  grow.spec!.resources = { requests: { storage: '2Gi' } };
  assert.deepEqual(validatePersistentVolumeClaimUpdate(grow, old), []);
  const shrink = structuredClone(old);
  shrink.spec!.resources = { requests: { storage: '512Mi' } };
  assert.deepEqual(validatePersistentVolumeClaimUpdate(shrink, old).map(errorString), [
    'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
  ]);
  const modes = structuredClone(old);
  modes.spec!.accessModes = ['ReadWriteMany'];
  const m = validatePersistentVolumeClaimUpdate(modes, old).map(errorString);
  assert.equal(m.length, 1);
  assert.match(m[0], /^spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/);
  // an unbound claim gets its volumeName set once by the binder
  const pending = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
  defaultPersistentVolumeClaim(pending);
  const binding = structuredClone(pending);
  binding.spec!.volumeName = 'pv-1';
  assert.deepEqual(validatePersistentVolumeClaimUpdate(binding, pending), []);
});

test('printer shows capacity and modes only once bound', () => {
  assert.deepEqual(persistentVolumeClaimPrinter.columns.map((c) => c.name), [
    'Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode',
  ]);
  const now = new Date('2024-01-01T00:05:00Z');
  assert.deepEqual(persistentVolumeClaimPrinter.row(bound(), now), ['data', 'Bound', 'pv-1', '1Gi', 'RWO', 'standard', '<unset>', '5m', 'Filesystem']);
  const p = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
  defaultPersistentVolumeClaim(p);
  assert.deepEqual(persistentVolumeClaimPrinter.row(p, now), ['data', 'Pending', '', '', '', '', '<unset>', '5m', 'Filesystem']);
});
