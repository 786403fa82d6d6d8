// Which pods a ReplicaSet deletes first when it scales down (upstream's ActivePodsWithRanks
// and getPodsToDelete). Earlier in the order means deleted sooner:
//  1. not yet scheduled before scheduled;
//  2. Pending before Unknown before Running;
//  3. not ready before ready;
//  4. lower controller.kubernetes.io/pod-deletion-cost before higher;
//  5. more pods of the same owner on its node (rank) before fewer;
//  6. ready for a shorter time before longer;
//  7. more container restarts before fewer;
//  8. newer before older.
// Times in 6 and 8 compare on a log2 scale against now (LogarithmicScaleDown, on by default
// since 1.22), with the pod UID breaking ties, so equally old pods go in a pseudo-random order.
import type { Pod } from '../../api/core/v1/pod.js';
import { isPodActive, isPodReady, maxContainerRestarts, podReadyCondition } from '../pods.js';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** The pod-deletion-cost annotation as an int32; 0 when absent or not a canonical integer. */
export function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^(0|-?[1-9][0-9]*)$/.test(v)) return 0;
  const n = Number(v);
  return n >= -(2 ** 31) && n <= 2 ** 31 - 1 ? n : 0;
}

function millis(t: string | undefined): number | undefined {
  return t ? Date.parse(t) : undefined;
}

/** afterOrZero: t1 is after t2, a missing time counting as after every real one. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** r1 - r2 where r = floor(log2(age in nanoseconds)), or -1 for a time not in the past. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => (now - t > 0 ? Math.floor(Math.log2((now - t) * 1e6)) : -1);
  return rank(t1) - rank(t2);
}

/** Compares two times: newer first, on the log scale when `now` is known. Returns <0, 0, >0. */
function newerFirst(a: Pod, b: Pod, ta: number | undefined, tb: number | undefined, now: number | undefined): number {
  if (ta === tb) return 0;
  if (now === undefined || ta === undefined || tb === undefined) return afterOrZero(ta, tb) ? -1 : 1;
  const d = logRankDiff(ta, tb, now);
  if (d === 0) {
    const ua = a.metadata?.uid ?? '';
    const ub = b.metadata?.uid ?? '';
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  }
  return d;
}

export interface RankedPod {
  pod: Pod;
  /** pods of the same owner on this pod's node */
  rank: number;
}

/** The deletion order as a comparator (negative: a goes first). */
export function compareForDeletion(x: RankedPod, y: RankedPod, now?: Date): number {
  const a = x.pod;
  const b = y.pod;
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (x.rank !== y.rank) return y.rank - x.rank;
  const n = now?.getTime();
  if (ra && rb) {
    const c = newerFirst(a, b, millis(podReadyCondition(a)?.lastTransitionTime), millis(podReadyCondition(b)?.lastTransitionTime), n);
    if (c !== 0) return c;
  }
  const restarts = maxContainerRestarts(b) - maxContainerRestarts(a);
  if (restarts !== 0) return restarts;
  return newerFirst(a, b, millis(a.metadata?.creationTimestamp), millis(b.metadata?.creationTimestamp), n);
}

/**
 * getPodsToDelete: the `diff` pods to remove from `pods`. `related` are the pods of every
 * ReplicaSet with the same controller (a Deployment's old and new ones), so a node crowded
 * with the owner's pods is thinned first.
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], diff: number, now: Date = new Date()): Pod[] {
  if (diff >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => compareForDeletion(x, y, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}
