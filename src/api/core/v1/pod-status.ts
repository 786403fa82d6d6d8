// What the API server itself sets on pods (upstream's pod registry strategy): the initial
// status on create (phase Pending, the QoS class, SchedulingGated condition), status kept
// from the stored object on spec updates, and the QoS class computation.
import { parseQuantity, type Quantity } from '../../../machinery/quantity.js';
import type { Container, Pod, PodCondition } from './pod.js';
import { specEqual } from './pod-update-validation.js';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = new Set(['cpu', 'memory']);

function positive(value: string): Quantity | undefined {
  try {
    const q = parseQuantity(value);
    return q.sign() > 0 ? q : undefined;
  } catch {
    return undefined;
  }
}

function accumulate(into: Map<string, Quantity>, list: Record<string, string> | undefined, found?: Set<string>): void {
  for (const [name, value] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.has(name)) continue;
    const q = positive(value);
    if (!q) continue;
    found?.add(name);
    const prev = into.get(name);
    into.set(name, prev ? prev.add(q) : q);
  }
}

/** ComputePodQOS: Guaranteed when every container limits cpu and memory and requests equal limits. */
export function podQOSClass(pod: Pod): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    accumulate(requests, c.resources?.requests);
    const found = new Set<string>();
    accumulate(limits, c.resources?.limits, found);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

export const SCHEDULING_GATED_MESSAGE = 'Scheduling is blocked due to non-empty scheduling gates';

/**
 * PrepareForCreate: the status a new pod starts with (the client's status is dropped),
 * metadata.generation 1, and a negative termination grace period raised to 1.
 */
export function preparePodForCreate(pod: Pod): void {
  pod.status = { phase: 'Pending', qosClass: podQOSClass(pod) };
  if (pod.spec?.schedulingGates?.length) {
    const gated: PodCondition = { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: SCHEDULING_GATED_MESSAGE };
    pod.status.conditions = [gated];
  }
  // A negative grace period is stored as 1 (later updates may only set it to 1 as well).
  const grace = pod.spec?.terminationGracePeriodSeconds;
  if (pod.spec && grace !== undefined && grace !== null && grace < 0) pod.spec.terminationGracePeriodSeconds = 1;
  pod.metadata ??= {};
  pod.metadata.generation = 1;
}

/** PrepareForUpdate: a spec update keeps the stored status; generation moves with spec changes. */
export function preparePodForUpdate(pod: Pod, old: Pod): void {
  pod.status = structuredClone(old.status ?? {});
  pod.metadata ??= {};
  const oldGeneration = old.metadata?.generation ?? 1;
  pod.metadata.generation = specEqual(pod.spec, old.spec) ? oldGeneration : oldGeneration + 1;
}

/** PrepareForUpdate of the status subresource: only status may change. */
export function preparePodStatusUpdate(pod: Pod, old: Pod): void {
  pod.spec = structuredClone(old.spec);
  if (pod.metadata && old.metadata) pod.metadata.generation = old.metadata.generation;
}
