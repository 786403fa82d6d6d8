// The parts of a Deployment sync every strategy shares (upstream's sync.go): finding or
// creating the new ReplicaSet with its revision, telling a scaling event from a rollout,
// pause/resume, cleaning up old ReplicaSets past revisionHistoryLimit, and writing status.
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { isAlreadyExists, isStatusError } from '../../machinery/errors.js';
import { deepEqual } from '../../machinery/equality.js';
import { controllerOf, newControllerRef } from '../controller-ref.js';
import type { DeploymentOps } from './ops.js';
import { computeHash, equalIgnoreHash, POD_TEMPLATE_HASH } from './hash.js';
import { activeReplicaSets, byCreation, DESIRED_REPLICAS, findNewReplicaSet, findOldReplicaSets, intAnnotation, newRSNewReplicas, replicasOf } from './replicas.js';
import { byRevision, maxRevision, REVISION, setDeploymentRevision, setNewReplicaSetAnnotations } from './revision.js';
import { calculateStatus, getCondition, hasProgressDeadline, newCondition, PROGRESSING, Reasons, rolloutStatus, setCondition, stuckRequeueAfter } from './progress.js';
import { scale } from './scale.js';

const INT32_MAX = 2 ** 31 - 1;

/** Writes d's status (and annotations) and keeps the resourceVersion of that write on d. */
export async function writeStatus(ops: DeploymentOps, d: Deployment): Promise<void> {
  const out = await ops.updateStatus(d);
  if (out.metadata?.resourceVersion) d.metadata = { ...d.metadata, resourceVersion: out.metadata.resourceVersion };
}

function isNamespaceTerminating(e: unknown): boolean {
  return isStatusError(e) && (e.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');
}

/**
 * getNewReplicaSet: the ReplicaSet of the current template, its annotations and revision made
 * current; with `create`, a new one (named <deployment>-<hash>, sized by NewRSNewReplicas) when
 * none exists. Mutates `d` (its copy) for the revision and Progressing condition it writes.
 */
export async function getNewReplicaSet(ops: DeploymentOps, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  const now = ops.now();
  if (existing) {
    const copy = structuredClone(existing);
    const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    const minReadyChanged = (copy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsChanged || minReadyChanged) {
      copy.spec = { ...copy.spec!, minReadySeconds: d.spec?.minReadySeconds ?? 0 };
      if (!copy.spec.minReadySeconds) delete copy.spec.minReadySeconds;
      return ops.updateReplicaSet(copy);
    }
    let needsUpdate = setDeploymentRevision(d, copy.metadata?.annotations?.[REVISION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
      d.status ??= {};
      setCondition(d.status, newCondition(PROGRESSING, 'True', Reasons.FoundNewReplicaSet, `Found new replica set "${copy.metadata?.name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) await writeStatus(ops, d);
    return copy;
  }
  if (!create) return undefined;

  const hash = computeHash(d.spec!.template, d.status?.collisionCount);
  const template = structuredClone(d.spec!.template);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
  const selector = structuredClone(d.spec!.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH]: hash };
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata?.name}-${hash}`, namespace: d.metadata?.namespace,
      ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
      labels: { ...template.metadata.labels },
    },
    spec: {
      replicas: 0, selector, template,
      ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
    },
  };
  newRS.spec!.replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = await ops.createReplicaSet(newRS);
  } catch (e) {
    if (isAlreadyExists(e)) {
      alreadyExists = true;
      const found = ops.cachedReplicaSet(newRS.metadata!.namespace ?? '', newRS.metadata!.name!);
      if (!found) throw e;
      if (controllerOf(found)?.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
        created = found;
      } else {
        // A hash collision: another template owns the name. A new collisionCount gives a new hash next time.
        d.status ??= {};
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        await writeStatus(ops, d);
        throw e;
      }
    } else if (isNamespaceTerminating(e)) {
      throw e;
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata!.name}": ${(e as Error).message}`;
      if (hasProgressDeadline(d)) {
        d.status ??= {};
        setCondition(d.status, newCondition(PROGRESSING, 'False', Reasons.FailedRSCreate, msg, now));
        await writeStatus(ops, d).catch(() => undefined);
      }
      ops.event(d, 'Warning', Reasons.FailedRSCreate, msg);
      throw e;
    }
  }
  const count = replicasOf(newRS);
  if (!alreadyExists && count > 0) ops.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name} to ${count}`);
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status ??= {};
    setCondition(d.status, newCondition(PROGRESSING, 'True', Reasons.NewReplicaSetCreated, `Created new replica set "${created.metadata?.name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) await writeStatus(ops, d);
  return created;
}

/** getAllReplicaSetsAndSyncRevision: [new (maybe created), all old]. */
export async function allReplicaSets(ops: DeploymentOps, d: Deployment, rsList: ReplicaSet[], create: boolean): Promise<[ReplicaSet | undefined, ReplicaSet[]]> {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = await getNewReplicaSet(ops, d, rsList, oldRSs, create);
  return [newRS, oldRSs];
}

/** isScalingEvent: some active ReplicaSet was sized for a different replica count. */
export function isScalingEvent(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  return activeReplicaSets([...oldRSs, newRS]).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS);
    return desired !== undefined && desired !== replicasOf(d);
  });
}

