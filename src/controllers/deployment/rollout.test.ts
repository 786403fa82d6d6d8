// The rollout steps over an in-memory stand-in for the API (writes land in a map, events in a
// list), so the sequence of ReplicaSet sizes and events can be followed step by step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { AlreadyExistsError } from '../../machinery/errors.js';
import type { DeploymentOps } from './ops.js';
import { rolloutRolling } from './rolling.js';
import { rolloutRecreate } from './recreate.js';
import { cleanupDeployment, isScalingEvent, syncScaleOnly, checkPausedConditions } from './sync.js';
import { computeHash } from './hash.js';
import { syncDeployment } from './reconcile.js';
import { getCondition, rolloutStatus, stuckRequeueAfter } from './progress.js';

const NOW = new Date('2026-01-01T12:00:00Z');

class Memory implements DeploymentOps {
  rs = new Map<string, ReplicaSet>();
  events: string[] = [];
  statuses: Deployment[] = [];
  deleted: string[] = [];
  clock = NOW;
  rv = 1;
  now() { return this.clock; }
  async createReplicaSet(r: ReplicaSet) {
    if (this.rs.has(r.metadata!.name!)) throw new AlreadyExistsError({ group: 'apps', resource: 'replicasets' }, r.metadata!.name!);
    const c = structuredClone(r);
    c.metadata!.uid = `${c.metadata!.name}-uid`;
    c.metadata!.creationTimestamp = new Date(this.clock.getTime() + this.rv++ * 1000).toISOString();
    c.status = { replicas: 0 };
    this.rs.set(c.metadata!.name!, c);
    return structuredClone(c);
  }
  async updateReplicaSet(r: ReplicaSet) { this.rs.set(r.metadata!.name!, structuredClone(r)); return structuredClone(r); }
  async deleteReplicaSet(r: ReplicaSet) { this.deleted.push(r.metadata!.name!); this.rs.delete(r.metadata!.name!); }
  cachedReplicaSet(_ns: string, name: string) { return this.rs.get(name); }
  async updateStatus(d: Deployment) { this.statuses.push(structuredClone(d)); return { ...d, metadata: { ...d.metadata, resourceVersion: String(this.rv++) } }; }
  event(_d: Deployment, type: string, reason: string, message: string) { this.events.push(`${type} ${reason} ${message}`); }
  list() { return [...this.rs.values()].map((r) => structuredClone(r)); }
  /** the ReplicaSet controller and kubelet, instantly: every pod exists and is available */
  settle(name?: string) {
    for (const r of this.rs.values()) {
      if (name && r.metadata!.name !== name) continue;
      const n = r.spec!.replicas!;
      r.status = { replicas: n, readyReplicas: n, availableReplicas: n, observedGeneration: r.metadata!.generation };
    }
  }
  replicaSets() { return [...this.rs.values()].map((r) => structuredClone(r)); }
  pods() { return []; }
  async freshDeployment(d: Deployment) { return d; }
  async patchReplicaSet(r: ReplicaSet, patch: Record<string, unknown>) {
    const cur = this.rs.get(r.metadata!.name!)!;
    const refs = (patch.metadata as { ownerReferences: { uid: string; $patch?: string }[] }).ownerReferences;
    if (refs[0].$patch === 'delete') cur.metadata!.ownerReferences = (cur.metadata!.ownerReferences ?? []).filter((x) => x.uid !== refs[0].uid);
    else cur.metadata!.ownerReferences = [...(cur.metadata!.ownerReferences ?? []), refs[0] as never];
    return structuredClone(cur);
  }
  sizes() { return Object.fromEntries([...this.rs.values()].map((r) => [r.metadata!.name!, r.spec!.replicas!])); }
}

const tpl = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } });
const deployment = (replicas: number, image = 'nginx:1', strategy: Deployment['spec'] extends infer S ? S extends { strategy?: infer T } ? T : never : never = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }): Deployment => ({
  metadata: { name: 'web', namespace: 'ns', uid: 'd-uid', generation: 1 },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: tpl(image), strategy, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 },
  status: {},
});
/** one sync as the controller does it: on a fresh copy of the Deployment, over the current ReplicaSets */
async function sync(m: Memory, d: Deployment) {
  const after = await rolloutRolling(m, d, m.list());
  return after;
}

