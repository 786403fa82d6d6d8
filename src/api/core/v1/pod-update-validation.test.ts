import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { defaultPod } from './pod-defaults.js';
import { validatePodEphemeralContainersUpdate, validatePodStatusUpdate, validatePodUpdate } from './pod-update-validation.js';
import type { Pod } from './pod.js';

function stored(): Pod {
  const p: Pod = {
    metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.24' }],
      tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      activeDeadlineSeconds: 600,
    },
    status: { phase: 'Running' },
  };
  defaultPod(p);
  return p;
}

const update = (mutate: (p: Pod) => void): string[] => {
  const old = stored();
  const now = structuredClone(old);
  mutate(now);
  return validatePodUpdate(now, old).map(errorString);
};

test('an unchanged pod and an image change are allowed', () => {
  assert.deepEqual(update(() => {}), []);
  assert.deepEqual(update((p) => { p.spec!.containers[0].image = 'nginx:1.25'; }), []);
});

test('activeDeadlineSeconds may only be shortened, never removed', () => {
  assert.deepEqual(update((p) => { p.spec!.activeDeadlineSeconds = 300; }), []);
  assert.deepEqual(update((p) => { p.spec!.activeDeadlineSeconds = 900; }), ['spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value']);
  assert.deepEqual(update((p) => { delete p.spec!.activeDeadlineSeconds; }), ['spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value']);
});

test('tolerations: additions and tolerationSeconds changes only', () => {
  assert.deepEqual(update((p) => { p.spec!.tolerations!.push({ key: 'other', operator: 'Exists' }); }), []);
  assert.deepEqual(update((p) => { p.spec!.tolerations![0].tolerationSeconds = 60; }), []);
  assert.deepEqual(update((p) => { p.spec!.tolerations = []; }), ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
});

test('other spec changes are forbidden with upstream\'s message and a diff', () => {
  const errs = update((p) => { p.spec!.nodeName = 'node-2'; });
  assert.equal(errs.length, 1);
  assert.ok(errs[0].startsWith('spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{'));
  assert.ok(errs[0].includes('+ \tNodeName: "node-2",'));
  assert.deepEqual(update((p) => { p.spec!.containers.push({ name: 'b', image: 'x', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }); }), [
    'spec.containers: Forbidden: pod updates may not add or remove containers',
  ]);
  assert.deepEqual(update((p) => { p.metadata!.namespace = 'other'; }).filter((m) => m.startsWith('metadata.namespace')), [
    'metadata.namespace: Invalid value: "other": field is immutable',
  ]);
});

test('scheduling gates may only be removed', () => {
  const old = stored();
  old.spec!.schedulingGates = [{ name: 'example.com/a' }];
  const now = structuredClone(old);
  now.spec!.schedulingGates = [];
  assert.deepEqual(validatePodUpdate(now, old).map(errorString), []);
  now.spec!.schedulingGates = [{ name: 'example.com/b' }];
  assert.deepEqual(validatePodUpdate(now, old).map(errorString), [
    "spec.schedulingGates[0].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/b'",
  ]);
});

test('status updates may not move the pod to another node', () => {
  const old = stored();
  const now = structuredClone(old);
  now.status = { phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }], hostIP: '192.168.1.2', hostIPs: [{ ip: '192.168.1.2' }] };
  assert.deepEqual(validatePodStatusUpdate(now, old).map(errorString), []);
  now.spec!.nodeName = 'elsewhere';
  now.status.podIPs = [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }];
  assert.deepEqual(validatePodStatusUpdate(now, old).map(errorString), [
    'status.nodeName: Forbidden: may not be changed directly',
    'status.podIPs: Invalid value: [{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}]: may specify no more than one IP for each IP family',
  ]);
});

test('ephemeral containers may be added but not changed', () => {
  const old = stored();
  const added = structuredClone(old);
  added.spec!.ephemeralContainers = [{ name: 'debug', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }];
  assert.deepEqual(validatePodEphemeralContainersUpdate(added, old).map(errorString), []);
  const changed = structuredClone(added);
  changed.spec!.ephemeralContainers![0].image = 'alpine';
  const errs = validatePodEphemeralContainersUpdate(changed, added).map(errorString);
  assert.equal(errs.length, 1);
  assert.ok(errs[0].startsWith('spec.ephemeralContainers: Forbidden: existing ephemeral containers "debug" may not be changed\n'));
});
