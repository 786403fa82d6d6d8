// A Deployment's status and conditions (upstream's sync.go calculateStatus and progress.go):
// Available says whether minimum availability holds; Progressing says whether the rollout is
// moving, complete, or stuck past progressDeadlineSeconds; ReplicaFailure mirrors the failure
// of a ReplicaSet. Everything here is pure: it takes the clock and returns the status to write.
import type { Deployment, DeploymentCondition, DeploymentStatus } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { rfc3339 } from '../../machinery/object-meta.js';
import { actualReplicas, availableReplicas, maxUnavailable, readyReplicas, replicasOf, specReplicas } from './replicas.js';

export const AVAILABLE = 'Available';
export const PROGRESSING = 'Progressing';
export const REPLICA_FAILURE = 'ReplicaFailure';

/** The reasons upstream writes (deployment/util). */
export const Reasons = {
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

const INT32_MAX = 2 ** 31 - 1;

/** HasProgressDeadline: set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== INT32_MAX;
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** NewDeploymentCondition, stamped with `now`. */
export function newCondition(type: string, status: string, reason: string, message: string, now: Date): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/**
 * SetDeploymentCondition on a status the caller owns: nothing when status and reason are the
 * same; lastTransitionTime kept when only the reason changes.
 */
export function setCondition(status: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(status, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = { ...c };
  if (cur && cur.status === c.status) next.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** calculateStatus: the counts over all ReplicaSets, and the Available condition. */
export function calculateStatus(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: Date): DeploymentStatus {
  const available = availableReplicas(all);
  const unavailable = Math.max(0, specReplicas(all) - available);
  const status: DeploymentStatus = {};
  if (d.metadata?.generation) status.observedGeneration = d.metadata.generation;
  const counts: [keyof DeploymentStatus, number][] = [
    ['replicas', actualReplicas(all)], ['updatedReplicas', actualReplicas([newRS])], ['readyReplicas', readyReplicas(all)],
    ['availableReplicas', available], ['unavailableReplicas', unavailable],
  ];
  for (const [k, v] of counts) if (v) (status as Record<string, number>)[k] = v;
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(AVAILABLE, 'True', Reasons.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition(AVAILABLE, 'False', Reasons.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** DeploymentComplete: every desired pod updated, running and available, at the current generation. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const n = replicasOf(d);
  return (s.updatedReplicas ?? 0) === n && (s.replicas ?? 0) === n && (s.availableReplicas ?? 0) === n
    && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than last time. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld
    || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

/** DeploymentTimedOut: the Progressing condition has not moved for progressDeadlineSeconds. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, PROGRESSING);
  if (!c) return false;
  if (c.reason === Reasons.NewReplicaSetAvailable) return false;
  if (c.reason === Reasons.TimedOut) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now.getTime();
}

/** ReplicaSetToDeploymentCondition over the ReplicaFailure conditions, the new ReplicaSet's first. */
function replicaFailures(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const of = (rs: ReplicaSet | undefined) => (rs?.status?.conditions ?? []).filter((c) => c.type === REPLICA_FAILURE).map((c) => ({
    type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime, reason: c.reason, message: c.message,
  }));
  const mine = of(newRS);
  return mine.length ? mine : all.flatMap(of);
}

/**
 * syncRolloutStatus's computation: the status with Progressing estimated (complete, still
 * progressing, or timed out) and ReplicaSet failures carried over.
 */
export function rolloutStatus(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: Date): DeploymentStatus {
  const status = calculateStatus(all, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, PROGRESSING);
  const cur = getCondition(d.status, PROGRESSING);
  const complete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && cur?.reason === Reasons.NewReplicaSetAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS ? `ReplicaSet "${newRS.metadata?.name}"` : `Deployment "${d.metadata?.name}"`;
    if (deploymentComplete(d, status)) {
      setCondition(status, newCondition(PROGRESSING, 'True', Reasons.NewReplicaSetAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      const c = newCondition(PROGRESSING, 'True', Reasons.ReplicaSetUpdated, `${subject} is progressing.`, now);
      if (cur) {
        if (cur.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
        removeCondition(status, PROGRESSING);
      }
      setCondition(status, c);
    } else if (deploymentTimedOut(d, status, now)) {
      setCondition(status, newCondition(PROGRESSING, 'False', Reasons.TimedOut, `${subject} has timed out progressing.`, now));
    }
  }
  const failures = replicaFailures(all, newRS);
  if (failures.length) setCondition(status, failures[0]);
  else removeCondition(status, REPLICA_FAILURE);
  return status;
}

/**
 * requeueStuckDeployment: when a rollout has made no progress, how long until its deadline
 * should be checked (ms; 0 for now), or undefined when there is nothing to wait for.
 */
export function stuckRequeueAfter(d: Deployment, s: DeploymentStatus, now: Date): number | undefined {
  const cur = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !cur) return undefined;
  if (deploymentComplete(d, s) || cur.reason === Reasons.TimedOut) return undefined;
  const after = Date.parse(cur.lastUpdateTime ?? '') + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - now.getTime();
  return after < 1000 ? 0 : after;
}
