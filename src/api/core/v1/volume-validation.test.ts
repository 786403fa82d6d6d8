import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString, root } from '../../../machinery/field-errors.js';
import { validateCSIPersistentVolumeSource, validateHostPathVolumeSource, validateLocalVolumeSource } from './volume-validation.js';
import { validateVolumes } from './pod-volume-validation.js';
import type { EphemeralVolumeSource, Volume } from './pod-volume.js';

const msgs = (volumes: Volume[], podName?: string): string[] =>
  validateVolumes(volumes, podName ? { name: podName } : undefined, root('spec', 'volumes')).errors.map(errorString);

test('host path: required path, no "..", supported types', () => {
  assert.deepEqual(validateHostPathVolumeSource({ path: '' }, root('spec', 'hostPath')).map(errorString), ['spec.hostPath.path: Required value']);
  assert.deepEqual(validateHostPathVolumeSource({ path: '/x', type: 'Dir' as never }, root('spec', 'hostPath')).map(errorString), [
    'spec.hostPath.type: Unsupported value: "Dir": supported values: "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"',
  ]);
});

test('local and CSI persistent volume sources', () => {
  assert.deepEqual(validateLocalVolumeSource({ path: '' }, root('spec', 'local')).map(errorString), ['spec.local.path: Required value']);
  assert.deepEqual(validateCSIPersistentVolumeSource({ driver: 'ebs.csi.aws.com', volumeHandle: '', nodePublishSecretRef: { name: 's' } }, root('spec', 'csi')).map(errorString), [
    'spec.csi.volumeHandle: Required value',
    'spec.csi.nodePublishSecretRef.namespace: Required value',
  ]);
});

test('projected volumes: one source per entry, token lifetime, duplicate paths', () => {
  assert.deepEqual(msgs([{ name: 'p', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 60 } }] } }]), [
    'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
  ]);
  assert.deepEqual(msgs([{ name: 'p', projected: { sources: [{ configMap: { name: 'a', items: [{ key: 'k', path: 'f' }] }, secret: { name: 'b' } }] } }]), [
    'spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type per source',
  ]);
  assert.deepEqual(msgs([{ name: 'p', projected: { sources: [{ configMap: { name: 'a', items: [{ key: 'k', path: 'f' }] } }, { secret: { name: 'b', items: [{ key: 'k', path: 'f' }] } }] } }]), [
    'spec.volumes[0].projected: Invalid value: "b": conflicting duplicate paths',
  ]);
});

test('key paths must be relative and not escape the volume', () => {
  assert.deepEqual(msgs([{ name: 's', secret: { secretName: 's', items: [{ key: 'k', path: '/etc/x' }] } }]), [
    'spec.volumes[0].secret.items[0].path: Invalid value: "/etc/x": must be a relative path',
  ]);
  assert.deepEqual(msgs([{ name: 's', secret: { secretName: 's', items: [{ key: 'k', path: '..data' }] } }]), [
    'spec.volumes[0].secret.items[0].path: Invalid value: "..data": must not start with \'..\'',
  ]);
});

test('downward API files need exactly one of fieldRef and resourceFieldRef', () => {
  assert.deepEqual(msgs([{ name: 'd', downwardAPI: { items: [{ path: 'x' }] } }]), [
    'spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required',
  ]);
  assert.deepEqual(msgs([{ name: 'd', downwardAPI: { items: [{ path: 'cpu', resourceFieldRef: { resource: 'limits.cpu', divisor: '2' } }] } }]), [
    'spec.volumes[0].downwardAPI.resourceFieldRef.containerName: Required value',
    'spec.volumes[0].downwardAPI.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor\'s values 1m and 1 are supported with the cpu resource',
  ]);
});

test('ephemeral volumes: the generated claim name must be valid and not be claimed directly', () => {
  const tpl: EphemeralVolumeSource = { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } };
  assert.deepEqual(msgs([{ name: 'scratch', ephemeral: tpl }, { name: 'other', persistentVolumeClaim: { claimName: 'web-scratch' } }], 'web'), [
    'spec.volumes[1].persistentVolumeClaim.claimName: Invalid value: "web-scratch": must not reference a PVC that gets created for an ephemeral volume',
  ]);
  assert.deepEqual(msgs([{ name: 'e', ephemeral: {} }]), ['spec.volumes[0].ephemeral.volumeClaimTemplate: Required value']);
  assert.deepEqual(msgs([{ name: 'e', ephemeral: { volumeClaimTemplate: { metadata: { name: 'x' }, spec: { accessModes: ['ReadWriteOnce'] } } } }]), [
    'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.name: Forbidden: cannot be set',
    'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]: Required value',
  ]);
});

test('image volumes need a reference in pods and a pull policy', () => {
  assert.deepEqual(msgs([{ name: 'i', image: { pullPolicy: 'IfNotPresent' } }], 'web'), ['spec.volumes[0].image.reference: Required value']);
  assert.deepEqual(msgs([{ name: 'i', image: { pullPolicy: 'IfNotPresent' } }]), []);
});
