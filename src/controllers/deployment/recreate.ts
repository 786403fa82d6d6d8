// Recreate (upstream's recreate.go): scale every old ReplicaSet to zero, wait until none of
// their pods is left running, and only then create and scale up the new ReplicaSet.
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { DeploymentOps } from './ops.js';
import { activeReplicaSets, actualReplicas, replicasOf } from './replicas.js';
import { scaleAndRecord } from './scale.js';
import { deploymentComplete } from './progress.js';
import { allReplicaSets, cleanupDeployment, syncRolloutStatus } from './sync.js';

/**
 * oldPodsRunning: old ReplicaSets still report pods, or a pod of one (by controller UID in
 * podsByRS) is in any phase but Succeeded/Failed.
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podsByRS: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

/** rolloutRecreate; returns when to look again (ms), if the deadline needs watching. */
export async function rolloutRecreate(ops: DeploymentOps, d: Deployment, rsList: ReplicaSet[], podsByRS: ReadonlyMap<string, readonly Pod[]>): Promise<number | undefined> {
  let [newRS, oldRSs] = await allReplicaSets(ops, d, rsList, false);
  let all: (ReplicaSet | undefined)[] = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if ((await scaleAndRecord(ops, rs, 0, d)).scaled) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(ops, all, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podsByRS)) return syncRolloutStatus(ops, all, newRS, d);
  if (!newRS) {
    [newRS, oldRSs] = await allReplicaSets(ops, d, rsList, true);
    all = [...oldRSs, newRS];
  }
  if (newRS && replicasOf(newRS) !== replicasOf(d)) await scaleAndRecord(ops, newRS, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(ops, oldRSs, d);
  return syncRolloutStatus(ops, all, newRS, d);
}
