import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPod } from './pod-defaults.js';
import { podQOSClass, preparePodForCreate, preparePodForUpdate } from './pod-status.js';
import type { Container, Pod } from './pod.js';

function pod(...containers: Container[]): Pod {
  const p: Pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers } };
  defaultPod(p);
  return p;
}

test('QoS classes as upstream computes them', () => {
  assert.equal(podQOSClass(pod({ name: 'a', image: 'x' })), 'BestEffort');
  assert.equal(podQOSClass(pod({ name: 'a', image: 'x', resources: { requests: { cpu: '100m' } } })), 'Burstable');
  // limits only: requests default to limits, so cpu+memory limits make the pod Guaranteed
  assert.equal(podQOSClass(pod({ name: 'a', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } })), 'Guaranteed');
  assert.equal(podQOSClass(pod({ name: 'a', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } } })), 'Burstable');
  assert.equal(podQOSClass(pod({ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } })), 'Burstable');
  assert.equal(podQOSClass(pod(
    { name: 'a', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } },
    { name: 'b', image: 'x' },
  )), 'Burstable');
  // equal values in different notations still match
  assert.equal(podQOSClass(pod({ name: 'a', image: 'x', resources: { limits: { cpu: '1', memory: '1024Mi' }, requests: { cpu: '1000m', memory: '1Gi' } } })), 'Guaranteed');
  // only cpu and memory count; zero quantities are ignored
  assert.equal(podQOSClass(pod({ name: 'a', image: 'x', resources: { requests: { 'ephemeral-storage': '1Gi', cpu: '0' } } })), 'BestEffort');
});

test('create: status becomes Pending with the QoS class; gated pods get a SchedulingGated condition', () => {
  const p = pod({ name: 'a', image: 'x' });
  p.status = { phase: 'Running', podIP: '1.2.3.4' };
  preparePodForCreate(p);
  assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'BestEffort' });
  assert.equal(p.metadata!.generation, 1);
  const negative = pod({ name: 'a', image: 'x' });
  negative.spec!.terminationGracePeriodSeconds = -5;
  preparePodForCreate(negative);
  assert.equal(negative.spec!.terminationGracePeriodSeconds, 1);
  const gated = pod({ name: 'a', image: 'x' });
  gated.spec!.schedulingGates = [{ name: 'example.com/wait' }];
  preparePodForCreate(gated);
  assert.deepEqual(gated.status?.conditions, [{
    type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates',
  }]);
});

test('update: the stored status is kept and generation follows spec changes', () => {
  const old = pod({ name: 'a', image: 'x:1' });
  preparePodForCreate(old);
  old.status = { phase: 'Running' };
  const same = structuredClone(old);
  same.status = { phase: 'Failed' };
  preparePodForUpdate(same, old);
  assert.deepEqual(same.status, { phase: 'Running' });
  assert.equal(same.metadata!.generation, 1);
  const changed = structuredClone(old);
  changed.spec!.containers[0].image = 'x:2';
  preparePodForUpdate(changed, old);
  assert.equal(changed.metadata!.generation, 2);
});