test('rolling: first sync creates <name>-<hash> at full size with revision 1 and the upstream event', async () => {
  const m = new Memory();
  const d = deployment(3);
  await sync(m, d);
  const name = `web-${computeHash(d.spec!.template)}`;
  const created = m.rs.get(name)!;
  assert.equal(created.spec!.replicas, 3);
  assert.equal(created.metadata!.labels!['pod-template-hash'], computeHash(d.spec!.template));
  assert.equal(created.spec!.selector.matchLabels!['pod-template-hash'], computeHash(d.spec!.template));
  assert.equal(created.spec!.template!.metadata!.labels!['pod-template-hash'], computeHash(d.spec!.template));
  assert.deepEqual(created.metadata!.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }]);
  assert.equal(created.metadata!.annotations!['deployment.kubernetes.io/revision'], '1');
  assert.deepEqual(m.events, [`Normal ScalingReplicaSet Scaled up replica set ${name} to 3`]);
  assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '1');
  assert.equal(getCondition(d.status, 'Progressing')?.reason, 'NewReplicaSetCreated');
  assert.equal(getCondition(d.status, 'Progressing')?.message, `Created new replica set "${name}"`);
  m.settle();
  await sync(m, d);
  assert.equal(getCondition(d.status, 'Progressing')?.reason, 'NewReplicaSetAvailable');
  assert.equal(getCondition(d.status, 'Progressing')?.message, `ReplicaSet "${name}" has successfully progressed.`);
  assert.equal(getCondition(d.status, 'Available')?.reason, 'MinimumReplicasAvailable');
  assert.deepEqual({ r: d.status!.replicas, u: d.status!.updatedReplicas, a: d.status!.availableReplicas }, { r: 3, u: 3, a: 3 });
});

