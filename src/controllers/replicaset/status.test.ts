import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { calculateStatus, statusUpdate } from './status.js';

const NOW = new Date('2026-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

const rs = (o: Partial<ReplicaSet['spec']> = {}, status?: ReplicaSet['status'], generation = 2): ReplicaSet => ({
  metadata: { name: 'web', namespace: 'ns', generation },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } }, ...o },
  status,
});
const pod = (labels: Record<string, string>, readyFor?: number): Pod => ({
  metadata: { name: 'p', labels },
  status: readyFor === undefined ? { phase: 'Pending' } : { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(readyFor) }] },
});

test('calculateStatus: counts, minReadySeconds, fully labeled', () => {
  const pods = [pod({ app: 'web', tier: 'fe' }, 100), pod({ app: 'web' }, 5), pod({ app: 'web', tier: 'fe' })];
  assert.deepEqual(calculateStatus(rs({ minReadySeconds: 10 }), pods, undefined, NOW),
    { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1 });
  assert.deepEqual(calculateStatus(rs(), pods, undefined, NOW),
    { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
  assert.deepEqual(calculateStatus(rs(), [], undefined, NOW), { replicas: 0 });
});

test('calculateStatus: ReplicaFailure set on a failed create, kept, then removed', () => {
  const failed = calculateStatus(rs(), [], { diff: -3, message: 'pods "web-x" is forbidden: exceeded quota' }, NOW);
  assert.deepEqual(failed.conditions, [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T12:00:00Z', reason: 'FailedCreate', message: 'pods "web-x" is forbidden: exceeded quota' }]);
  const again = calculateStatus(rs({}, failed), [], { diff: 2, message: 'other' }, new Date(NOW.getTime() + 60_000));
  assert.deepEqual(again.conditions, failed.conditions, 'an existing failure is not rewritten');
  assert.equal(calculateStatus(rs({}, failed), [], undefined, NOW).conditions, undefined);
  assert.equal(calculateStatus(rs(), [], { diff: 1, message: 'x' }, NOW).conditions?.[0].reason, 'FailedDelete');
});

test('statusUpdate: nothing when counts, conditions and generation match; else observedGeneration = generation', () => {
  const s = { replicas: 3, readyReplicas: 3, availableReplicas: 3, fullyLabeledReplicas: 3 };
  assert.equal(statusUpdate(rs({}, { ...s, observedGeneration: 2 }), s), undefined);
  assert.deepEqual(statusUpdate(rs({}, { ...s, observedGeneration: 1 }), s), { ...s, observedGeneration: 2 });
  assert.deepEqual(statusUpdate(rs({}, { ...s, observedGeneration: 2 }), { ...s, readyReplicas: 2 }), { ...s, readyReplicas: 2, observedGeneration: 2 });
});
