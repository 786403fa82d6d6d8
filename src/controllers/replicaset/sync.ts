// One sync of a ReplicaSet or ReplicationController (upstream's syncReplicaSet): claim the
// active pods its selector matches, create or delete pods toward spec.replicas unless earlier
// creations/deletions are still unseen in the cache, then write the status.
import type { Pod } from '../../api/core/v1/pod.js';
import type { ReplicaSetStatus } from '../../api/apps/v1/replica-set.js';
import { isConflict, isNotFound, isStatusError, TerminalError } from '../../machinery/errors.js';
import type { Selector } from '../../machinery/labels.js';
import type { ControllerExpectations } from '../expectations.js';
import { claim, newControllerRef } from '../controller-ref.js';
import { isPodActive, podKey } from '../pods.js';
import { slowStartBatch } from '../slow-start.js';
import { podsToDelete } from './ranking.js';
import { calculateStatus, statusUpdate, type ManageError } from './status.js';
import type { ReplicatedKind, ReplicatedObject } from './kinds.js';

/** burstReplicas: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetOps {
  now(): Date;
  /** the active and inactive pods of a namespace, from the cache */
  pods(namespace: string): Pod[];
  /** pods of every ReplicaSet with the same controller as rs (for deletion ranking) */
  relatedPods(rs: ReplicatedObject): Pod[];
  /** the owner as the API server has it now (a quorum read before adopting) */
  freshOwner(rs: ReplicatedObject): Promise<ReplicatedObject>;
  createPod(namespace: string, pod: Pod): Promise<Pod>;
  /** DELETE with a UID precondition */
  deletePod(pod: Pod): Promise<void>;
  patchPod(pod: Pod, patch: Record<string, unknown>): Promise<Pod>;
  updateStatus(rs: ReplicatedObject): Promise<ReplicatedObject>;
  event(rs: ReplicatedObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export interface SyncContext {
  kind: ReplicatedKind;
  ops: ReplicaSetOps;
  expectations: ControllerExpectations;
}

export const keyOf = (o: { metadata?: { namespace?: string; name?: string } }): string => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/** claimPods: the pods this object controls after adopting matching orphans and releasing the rest. */
export function claimPods(c: SyncContext, rs: ReplicatedObject, selector: Selector, pods: Pod[]): Promise<Pod[]> {
  return claim(rs, newControllerRef(rs, c.kind.apiVersion, c.kind.kind), pods, (p) => selector.matches(p.metadata?.labels ?? {}), {
    freshOwner: () => c.ops.freshOwner(rs),
    patch: (p, patch) => c.ops.patchPod(p, patch),
  }, `${c.kind.kind} ${keyOf(rs)}`);
}

/** GetPodFromTemplate: a pod for rs, named <rs>-xxxxx, controlled by it. */
export function podFromTemplate(kind: ReplicatedKind, rs: ReplicatedObject): Pod {
  const t = rs.spec?.template;
  if (!t) throw new TerminalError(`${kind.kind} ${keyOf(rs)} has no pod template`);
  const labels = { ...(t.metadata?.labels ?? {}) };
  if (Object.keys(labels).length === 0) throw new TerminalError('unable to create pods, no labels');
  const meta: Pod['metadata'] = {
    generateName: `${rs.metadata?.name}-`, namespace: rs.metadata?.namespace, labels,
    ownerReferences: [newControllerRef(rs, kind.apiVersion, kind.kind)],
  };
  if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers) meta.finalizers = [...t.metadata.finalizers];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: structuredClone(t.spec) };
}

function isNamespaceTerminating(e: unknown): boolean {
  return isStatusError(e) && (e.details?.causes ?? []).some((x) => x.reason === 'NamespaceTerminating');
}

/** manageReplicas: one step toward spec.replicas; returns the error that stopped it, if any. */
export async function manageReplicas(c: SyncContext, pods: Pod[], rs: ReplicatedObject): Promise<ManageError | undefined> {
  const key = keyOf(rs);
  const want = rs.spec?.replicas ?? 1;
  const diff = pods.length - want;
  if (diff < 0) {
    const n = Math.min(-diff, BURST_REPLICAS);
    c.expectations.expectCreations(key, n);
    const { successes, error } = await slowStartBatch(n, 1, async () => {
      try {
        const created = await c.ops.createPod(rs.metadata?.namespace ?? '', podFromTemplate(c.kind, rs));
        c.ops.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
      } catch (e) {
        if (isNamespaceTerminating(e)) return;
        c.ops.event(rs, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
        throw e;
      }
    });
    // pods not created will never be observed
    for (let i = successes; i < n; i++) c.expectations.creationObserved(key);
    return error === undefined ? undefined : { diff: -n, message: (error as Error).message ?? String(error) };
  }
  if (diff > 0) {
    const n = Math.min(diff, BURST_REPLICAS);
    const victims = podsToDelete(pods, c.ops.relatedPods(rs), n, c.ops.now());
    c.expectations.expectDeletions(key, victims.map(podKey));
    const results = await Promise.allSettled(victims.map(async (p) => {
      try {
        await c.ops.deletePod(p);
        c.ops.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name}`);
      } catch (e) {
        // the deletion will not be observed
        c.expectations.deletionObserved(key, podKey(p));
        if (isNotFound(e)) return;
        c.ops.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${(e as Error).message}`);
        throw e;
      }
    }));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    return failed ? { diff: n, message: (failed.reason as Error).message ?? String(failed.reason) } : undefined;
  }
  return undefined;
}

/** updateReplicaSetStatus: write the status if it changed, retrying once on a conflict with a fresh read. */
async function writeStatus(c: SyncContext, rs: ReplicatedObject, status: ReplicaSetStatus): Promise<ReplicatedObject> {
  let cur = rs;
  for (let attempt = 0; ; attempt++) {
    const next = statusUpdate(cur, status);
    if (!next) return cur;
    try {
      return await c.ops.updateStatus({ ...cur, status: next } as ReplicatedObject);
    } catch (e) {
      if (attempt >= 1 || !isConflict(e)) throw e;
      cur = await c.ops.freshOwner(rs);
    }
  }
}

export interface SyncResult {
  requeueAfter?: number;
}

/**
 * syncReplicaSet over a copy of the cached object. Throws the error that should be retried
 * with backoff (a failed create or delete after its status is written).
 */
export async function syncReplicaSet(c: SyncContext, rs: ReplicatedObject): Promise<SyncResult> {
  const key = keyOf(rs);
  const needsSync = c.expectations.satisfied(key) && !rs.metadata?.deletionTimestamp;
  let selector: Selector;
  try {
    selector = c.kind.selector(rs);
  } catch (e) {
    throw new TerminalError(`${c.kind.kind} ${key} has an invalid selector: ${(e as Error).message}`);
  }
  const active = c.ops.pods(rs.metadata?.namespace ?? '').filter(isPodActive);
  const pods = await claimPods(c, rs, selector, active);
  const manageError = needsSync ? await manageReplicas(c, pods, rs) : undefined;
  const updated = await writeStatus(c, rs, calculateStatus(rs, pods, manageError, c.ops.now()));
  if (manageError) throw new Error(manageError.message);
  const minReady = updated.spec?.minReadySeconds ?? 0;
  const st = updated.status;
  if (minReady > 0 && (st?.readyReplicas ?? 0) === (updated.spec?.replicas ?? 1) && (st?.availableReplicas ?? 0) !== (updated.spec?.replicas ?? 1)) {
    return { requeueAfter: minReady * 1000 };
  }
  return {};
}
