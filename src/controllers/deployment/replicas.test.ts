import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { validateLabels } from '../../machinery/object-meta.js';
import { root } from '../../machinery/field-errors.js';
import { computeHash, equalIgnoreHash } from './hash.js';
import { findActiveOrLatest, maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, roundHalfAway } from './replicas.js';
import { proportionalSizes } from './scale.js';
import { setNewReplicaSetAnnotations } from './revision.js';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };
const deployment = (replicas: number, ru: Record<string, number | string> = {}, extra: Partial<Deployment['spec']> = {}): Deployment => ({
  metadata: { name: 'web', namespace: 'ns', uid: 'd-uid', generation: 1 },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%', ...ru } }, ...extra },
});
let seq = 0;
const rs = (name: string, replicas: number, annotations: Record<string, string> = {}, available = replicas): ReplicaSet => ({
  metadata: { name, namespace: 'ns', uid: `${name}-uid`, annotations, creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, seq++)).toISOString() },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template },
  status: { replicas, availableReplicas: available },
});

test('pod-template-hash: stable, collisionCount-aware, a valid label value', () => {
  const h = computeHash(template);
  assert.equal(h, computeHash(structuredClone(template)));
  assert.equal(h, computeHash({ spec: template.spec, metadata: template.metadata }), 'key order does not matter');
  assert.notEqual(h, computeHash(template, 0));
  assert.notEqual(computeHash(template, 0), computeHash(template, 1));
  assert.notEqual(h, computeHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } }));
  for (const v of [h, computeHash(template, 7)]) {
    assert.match(v, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    assert.deepEqual(validateLabels({ 'pod-template-hash': v }, root('labels')), []);
  }
});

test('equalIgnoreHash: only the hash label and empty members are ignored', () => {
  const withHash = { ...template, metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } };
  assert.equal(equalIgnoreHash(template, withHash), true);
  assert.equal(equalIgnoreHash({ ...template, metadata: { labels: { app: 'web' }, annotations: {} } }, template), true);
  assert.equal(equalIgnoreHash(template, { ...template, metadata: { labels: { app: 'api' } } }), false);
  assert.equal(template.metadata.labels.app, 'web');
  assert.equal(withHash.metadata.labels['pod-template-hash'], 'abc', 'inputs are not mutated');
});

test('resolveFenceposts: surge rounds up, unavailable down, both zero gives unavailable 1', () => {
  assert.deepEqual(resolveFenceposts('25%', '25%', 10), [3, 2]);
  assert.deepEqual(resolveFenceposts('25%', '25%', 3), [1, 0]);
  assert.deepEqual(resolveFenceposts('0%', '25%', 3), [0, 1]);
  assert.deepEqual(resolveFenceposts(0, 0, 5), [0, 1]);
  assert.deepEqual(resolveFenceposts(2, '50%', 5), [2, 2]);
  assert.deepEqual(resolveFenceposts(undefined, undefined, 5), [0, 1]);
  assert.equal(maxUnavailable(deployment(2, { maxUnavailable: 5 })), 2, 'capped at replicas');
  assert.equal(maxUnavailable(deployment(0)), 0);
  const recreate = deployment(4);
  recreate.spec!.strategy = { type: 'Recreate' };
  assert.equal(maxSurge(recreate), 0);
  assert.equal(maxUnavailable(recreate), 0);
});

test('newRSNewReplicas: within replicas + maxSurge, never past replicas; Recreate goes straight there', () => {
  const d = deployment(10);
  assert.equal(newRSNewReplicas(d, [rs('old', 10), rs('new', 0)], rs('new', 0)), 3);
  assert.equal(newRSNewReplicas(d, [rs('old', 10), rs('new', 3)], rs('new', 3)), 3, 'already at 13');
  assert.equal(newRSNewReplicas(d, [rs('old', 2), rs('new', 8)], rs('new', 8)), 10);
  const r = deployment(10);
  r.spec!.strategy = { type: 'Recreate' };
  assert.equal(newRSNewReplicas(r, [rs('new', 0)], rs('new', 0)), 10);
});

