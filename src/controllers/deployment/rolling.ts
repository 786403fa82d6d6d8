// RollingUpdate (upstream's rolling.go): grow the new ReplicaSet while the total stays within
// replicas + maxSurge, shrink old ones while availability stays at replicas - maxUnavailable,
// and take unhealthy old pods first so they cannot block the rollout.
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { DeploymentOps } from './ops.js';
import { activeReplicaSets, availableReplicas, byCreation, maxUnavailable, newRSNewReplicas, replicasOf, specReplicas } from './replicas.js';
import { scaleAndRecord } from './scale.js';
import { deploymentComplete } from './progress.js';
import { allReplicaSets, cleanupDeployment, syncRolloutStatus } from './sync.js';

/** reconcileNewReplicaSet: scale the new ReplicaSet toward the desired count; true when it changed. */
export async function reconcileNewReplicaSet(ops: DeploymentOps, all: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) return (await scaleAndRecord(ops, newRS, replicasOf(d), d)).scaled;
  return (await scaleAndRecord(ops, newRS, newRSNewReplicas(d, all, newRS), d)).scaled;
}

/**
 * cleanupUnhealthyReplicas: scale old ReplicaSets down by their unavailable pods (oldest
 * first), at most maxCleanup in all. Returns the ReplicaSets as written and the count removed.
 */
export async function cleanupUnhealthyReplicas(ops: DeploymentOps, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): Promise<[ReplicaSet[], number]> {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    const rs = sorted[i];
    if (total >= maxCleanup) break;
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
    if (replicasOf(rs) === 0 || unhealthy === 0) continue;
    const down = Math.min(maxCleanup - total, unhealthy);
    const next = replicasOf(rs) - down;
    if (next > replicasOf(rs)) throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata?.namespace}/${rs.metadata?.name} ${replicasOf(rs)} -> ${next}`);
    sorted[i] = (await scaleAndRecord(ops, rs, next, d)).rs;
    total += down;
  }
  return [sorted, total];
}

/** scaleDownOldReplicaSetsForRollingUpdate: remove available old pods above replicas - maxUnavailable. */
export async function scaleDownOldForRollingUpdate(ops: DeploymentOps, all: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): Promise<number> {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicas(all);
  if (available <= minAvailable) return 0;
  const want = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= want) break;
    if (replicasOf(rs) === 0) continue;
    const down = Math.min(replicasOf(rs), want - total);
    await scaleAndRecord(ops, rs, replicasOf(rs) - down, d);
    total += down;
  }
  return total;
}

/**
 * reconcileOldReplicaSets: how far old pods may go down now — all pods minus the minimum
 * available minus the new ReplicaSet's not-yet-available pods — first by unhealthy pods,
 * then by available ones. True when something was scaled down.
 */
export async function reconcileOldReplicaSets(ops: DeploymentOps, all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  if (specReplicas(oldRSs) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const [cleaned, cleanupCount] = await cleanupUnhealthyReplicas(ops, oldRSs, d, maxScaledDown);
  const scaledDown = await scaleDownOldForRollingUpdate(ops, [...cleaned, newRS], cleaned, d);
  return cleanupCount + scaledDown > 0;
}

/**
 * rolloutRolling: scale up if possible, else scale down if possible; when the rollout is
 * complete, clean up history. Returns when to look again (ms), if the deadline needs watching.
 */
export async function rolloutRolling(ops: DeploymentOps, d: Deployment, rsList: ReplicaSet[]): Promise<number | undefined> {
  const [newRS, oldRSs] = await allReplicaSets(ops, d, rsList, true);
  const all = [...oldRSs, newRS!];
  if (await reconcileNewReplicaSet(ops, all, newRS!, d)) return syncRolloutStatus(ops, all, newRS, d);
  if (await reconcileOldReplicaSets(ops, all, activeReplicaSets(oldRSs), newRS!, d)) return syncRolloutStatus(ops, all, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(ops, oldRSs, d);
  return syncRolloutStatus(ops, all, newRS, d);
}
