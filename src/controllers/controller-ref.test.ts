import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adoptPatch, claimDecision, controllerOf, newControllerRef, releasePatch } from './controller-ref.js';

const owner = { metadata: { name: 'web', namespace: 'ns', uid: 'rs-uid' } };
const ref = newControllerRef(owner, 'apps/v1', 'ReplicaSet');
const pod = (extra: Record<string, unknown> = {}) => ({ metadata: { name: 'p', namespace: 'ns', uid: 'pod-uid', ...extra } });

test('newControllerRef: controller and blockOwnerDeletion', () => {
  assert.deepEqual(ref, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', blockOwnerDeletion: true, controller: true });
  assert.equal(controllerOf(pod({ ownerReferences: [{ ...ref, controller: false }] })), undefined);
  assert.equal(controllerOf(pod({ ownerReferences: [ref] }))?.uid, 'rs-uid');
});

test('claimDecision: adopt matching orphans, release non-matching own, leave others alone', () => {
  assert.equal(claimDecision(owner, pod(), true), 'adopt');
  assert.equal(claimDecision(owner, pod(), false), 'ignore');
  assert.equal(claimDecision(owner, pod({ ownerReferences: [ref] }), true), 'owned');
  assert.equal(claimDecision(owner, pod({ ownerReferences: [ref] }), false), 'release');
  assert.equal(claimDecision(owner, pod({ ownerReferences: [{ ...ref, uid: 'other' }] }), true), 'ignore');
  // a non-controller reference does not make a pod owned
  assert.equal(claimDecision(owner, pod({ ownerReferences: [{ ...ref, uid: 'x', controller: false }] }), true), 'adopt');
});

test('claimDecision: nothing is adopted by an owner being deleted, nor a pod being deleted, nor across namespaces', () => {
  const dying = { metadata: { ...owner.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
  assert.equal(claimDecision(dying, pod(), true), 'ignore');
  assert.equal(claimDecision(dying, pod({ ownerReferences: [ref] }), false), 'ignore');
  assert.equal(claimDecision(owner, pod({ deletionTimestamp: '2026-01-01T00:00:00Z' }), true), 'ignore');
  assert.equal(claimDecision(owner, pod({ namespace: 'other' }), true), 'ignore');
});

test('adopt and release patches carry the object uid as a precondition', () => {
  assert.deepEqual(adoptPatch(ref, pod()), { metadata: { ownerReferences: [ref], uid: 'pod-uid' } });
  assert.deepEqual(releasePatch('rs-uid', pod()), { metadata: { ownerReferences: [{ $patch: 'delete', uid: 'rs-uid' }], uid: 'pod-uid' } });
});