test('proportional scaling: 13 → 18 during a rollout adds 3 to the old and 2 to the new ReplicaSet', () => {
  // the documented example: replicas 10 → 15, maxSurge 3; old has 8, new has 5, both sized for max 13
  const d = deployment(15, { maxSurge: 3, maxUnavailable: 2 });
  const ann = { 'deployment.kubernetes.io/desired-replicas': '10', 'deployment.kubernetes.io/max-replicas': '13' };
  const old = rs('old', 8, ann);
  const nu = rs('new', 5, ann);
  const { sizes, operation } = proportionalSizes(d, [nu, old]);
  assert.equal(operation, 'up');
  assert.deepEqual(sizes.map(([r, n]) => [r.metadata!.name, n]), [['old', 11], ['new', 7]]);
  // and back down to 10: allowed 13, remove 5, older first on equal sizes
  const down = proportionalSizes(deployment(10, { maxSurge: 3, maxUnavailable: 2 }),
    [rs('a', 11, { 'deployment.kubernetes.io/max-replicas': '18' }), rs('b', 7, { 'deployment.kubernetes.io/max-replicas': '18' })]);
  assert.equal(down.operation, 'down');
  assert.deepEqual(down.sizes.map(([r, n]) => [r.metadata!.name, n]), [['a', 8], ['b', 5]]);
  // to zero: everything goes
  assert.deepEqual(proportionalSizes(deployment(0), [rs('a', 3), rs('b', 2)]).sizes.map(([, n]) => n), [0, 0]);
  assert.equal(roundHalfAway(-2.5), -3);
  assert.equal(roundHalfAway(2.5), 3);
});

test('findActiveOrLatest: the single active one, else the new or newest old', () => {
  const a = rs('a', 0);
  const b = rs('b', 0);
  assert.equal(findActiveOrLatest(undefined, [a, b])?.metadata?.name, 'b');
  assert.equal(findActiveOrLatest(rs('n', 0), [a, b])?.metadata?.name, 'n');
  assert.equal(findActiveOrLatest(rs('n', 0), [a, rs('c', 2)])?.metadata?.name, 'c');
  assert.equal(findActiveOrLatest(rs('n', 1), [rs('c', 2)]), undefined);
});

test('revision annotations: new, copied, bumped with history, history bounded', () => {
  const d = deployment(3);
  d.metadata!.annotations = { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '9' };
  const fresh = rs('new', 0, {});
  assert.equal(setNewReplicaSetAnnotations(d, fresh, 1, false), true);
  assert.deepEqual(fresh.metadata!.annotations, {
    team: 'a', 'deployment.kubernetes.io/revision': '1',
    'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4',
  });
  assert.equal(setNewReplicaSetAnnotations(d, fresh, 1, true), false, 'nothing more to change');
  assert.equal(setNewReplicaSetAnnotations(d, fresh, 3, true), true);
  assert.equal((fresh.metadata!.annotations as Record<string, string>)['deployment.kubernetes.io/revision'], '3');
  assert.equal((fresh.metadata!.annotations as Record<string, string>)['deployment.kubernetes.io/revision-history'], '1');
  setNewReplicaSetAnnotations(d, fresh, 5, true);
  assert.equal((fresh.metadata!.annotations as Record<string, string>)['deployment.kubernetes.io/revision-history'], '1,3');
  assert.equal(setNewReplicaSetAnnotations(d, fresh, 4, true), false, 'a revision never goes down');
  setNewReplicaSetAnnotations(d, fresh, 6, true, 4);
  assert.equal((fresh.metadata!.annotations as Record<string, string>)['deployment.kubernetes.io/revision-history'], '3,5', 'the oldest entries give way to the limit');
});
