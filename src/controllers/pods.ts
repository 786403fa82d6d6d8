// Pod facts the controllers share (upstream's podutil and controller_utils helpers):
// readiness, availability after minReadySeconds, and which pods still count as active.
import type { Pod, PodCondition } from '../api/core/v1/pod.js';

/** The pod's Ready condition, if it has one. */
export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/**
 * IsPodAvailable: ready, and ready for at least minReadySeconds at `now`
 * (with 0 the pod is available as soon as it is ready).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  if (!c.lastTransitionTime) return false;
  return Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 <= now.getTime();
}

/**
 * Seconds until a ready pod becomes available (0 when it already is, undefined when it is not
 * ready); the controllers requeue after it so availability is noticed without another event.
 */
export function secondsUntilAvailable(pod: Pod, minReadySeconds: number, now: Date): number | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return undefined;
  if (minReadySeconds <= 0 || !c.lastTransitionTime) return 0;
  return Math.max(0, (Date.parse(c.lastTransitionTime) + minReadySeconds * 1000 - now.getTime()) / 1000);
}

/** IsPodActive: not finished (Succeeded/Failed) and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

/** The largest restartCount among the pod's containers. */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status?.containerStatuses ?? []) max = Math.max(max, s.restartCount ?? 0);
  return max;
}

/** namespace/name, the key pods are tracked by in expectations. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}
