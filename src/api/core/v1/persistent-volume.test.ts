import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import {
  type PersistentVolume, defaultPersistentVolume, persistentVolumePrinter, preparePersistentVolumeForCreate,
  validatePersistentVolume, validatePersistentVolumeUpdate,
} from './persistent-volume.js';

const pv = (spec: PersistentVolume['spec']): PersistentVolume => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1', creationTimestamp: '2024-01-01T00:00:00Z' }, spec,
});
const msgs = (p: PersistentVolume) => validatePersistentVolume(p).map(errorString);

test('defaults and create preparation of a hostPath volume', () => {
  const p = pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } });
  defaultPersistentVolume(p);
  preparePersistentVolumeForCreate(p, new Date('2024-01-01T00:00:00Z'));
  assert.deepEqual(p.spec, {
    capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data', type: '' },
    persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem',
  });
  assert.deepEqual(p.status, { phase: 'Pending', lastPhaseTransitionTime: '2024-01-01T00:00:00Z' });
  assert.deepEqual(validatePersistentVolume(p), []);
});

test('capacity, access modes and a volume type are required', () => {
  const p = pv({});
  defaultPersistentVolume(p);
  assert.deepEqual(msgs(p), [
    'spec.accessModes: Required value',
    'spec.capacity: Required value',
    'spec.capacity: Unsupported value: {}: supported values: "storage"',
    'spec: Required value: must specify a volume type',
  ]);
});

test('bad values: access mode, capacity, reclaim policy, two sources, local without affinity', () => {
  const p = pv({
    capacity: { storage: '0', cpu: '1' }, accessModes: ['ReadWriteOncePod', 'ReadWriteOnce', 'Sometimes' as 'ReadWriteOnce'],
    persistentVolumeReclaimPolicy: 'Keep' as 'Retain', local: { path: '/mnt/disk' }, csi: { driver: 'x.csi.io', volumeHandle: 'h' },
  });
  assert.deepEqual(msgs(p), [
    'spec.accessModes: Unsupported value: "Sometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
    'spec.capacity: Unsupported value: {"storage":"0","cpu":"1"}: supported values: "storage"',
    'spec.capacity[storage]: Invalid value: "0": must be greater than zero',
    'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
    'spec.nodeAffinity: Required value: Local volume requires node affinity',
    'spec.csi: Forbidden: may not specify more than 1 volume type',
  ]);
  const root = pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '//' }, persistentVolumeReclaimPolicy: 'Recycle' });
  assert.deepEqual(msgs(root), ["spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'"]);
});

test('the volume source and volumeMode cannot change', () => {
  const old = pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], nfs: { server: 'nfs', path: '/a' } });
  defaultPersistentVolume(old);
  const next = structuredClone(old);
  next.spec!.nfs = { server: 'nfs', path: '/b' };
  next.spec!.volumeMode = 'Block';
  next.spec!.capacity = { storage: '2Gi' };
  const m = validatePersistentVolumeUpdate(next, old).map(errorString);
  assert.equal(m.length, 2);
  assert.match(m[0], /^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n/);
  assert.equal(m[1], 'volumeMode: Invalid value: "Block": field is immutable');
});

test('printer', () => {
  const p = pv({
    capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], hostPath: { path: '/d' }, storageClassName: 'standard',
    claimRef: { namespace: 'default', name: 'data' },
  });
  defaultPersistentVolume(p);
  p.status = { phase: 'Bound' };
  assert.deepEqual(persistentVolumePrinter.columns.map((c) => c.name), [
    'Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode',
  ]);
  assert.deepEqual(persistentVolumePrinter.row(p, new Date('2024-01-02T00:00:00Z')), [
    'pv-1', '1Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/data', 'standard', '<unset>', '', '24h', 'Filesystem',
  ]);
});
