// The status a ReplicaSet (or ReplicationController) reports, computed from its active pods
// (upstream's calculateStatus): replicas, fullyLabeledReplicas, readyReplicas,
// availableReplicas (ready for minReadySeconds), observedGeneration, and the ReplicaFailure
// condition while creating or deleting pods fails.
import type { Pod } from '../../api/core/v1/pod.js';
import type { ReplicaSetCondition, ReplicaSetStatus } from '../../api/apps/v1/replica-set.js';
import { setMatches } from '../../machinery/labels.js';
import { rfc3339 } from '../../machinery/object-meta.js';
import { deepEqual } from '../../machinery/equality.js';
import { isPodAvailable, isPodReady } from '../pods.js';
import type { ReplicatedObject } from './kinds.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

/** Why a sync failed to reach the desired count: `diff` < 0 was creating, > 0 deleting. */
export interface ManageError {
  diff: number;
  message: string;
}

/** SetCondition: replace the condition of that type unless status and reason are unchanged. */
export function setCondition(conditions: ReplicaSetCondition[], c: ReplicaSetCondition): ReplicaSetCondition[] {
  const cur = conditions.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return conditions;
  return [...conditions.filter((x) => x.type !== c.type), c];
}

/** calculateStatus: the status for `rs` over its active, claimed pods at `now`. */
export function calculateStatus(rs: ReplicatedObject, pods: readonly Pod[], manageError: ManageError | undefined, now: Date = new Date()): ReplicaSetStatus {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (setMatches(templateLabels, p.metadata?.labels)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
  }
  let conditions = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (manageError && !failure) {
    const reason = manageError.diff < 0 ? 'FailedCreate' : manageError.diff > 0 ? 'FailedDelete' : '';
    conditions = setCondition(conditions, {
      type: REPLICA_FAILURE, status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageError.message,
    });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  const status: ReplicaSetStatus = { replicas: pods.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.status?.observedGeneration) status.observedGeneration = rs.status.observedGeneration;
  if (conditions.length) status.conditions = conditions;
  return status;
}

/**
 * The status to write, or undefined when nothing changed (the counts, the conditions, and
 * observedGeneration already at metadata.generation).
 */
export function statusUpdate(rs: ReplicatedObject, next: ReplicaSetStatus): ReplicaSetStatus | undefined {
  const cur = rs.status ?? { replicas: 0 };
  const generation = rs.metadata?.generation ?? 0;
  const same = (cur.replicas ?? 0) === next.replicas
    && (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0)
    && (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0)
    && (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0)
    && (cur.observedGeneration ?? 0) === generation
    && deepEqual(cur.conditions ?? [], next.conditions ?? []);
  if (same) return undefined;
  const out = { ...next };
  if (generation) out.observedGeneration = generation;
  else delete out.observedGeneration;
  return out;
}
