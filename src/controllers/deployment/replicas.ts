// The arithmetic of a Deployment's ReplicaSets (upstream's deployment/util): sizes and sums,
// maxSurge/maxUnavailable, the sort orders, and which ReplicaSet is the new one.
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { scaledValue, type IntOrString } from '../../machinery/intstr.js';
import { equalIgnoreHash } from './hash.js';

export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const INT32_MAX = 2 ** 31 - 1;

/** spec.replicas (defaulted to 1 by the API server). */
export const replicasOf = (o: Deployment | ReplicaSet): number => o.spec?.replicas ?? 1;

export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/**
 * ResolveFenceposts: maxSurge as a count (percentages round up) and maxUnavailable (round down);
 * when both come to 0, unavailable is 1 so a rollout can still move (surge may be blocked by quota).
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** MaxSurge: 0 unless RollingUpdate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[0];
}

/** MaxUnavailable: 0 unless RollingUpdate with replicas; never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[1], replicasOf(d));
}

type MaybeRS = ReplicaSet | undefined;
const present = (list: readonly MaybeRS[]): ReplicaSet[] => list.filter((r): r is ReplicaSet => r !== undefined);

/** GetReplicaCountForReplicaSets: the sum of spec.replicas. */
export const specReplicas = (list: readonly MaybeRS[]): number => present(list).reduce((n, r) => n + replicasOf(r), 0);
/** GetActualReplicaCountForReplicaSets: the sum of status.replicas. */
export const actualReplicas = (list: readonly MaybeRS[]): number => present(list).reduce((n, r) => n + (r.status?.replicas ?? 0), 0);
/** GetReadyReplicaCountForReplicaSets */
export const readyReplicas = (list: readonly MaybeRS[]): number => present(list).reduce((n, r) => n + (r.status?.readyReplicas ?? 0), 0);
/** GetAvailableReplicaCountForReplicaSets */
export const availableReplicas = (list: readonly MaybeRS[]): number => present(list).reduce((n, r) => n + (r.status?.availableReplicas ?? 0), 0);

/** FilterActiveReplicaSets: those with spec.replicas > 0. */
export const activeReplicaSets = (list: readonly MaybeRS[]): ReplicaSet[] => present(list).filter((r) => replicasOf(r) > 0);

const created = (r: ReplicaSet): number => Date.parse(r.metadata?.creationTimestamp ?? '') || 0;

/** ReplicaSetsByCreationTimestamp: older first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = created(a) - created(b);
  if (d !== 0) return d;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, then older first. */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number => replicasOf(b) - replicasOf(a) || byCreation(a, b);
/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number => replicasOf(b) - replicasOf(a) || byCreation(b, a);

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (ignoring the hash). */
export function findNewReplicaSet(d: Deployment, list: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...list].sort(byCreation).find((r) => equalIgnoreHash(r.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets' allOldRSs: every ReplicaSet but the new one. */
export function findOldReplicaSets(d: Deployment, list: readonly ReplicaSet[]): ReplicaSet[] {
  const uid = findNewReplicaSet(d, list)?.metadata?.uid;
  return list.filter((r) => uid === undefined || r.metadata?.uid !== uid);
}

/** An int annotation (strconv.Atoi), or undefined. */
export function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined || !/^[+-]?[0-9]+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= -(2 ** 31) && n <= INT32_MAX ? n : undefined;
}

/** ReplicasAnnotationsNeedUpdate */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

/** SetReplicasAnnotations on a copy the caller owns; true when something changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  rs.metadata ??= {};
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS] !== String(desired)) { a[DESIRED_REPLICAS] = String(desired); changed = true; }
  if (a[MAX_REPLICAS] !== String(max)) { a[MAX_REPLICAS] = String(max); changed = true; }
  return changed;
}

/**
 * NewRSNewReplicas: the size the new ReplicaSet may grow to now. RollingUpdate adds up to
 * replicas + maxSurge pods in total, never past the desired count; Recreate goes straight there.
 */
export function newRSNewReplicas(d: Deployment, all: readonly MaybeRS[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, replicasOf(d), true);
  const current = specReplicas(all);
  const maxTotal = replicasOf(d) + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

/** IsSaturated: the new ReplicaSet runs the full count, all available, annotated with it. */
export function isSaturated(d: Deployment, rs: MaybeRS): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS);
  return desired !== undefined && replicasOf(rs) === replicasOf(d) && desired === replicasOf(d)
    && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/**
 * FindActiveOrLatest: the one ReplicaSet with pods (or, with none, the new one or else the
 * newest old one); undefined when several have pods.
 */
export function findActiveOrLatest(newRS: MaybeRS, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = activeReplicaSets([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  return active.length === 1 ? active[0] : undefined;
}

/** integer.RoundToInt32: half away from zero, as Go's math.Round. */
export const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/**
 * GetReplicaSetProportion: how many of `toAdd` (still `toAdd - added` left) this ReplicaSet
 * takes in a proportional scale, from its share of the size it was annotated with.
 */
export function replicaSetProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -replicasOf(rs);
  else {
    const total = replicasOf(d) + maxSurge(d);
    const annotated = intAnnotation(rs, MAX_REPLICAS) ?? d.status?.replicas ?? 0;
    fraction = roundHalfAway((replicasOf(rs) * total) / annotated) - replicasOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
