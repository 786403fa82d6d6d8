import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import { compareForDeletion, deletionCost, podsToDelete } from './ranking.js';

const NOW = new Date('2026-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

function pod(name: string, o: { node?: string; phase?: string; ready?: boolean; readySince?: number; restarts?: number; created?: number; cost?: string; uid?: string } = {}): Pod {
  return {
    metadata: {
      name, namespace: 'ns', uid: o.uid ?? name, creationTimestamp: ago(o.created ?? 3600),
      ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'i' }], ...(o.node === '' ? {} : { nodeName: o.node ?? 'n1' }) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: ago(o.readySince ?? 3000) }],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: o.ready !== false, restartCount: o.restarts ?? 0 }],
    },
  } as Pod;
}

const order = (pods: Pod[], ranks: number[] = []) => pods.map((p, i) => ({ pod: p, rank: ranks[i] ?? 0 }))
  .sort((a, b) => compareForDeletion(a, b, NOW)).map((r) => r.pod.metadata!.name);

test('ranking: unscheduled, then Pending < Unknown < Running, then not ready', () => {
  const pods = [
    pod('running-ready'),
    pod('running-notready', { ready: false }),
    pod('unknown', { phase: 'Unknown' }),
    pod('pending', { phase: 'Pending', ready: false }),
    pod('unscheduled', { node: '', phase: 'Pending', ready: false }),
  ];
  assert.deepEqual(order(pods), ['unscheduled', 'pending', 'unknown', 'running-notready', 'running-ready']);
});

test('ranking: deletion cost, then more pods on the node, before age', () => {
  assert.deepEqual(order([pod('cheap', { cost: '-5' }), pod('dear', { cost: '100' }), pod('plain')]), ['cheap', 'plain', 'dear']);
  assert.deepEqual(order([pod('alone'), pod('crowded')], [1, 3]), ['crowded', 'alone']);
});

test('ranking: ready for less time first (log scale), then more restarts, then newer', () => {
  // 10 s and 20 minutes ready: different log2 ranks
  assert.deepEqual(order([pod('old-ready', { readySince: 1200 }), pod('new-ready', { readySince: 10 })]), ['new-ready', 'old-ready']);
  assert.deepEqual(order([pod('calm', { restarts: 0 }), pod('flappy', { restarts: 7 })]), ['flappy', 'calm']);
  assert.deepEqual(order([pod('older', { created: 7200 }), pod('newer', { created: 60 })]), ['newer', 'older']);
});

test('ranking: equal log-rank ages are ordered by UID', () => {
  // 3000 s and 3001 s ago share floor(log2(ns)), so the UID decides
  const a = pod('a', { created: 3000, uid: 'bbb' });
  const b = pod('b', { created: 3001, uid: 'aaa' });
  assert.deepEqual(order([a, b]), ['b', 'a']);
});

test('deletionCost: canonical int32 only', () => {
  assert.equal(deletionCost(pod('x', { cost: '42' })), 42);
  assert.equal(deletionCost(pod('x', { cost: '-7' })), -7);
  assert.equal(deletionCost(pod('x', { cost: '+1' })), 0);
  assert.equal(deletionCost(pod('x', { cost: '007' })), 0);
  assert.equal(deletionCost(pod('x', { cost: '99999999999' })), 0);
  assert.equal(deletionCost(pod('x')), 0);
});

test('podsToDelete: picks the first diff by rank over related pods on the same node', () => {
  const p1 = pod('p1', { node: 'n1' });
  const p2 = pod('p2', { node: 'n2' });
  const other = pod('other-rs', { node: 'n2' });
  assert.deepEqual(podsToDelete([p1, p2], [p1, p2, other], 1, NOW).map((p) => p.metadata!.name), ['p2']);
  assert.equal(podsToDelete([p1, p2], [], 5, NOW).length, 2);
});
