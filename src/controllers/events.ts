// How controllers report events: `record(object, type, reason, message)`. The client
// library's recorder (with upstream's aggregation and spam filter) plugs in here; until it
// is on main, postEvents writes one core/v1 Event per call, as client-go's recorder does for
// a first occurrence (source component, involvedObject, first/last timestamp, count 1).
import type { ObjectMeta } from '../api/meta/v1/types.js';
import type { RestClient } from '../client/rest.js';
import { resource } from '../client/resource.js';
import { rfc3339 } from '../machinery/object-meta.js';
import { randomString } from '../machinery/names.js';

export type EventType = 'Normal' | 'Warning';

export interface EventObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export type RecordEvent = (obj: EventObject, type: EventType, reason: string, message: string) => void;

/** A recorder that creates core/v1 Events as `component`, reporting failures to onError. */
export function postEvents(rest: RestClient, component: string, onError: (e: unknown) => void = () => undefined): RecordEvent {
  return (obj, type, reason, message) => {
    const m = obj.metadata ?? {};
    const now = new Date();
    const ns = m.namespace || 'default';
    const event = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: `${m.name}.${now.getTime().toString(16)}${randomString(4)}`, namespace: ns },
      involvedObject: { apiVersion: obj.apiVersion, kind: obj.kind, name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion },
      reason, message, type, count: 1,
      source: { component },
      firstTimestamp: rfc3339(now), lastTimestamp: rfc3339(now),
      reportingComponent: component, reportingInstance: '',
    };
    resource(rest, { group: '', version: 'v1', resource: 'events' }, ns).create(event as never).catch(onError);
  };
}