/** syncDeploymentStatus: write the calculated status when it differs. */
export async function syncDeploymentStatus(ops: DeploymentOps, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
  const status = calculateStatus(all, newRS, d, ops.now());
  if (deepEqual(d.status ?? {}, status)) return;
  d.status = status;
  await writeStatus(ops, d);
}

/**
 * cleanupDeployment: delete the oldest old ReplicaSets beyond revisionHistoryLimit, only those
 * scaled to zero, with no pods, fully observed and not already being deleted.
 */
export async function cleanupDeployment(ops: DeploymentOps, oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null || limit === INT32_MAX) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort((a, b) => byRevision(a, b, byCreation));
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
    if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    await ops.deleteReplicaSet(rs);
  }
}

/** checkPausedConditions: Progressing Unknown with DeploymentPaused / DeploymentResumed. */
export async function checkPausedConditions(ops: DeploymentOps, d: Deployment): Promise<void> {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, PROGRESSING);
  if (cond?.reason === Reasons.TimedOut) return;
  const pausedCond = cond?.reason === Reasons.Paused;
  d.status ??= {};
  if (d.spec?.paused && !pausedCond) {
    setCondition(d.status, newCondition(PROGRESSING, 'Unknown', Reasons.Paused, 'Deployment is paused', ops.now()));
  } else if (!d.spec?.paused && pausedCond) {
    setCondition(d.status, newCondition(PROGRESSING, 'Unknown', Reasons.Resumed, 'Deployment is resumed', ops.now()));
  } else return;
  await writeStatus(ops, d);
}

/** sync: a scaling event or a paused Deployment — scale, clean up when paused, write status. */
export async function syncScaleOnly(ops: DeploymentOps, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const [newRS, oldRSs] = await allReplicaSets(ops, d, rsList, false);
  await scale(ops, d, newRS, oldRSs);
  if (d.spec?.paused) await cleanupDeployment(ops, oldRSs, d);
  await syncDeploymentStatus(ops, [...oldRSs, newRS], newRS, d);
}

/** syncStatusOnly: a Deployment being deleted only reports. */
export async function syncStatusOnly(ops: DeploymentOps, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const [newRS, oldRSs] = await allReplicaSets(ops, d, rsList, false);
  await syncDeploymentStatus(ops, [...oldRSs, newRS], newRS, d);
}

/**
 * syncRolloutStatus: write the status with the Progressing estimate; when nothing changed,
 * the time (ms) after which a stalled rollout's deadline must be checked, if any.
 */
export async function syncRolloutStatus(ops: DeploymentOps, all: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<number | undefined> {
  const now = ops.now();
  const status = rolloutStatus(all, newRS, d, now);
  if (deepEqual(d.status ?? {}, status)) return stuckRequeueAfter(d, status, now);
  d.status = status;
  await writeStatus(ops, d);
  return undefined;
}
