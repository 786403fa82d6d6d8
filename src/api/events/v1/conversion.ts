// events.k8s.io/v1 Event ↔ core/v1 Event: the same object under two shapes (upstream stores
// one and converts). Field renames, events.k8s.io name first.
import type { KubeObject } from '../../meta/v1/types.js';

export const EVENT_FIELD_RENAMES: readonly [string, string][] = [
  ['regarding', 'involvedObject'], ['note', 'message'], ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'], ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'], ['deprecatedCount', 'count'],
];

/** A copy of obj with each [from, to] field renamed and the given apiVersion. */
export function renameFields(obj: KubeObject, pairs: readonly [string, string][], apiVersion: string): KubeObject {
  const out: Record<string, unknown> = { ...obj, apiVersion };
  for (const [from, to] of pairs) {
    if (from in out) {
      out[to] = out[from];
      delete out[from];
    }
  }
  return out as KubeObject;
}

/** The core/v1 shape of an events.k8s.io/v1 Event. */
export function eventToCore(ev: KubeObject): KubeObject {
  return renameFields(ev, EVENT_FIELD_RENAMES, 'v1');
}

/** The events.k8s.io/v1 shape of a core/v1 Event. */
export function eventFromCore(ev: KubeObject, apiVersion = 'events.k8s.io/v1'): KubeObject {
  return renameFields(ev, EVENT_FIELD_RENAMES.map(([a, b]) => [b, a] as [string, string]), apiVersion);
}