test('rolling: maxSurge 1 / maxUnavailable 0 moves one pod at a time and never drops below 3 available', async () => {
  const m = new Memory();
  let d = deployment(3);
  await sync(m, d);
  m.settle();
  await sync(m, d);
  const oldName = [...m.rs.keys()][0];
  d = { ...d, metadata: { ...d.metadata, generation: 2 }, spec: { ...d.spec!, template: tpl('nginx:2') } };
  const newName = `web-${computeHash(d.spec!.template)}`;
  m.events = [];
  const trace: string[] = [];
  for (let i = 0; i < 12; i++) {
    await sync(m, d);
    trace.push(`${m.rs.get(oldName)!.spec!.replicas}/${m.rs.get(newName)?.spec!.replicas ?? 0}`);
    const avail = [...m.rs.values()].reduce((n, r) => n + (r.status?.availableReplicas ?? 0), 0);
    assert.ok(avail >= 3, `available ${avail} at step ${i}`);
    m.settle();
  }
  assert.deepEqual(trace.slice(0, 6), ['3/1', '2/1', '2/2', '1/2', '1/3', '0/3']);
  assert.deepEqual(m.events, [
    `Normal ScalingReplicaSet Scaled up replica set ${newName} to 1`,
    `Normal ScalingReplicaSet Scaled down replica set ${oldName} to 2 from 3`,
    `Normal ScalingReplicaSet Scaled up replica set ${newName} to 2 from 1`,
    `Normal ScalingReplicaSet Scaled down replica set ${oldName} to 1 from 2`,
    `Normal ScalingReplicaSet Scaled up replica set ${newName} to 3 from 2`,
    `Normal ScalingReplicaSet Scaled down replica set ${oldName} to 0 from 1`,
  ]);
  assert.equal(m.rs.get(newName)!.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
  assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
  assert.equal(getCondition(d.status, 'Progressing')?.reason, 'NewReplicaSetAvailable');
});

test('rolling: unhealthy old pods are cleaned up first; rollback reuses the old ReplicaSet with the next revision', async () => {
  const m = new Memory();
  let d = deployment(4, 'nginx:1', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
  await sync(m, d);
  m.settle();
  const v1 = [...m.rs.keys()][0];
  m.rs.get(v1)!.status!.availableReplicas = 2; // two old pods crash
  d = { ...d, spec: { ...d.spec!, template: tpl('nginx:2') } };
  m.events = [];
  await sync(m, d);
  const v2 = `web-${computeHash(d.spec!.template)}`;
  // no surge: the new RS starts at 0; one unhealthy old replica may go (4 - minAvailable 3), and no
  // available one (2 available is already below 3)
  assert.deepEqual(m.sizes(), { [v1]: 3, [v2]: 0 });
  assert.deepEqual(m.events, [`Normal ScalingReplicaSet Scaled down replica set ${v1} to 3 from 4`]);
  for (let i = 0; i < 10; i++) { m.settle(); await sync(m, d); }
  assert.deepEqual(m.sizes(), { [v1]: 0, [v2]: 4 });
  // undo: the template goes back to v1's; the same ReplicaSet becomes new with revision 3 and history 1
  d = { ...d, spec: { ...d.spec!, template: tpl('nginx:1') } };
  m.events = [];
  for (let i = 0; i < 10; i++) { await sync(m, d); m.settle(); }
  assert.equal(m.rs.size, 2, 'no third ReplicaSet');
  assert.deepEqual(m.sizes(), { [v1]: 4, [v2]: 0 });
  const a = m.rs.get(v1)!.metadata!.annotations!;
  assert.equal(a['deployment.kubernetes.io/revision'], '3');
  assert.equal(a['deployment.kubernetes.io/revision-history'], '1');
  assert.equal(d.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
});

test('hash collision: a foreign ReplicaSet with the name bumps collisionCount and the next sync uses a new name', async () => {
  const m = new Memory();
  const d = deployment(2);
  const name = `web-${computeHash(d.spec!.template)}`;
  m.rs.set(name, { metadata: { name, namespace: 'ns', uid: 'foreign' }, spec: { replicas: 1, selector: { matchLabels: { x: 'y' } }, template: tpl('other') } });
  await assert.rejects(sync(m, d), /already exists/);
  assert.equal(d.status!.collisionCount, 1);
  await sync(m, d);
  assert.ok(m.rs.has(`web-${computeHash(d.spec!.template, 1)}`));
});

test('scaling event during a rollout scales proportionally; paused Deployments only scale', async () => {
  const m = new Memory();
  let d = deployment(10, 'nginx:1', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } });
  await sync(m, d);
  m.settle();
  d = { ...d, spec: { ...d.spec!, template: tpl('nginx:2') } };
  await sync(m, d); // new RS created at 3 (surge), old down to 8 (maxUnavailable 2)
  await sync(m, d); // new RS up to 5: 13 pods again
  const [v1, v2] = [...m.rs.keys()];
  assert.deepEqual(m.sizes(), { [v1]: 8, [v2]: 5 });
  d = { ...d, spec: { ...d.spec!, replicas: 15 } };
  assert.equal(isScalingEvent(d, m.rs.get(v2), [m.rs.get(v1)!]), true);
  await syncScaleOnly(m, d, m.list());
  // the documented example: allowed 18 over 13, +5 split by the max-replicas annotation of 13: 8→11, 5→7
  assert.deepEqual(m.sizes(), { [v1]: 11, [v2]: 7 });
  assert.deepEqual(m.events.slice(-2), [
    `Normal ScalingReplicaSet Scaled up replica set ${v1} to 11 from 8`,
    `Normal ScalingReplicaSet Scaled up replica set ${v2} to 7 from 5`,
  ]);
  const paused = { ...d, spec: { ...d.spec!, paused: true, template: tpl('nginx:3') } };
  await checkPausedConditions(m, paused);
  assert.equal(getCondition(paused.status, 'Progressing')?.reason, 'DeploymentPaused');
  assert.equal(getCondition(paused.status, 'Progressing')?.status, 'Unknown');
  await syncScaleOnly(m, paused, m.list());
  assert.equal(m.rs.size, 2, 'a paused Deployment does not roll out its new template');
  const resumed = { ...paused, spec: { ...paused.spec!, paused: false } };
  await checkPausedConditions(m, resumed);
  assert.equal(getCondition(resumed.status, 'Progressing')?.reason, 'DeploymentResumed');
});

test('recreate: old ReplicaSets go to zero and their pods away before the new one is created', async () => {
  const m = new Memory();
  let d = deployment(2, 'nginx:1', { type: 'Recreate' });
  await rolloutRecreate(m, d, m.list(), new Map());
  m.settle();
  const v1 = [...m.rs.keys()][0];
  d = { ...d, spec: { ...d.spec!, template: tpl('nginx:2') } };
  m.events = [];
  await rolloutRecreate(m, d, m.list(), new Map());
  assert.deepEqual(m.sizes(), { [v1]: 0 });
  // the old pods still run: no new ReplicaSet yet
  const running = new Map<string, Pod[]>([[`${v1}-uid`, [{ status: { phase: 'Running' } }]]]);
  m.settle();
  await rolloutRecreate(m, d, m.list(), running);
  assert.equal(m.rs.size, 1);
  await rolloutRecreate(m, d, m.list(), new Map<string, Pod[]>([[`${v1}-uid`, [{ status: { phase: 'Succeeded' } }]]]));
  const v2 = `web-${computeHash(d.spec!.template)}`;
  assert.deepEqual(m.sizes(), { [v1]: 0, [v2]: 2 });
  assert.deepEqual(m.events, [
    `Normal ScalingReplicaSet Scaled down replica set ${v1} to 0 from 2`,
    `Normal ScalingReplicaSet Scaled up replica set ${v2} to 2`,
  ]);
});

test('revisionHistoryLimit: the lowest revisions beyond the limit go, only when empty and observed', async () => {
  const m = new Memory();
  const d = deployment(1);
  d.spec!.revisionHistoryLimit = 1;
  const old = (name: string, rev: number, replicas = 0): ReplicaSet => ({
    metadata: { name, namespace: 'ns', uid: name, generation: 1, annotations: { 'deployment.kubernetes.io/revision': String(rev) } },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: tpl(name) }, status: { replicas, observedGeneration: 1 },
  });
  await cleanupDeployment(m, [old('r3', 3), old('r1', 1), old('r2', 2, 1), old('r4', 4)], d);
  // four old, limit one: the three lowest revisions are candidates; r2 still has a pod
  assert.deepEqual(m.deleted, ['r1', 'r3']);
});

