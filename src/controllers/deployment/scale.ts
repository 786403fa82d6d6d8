// Scaling a Deployment's ReplicaSets (upstream's sync.go scale and scaleReplicaSet): one
// active ReplicaSet takes the whole count; a saturated new one lets the old ones go to zero;
// otherwise, during a rolling update, the change is spread over all active ReplicaSets in
// proportion to their size, largest first, the rounding leftover to the first.
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { DeploymentOps } from './ops.js';
import {
  activeReplicaSets, bySizeNewer, bySizeOlder, findActiveOrLatest, isRollingUpdate, isSaturated, maxSurge,
  replicaSetProportion, replicasAnnotationsNeedUpdate, replicasOf, setReplicasAnnotations, specReplicas,
} from './replicas.js';

export interface ScaleResult {
  scaled: boolean;
  rs: ReplicaSet;
}

/**
 * scaleReplicaSet: write the new size and the desired/max annotations when either differs;
 * a size change is announced with the ScalingReplicaSet event.
 */
export async function scaleReplicaSet(ops: DeploymentOps, rs: ReplicaSet, newScale: number, d: Deployment, operation: 'up' | 'down' | ''): Promise<ScaleResult> {
  const sizeChanges = replicasOf(rs) !== newScale;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const oldScale = replicasOf(rs);
  const copy = structuredClone(rs);
  copy.spec = { ...copy.spec!, replicas: newScale };
  setReplicasAnnotations(copy, desired, max);
  const updated = await ops.updateReplicaSet(copy);
  if (sizeChanges) {
    ops.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata?.name} to ${newScale} from ${oldScale}`);
  }
  return { scaled: sizeChanges, rs: updated };
}

/** scaleReplicaSetAndRecordEvent: nothing when the size is already right. */
export async function scaleAndRecord(ops: DeploymentOps, rs: ReplicaSet, newScale: number, d: Deployment): Promise<ScaleResult> {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ops, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/**
 * The sizes a proportional scale gives each active ReplicaSet, in the order they are written
 * (exported for tests): the Deployment is allowed replicas + maxSurge pods in all.
 */
export function proportionalSizes(d: Deployment, active: ReplicaSet[]): { sizes: [ReplicaSet, number][]; operation: 'up' | 'down' | '' } {
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  const sorted = toAdd > 0 ? [...active].sort(bySizeNewer) : toAdd < 0 ? [...active].sort(bySizeOlder) : [...active];
  let added = 0;
  const sizes: [ReplicaSet, number][] = sorted.map((rs) => {
    if (toAdd === 0) return [rs, replicasOf(rs)];
    const p = replicaSetProportion(rs, d, toAdd, added);
    added += p;
    return [rs, replicasOf(rs) + p];
  });
  if (toAdd !== 0 && sizes.length) sizes[0][1] = Math.max(0, sizes[0][1] + toAdd - added);
  return { sizes, operation };
}

/** scale: bring the ReplicaSets to the Deployment's size without rolling anything. */
export async function scale(ops: DeploymentOps, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const single = findActiveOrLatest(newRS, oldRSs);
  if (single) {
    if (replicasOf(single) !== replicasOf(d)) await scaleAndRecord(ops, single, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) await scaleAndRecord(ops, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const { sizes, operation } = proportionalSizes(d, activeReplicaSets([...oldRSs, newRS]));
  for (const [rs, size] of sizes) await scaleReplicaSet(ops, rs, size, d, operation);
}
