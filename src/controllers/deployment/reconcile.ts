// One sync of a Deployment (upstream's syncDeployment): claim its ReplicaSets, then — by
// state — only report (being deleted), only scale (paused, or a replica count change), or
// roll out with its strategy. kubectl's `rollout undo` on apps/v1 patches the template back,
// so a rollback is a rollout to a template an old ReplicaSet already has (see revision.ts).
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { selectorFromLabelSelector } from '../../machinery/labels.js';
import { TerminalError } from '../../machinery/errors.js';
import { claim, controllerOf, newControllerRef } from '../controller-ref.js';
import type { DeploymentOps } from './ops.js';
import { allReplicaSets, checkPausedConditions, isScalingEvent, syncScaleOnly, syncStatusOnly, writeStatus } from './sync.js';
import { rolloutRolling } from './rolling.js';
import { rolloutRecreate } from './recreate.js';

export interface DeploymentReconcileOps extends DeploymentOps {
  /** the cache's ReplicaSets and pods of a namespace */
  replicaSets(namespace: string): ReplicaSet[];
  pods(namespace: string): Pod[];
  /** the Deployment as the API server has it now (before adopting) */
  freshDeployment(d: Deployment): Promise<Deployment>;
  patchReplicaSet(rs: ReplicaSet, patch: Record<string, unknown>): Promise<ReplicaSet>;
}

const keyOf = (d: Deployment) => `${d.metadata?.namespace}/${d.metadata?.name}`;

/** syncDeployment over a copy of the cached Deployment; returns ms until it needs another look, if any. */
export async function syncDeployment(ops: DeploymentReconcileOps, d: Deployment): Promise<number | undefined> {
  const sel = d.spec?.selector;
  if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
    ops.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
      d.status = { ...d.status, observedGeneration: d.metadata?.generation };
      await writeStatus(ops, d);
    }
    return undefined;
  }
  let selector;
  try {
    selector = selectorFromLabelSelector(sel);
  } catch (e) {
    throw new TerminalError(`Deployment ${keyOf(d)} has an invalid selector: ${(e as Error).message}`);
  }
  const ns = d.metadata?.namespace ?? '';
  const rsList = (await claim(d, newControllerRef(d, 'apps/v1', 'Deployment'), ops.replicaSets(ns), (rs) => selector.matches(rs.metadata?.labels ?? {}), {
    freshOwner: () => ops.freshDeployment(d),
    patch: (rs, patch) => ops.patchReplicaSet(rs, patch),
  }, `Deployment ${keyOf(d)}`)).map((rs) => structuredClone(rs));

  if (d.metadata?.deletionTimestamp) {
    await syncStatusOnly(ops, d, rsList);
    return undefined;
  }
  await checkPausedConditions(ops, d);
  if (d.spec?.paused) {
    await syncScaleOnly(ops, d, rsList);
    return undefined;
  }
  const [newRS, oldRSs] = await allReplicaSets(ops, d, rsList, false);
  // what getNewReplicaSet just wrote replaces the cache's copy for the rest of this sync
  const current = newRS ? rsList.map((rs) => (rs.metadata?.uid === newRS.metadata?.uid ? newRS : rs)) : rsList;
  if (isScalingEvent(d, newRS, oldRSs)) {
    await syncScaleOnly(ops, d, current);
    return undefined;
  }
  if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(ops, d, current, podsByReplicaSet(ops.pods(ns), current, selector));
  return rolloutRolling(ops, d, current);
}

/** getPodMapForDeployment: the Deployment's pods grouped by the UID of the ReplicaSet controlling them. */
export function podsByReplicaSet(pods: readonly Pod[], rsList: readonly ReplicaSet[], selector: { matches(l: Record<string, string>): boolean }): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>(rsList.map((rs) => [rs.metadata?.uid ?? '', []]));
  for (const p of pods) {
    if (!selector.matches(p.metadata?.labels ?? {})) continue;
    const uid = controllerOf(p)?.uid;
    if (uid && map.has(uid)) map.get(uid)!.push(p);
  }
  return map;
}