test('progress: deadline exceeded, and the requeue that checks it', () => {
  const d = deployment(2);
  const lastUpdate = new Date(NOW.getTime() - 590_000).toISOString();
  d.status = { replicas: 2, updatedReplicas: 1, availableReplicas: 1, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: lastUpdate, lastTransitionTime: lastUpdate }] };
  const nu: ReplicaSet = { metadata: { name: 'web-new' }, spec: { replicas: 1, selector: {}, template: tpl('x') }, status: { replicas: 1 } };
  const old: ReplicaSet = { metadata: { name: 'web-old' }, spec: { replicas: 1, selector: {}, template: tpl('y') }, status: { replicas: 1, availableReplicas: 1 } };
  const s = rolloutStatus([old, nu], nu, d, NOW);
  assert.equal(getCondition(s, 'Progressing')?.reason, 'ReplicaSetUpdated', 'not yet');
  assert.equal(stuckRequeueAfter(d, s, NOW), 10_000);
  const late = rolloutStatus([old, nu], nu, d, new Date(NOW.getTime() + 11_000));
  assert.deepEqual(getCondition(late, 'Progressing'), {
    type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-new" has timed out progressing.',
    lastUpdateTime: '2026-01-01T12:00:11Z', lastTransitionTime: '2026-01-01T12:00:11Z',
  });
  assert.equal(getCondition(late, 'Available')?.reason, 'MinimumReplicasUnavailable');
  assert.equal(getCondition(late, 'Available')?.message, 'Deployment does not have minimum availability.');
});

test('syncDeployment: adopts a matching orphan ReplicaSet with the same template instead of creating one', async () => {
  const m = new Memory();
  const d = deployment(2);
  m.rs.set('web-orphan', {
    metadata: { name: 'web-orphan', namespace: 'ns', uid: 'o', labels: { app: 'web' }, creationTimestamp: NOW.toISOString() },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: tpl('nginx:1') }, status: { replicas: 2, availableReplicas: 2 },
  });
  await syncDeployment(m, d);
  assert.equal(m.rs.size, 1);
  assert.equal(m.rs.get('web-orphan')!.metadata!.ownerReferences![0].uid, 'd-uid');
  assert.equal(m.rs.get('web-orphan')!.metadata!.annotations!['deployment.kubernetes.io/revision'], '1');
});

test('syncDeployment: an empty selector only reports SelectingAll', async () => {
  const m = new Memory();
  const d = deployment(2);
  d.spec!.selector = {};
  await syncDeployment(m, d);
  assert.deepEqual(m.events, ['Warning SelectingAll This deployment is selecting all pods. A non-empty selector is required.']);
  assert.equal(d.status!.observedGeneration, 1);
  assert.equal(m.rs.size, 0);
});
