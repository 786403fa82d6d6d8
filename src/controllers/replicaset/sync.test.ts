// syncReplicaSet over an in-memory stand-in whose "cache" can lag behind its "API".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { ControllerExpectations } from '../expectations.js';
import { NotFoundError } from '../../machinery/errors.js';
import { replicaSetKind, type ReplicatedObject } from './kinds.js';
import { BURST_REPLICAS, syncReplicaSet, type ReplicaSetOps, type SyncContext } from './sync.js';

class Memory implements ReplicaSetOps {
  api = new Map<string, Pod>();
  cache = new Map<string, Pod>();
  events: string[] = [];
  statuses: ReplicatedObject[] = [];
  creates = 0;
  failCreatesAfter = Infinity;
  n = 0;
  constructor(public owner: ReplicaSet) {}
  now() { return new Date('2026-01-01T12:00:00Z'); }
  pods() { return [...this.cache.values()]; }
  relatedPods() { return this.pods(); }
  async freshOwner() { return structuredClone(this.owner); }
  async createPod(_ns: string, pod: Pod) {
    if (++this.creates > this.failCreatesAfter) throw new Error('pods "x" is forbidden: exceeded quota: q');
    const p = structuredClone(pod);
    p.metadata!.name = `${pod.metadata!.generateName}${String(this.n++).padStart(5, 'b')}`;
    p.metadata!.uid = p.metadata!.name;
    p.metadata!.creationTimestamp = '2026-01-01T11:00:00Z';
    this.api.set(p.metadata!.name, p);
    return p;
  }
  async deletePod(pod: Pod) {
    if (!this.api.delete(pod.metadata!.name!)) throw new NotFoundError({ group: '', resource: 'pods' }, pod.metadata!.name!);
  }
  async patchPod(pod: Pod, patch: Record<string, unknown>) {
    const p = this.api.get(pod.metadata!.name!)!;
    const refs = (patch.metadata as { ownerReferences: { uid: string; $patch?: string }[] }).ownerReferences;
    if (refs[0].$patch === 'delete') p.metadata!.ownerReferences = (p.metadata!.ownerReferences ?? []).filter((r) => r.uid !== refs[0].uid);
    else p.metadata!.ownerReferences = [...(p.metadata!.ownerReferences ?? []), refs[0] as never];
    return p;
  }
  async updateStatus(rs: ReplicatedObject) { this.statuses.push(rs); this.owner = structuredClone(rs as ReplicaSet); return rs; }
  event(_rs: ReplicatedObject, type: string, reason: string, message: string) { this.events.push(`${type} ${reason} ${message}`); }
  /** the informer catches up */
  sync(c: SyncContext) {
    for (const [k, p] of this.api) if (!this.cache.has(k)) { this.cache.set(k, structuredClone(p)); c.expectations.creationObserved('ns/web'); }
    for (const [k] of this.cache) if (!this.api.has(k)) { this.cache.delete(k); c.expectations.deletionObserved('ns/web', `ns/${k}`); }
    for (const [k, p] of this.api) this.cache.set(k, structuredClone(p));
  }
}

const rs = (replicas: number): ReplicaSet => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'ns', uid: 'rs-uid', generation: 1 },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  status: { replicas: 0 },
});
const ctx = (m: Memory): SyncContext => ({ kind: replicaSetKind, ops: m, expectations: new ControllerExpectations() });

test('sync: creates the missing pods once, even while the cache lags', async () => {
  const m = new Memory(rs(3));
  const c = ctx(m);
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.equal(m.api.size, 3);
  const pod = [...m.api.values()][0];
  assert.match(pod.metadata!.name!, /^web-/);
  assert.deepEqual(pod.metadata!.labels, { app: 'web' });
  assert.deepEqual(pod.metadata!.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }]);
  assert.equal(m.events.filter((e) => e.startsWith('Normal SuccessfulCreate Created pod: web-')).length, 3);
  // the cache has not seen them: expectations stop a second round of creations
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.equal(m.api.size, 3);
  m.sync(c);
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.equal(m.api.size, 3);
  assert.deepEqual(m.owner.status, { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
});

test('sync: deleted pods come back; scale down deletes the least valuable; orphans adopted, non-matching released', async () => {
  const m = new Memory(rs(3));
  const c = ctx(m);
  await syncReplicaSet(c, structuredClone(m.owner));
  m.sync(c);
  const [first] = m.api.keys();
  m.api.delete(first);
  m.sync(c);
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.equal(m.api.size, 3);
  m.sync(c);
  // make one pod Running and Ready: scaling to 1 keeps it
  const keep = [...m.api.values()][1];
  keep.spec!.nodeName = 'n1';
  keep.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T11:30:00Z' }] };
  m.sync(c);
  m.owner.spec!.replicas = 1;
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.deepEqual([...m.api.keys()], [keep.metadata!.name]);
  assert.equal(m.events.filter((e) => e.startsWith('Normal SuccessfulDelete')).length, 2);
  m.sync(c);
  // an orphan with matching labels is adopted (and then one pod too many is removed); a relabelled pod is released
  m.api.set('orphan', { metadata: { name: 'orphan', namespace: 'ns', uid: 'o', labels: { app: 'web' }, creationTimestamp: '2026-01-01T11:59:00Z' }, spec: { containers: [] } });
  keep.metadata!.labels = { app: 'other' };
  m.sync(c);
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.deepEqual(m.api.get(keep.metadata!.name!)!.metadata!.ownerReferences, []);
  assert.equal(m.api.get('orphan')!.metadata!.ownerReferences![0].uid, 'rs-uid');
  assert.equal(m.api.size, 2, 'the orphan now counts: nothing created');
});

test('sync: a failing create stops the slow start, sets ReplicaFailure and throws for a retry', async () => {
  const m = new Memory(rs(10));
  m.failCreatesAfter = 2;
  const c = ctx(m);
  await assert.rejects(syncReplicaSet(c, structuredClone(m.owner)), /exceeded quota/);
  // batches 1, 2: the second fails on its second call
  assert.equal(m.creates, 3);
  assert.equal(m.api.size, 2);
  assert.deepEqual(c.expectations.get('ns/web'), { add: 2, del: 0 }, 'only the created pods are awaited');
  assert.equal(m.owner.status!.conditions![0].reason, 'FailedCreate');
  assert.equal(m.events.filter((e) => e.startsWith('Warning FailedCreate Error creating: pods "x" is forbidden')).length, 1);
  m.failCreatesAfter = Infinity;
  m.sync(c);
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.equal(m.api.size, 10);
  assert.equal(m.owner.status!.conditions, undefined, 'the failure condition is removed once creation works');
});

test('sync: at most burstReplicas per sync', async () => {
  const m = new Memory(rs(BURST_REPLICAS + 20));
  const c = ctx(m);
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.equal(m.api.size, BURST_REPLICAS);
  m.sync(c);
  await syncReplicaSet(c, structuredClone(m.owner));
  assert.equal(m.api.size, BURST_REPLICAS + 20);
});
