// How controllers report events: `record(object, type, reason, message)`, with the object's
// apiVersion and kind given by the controller (objects from list/watch carry neither).
// The manager backs it with the client library's EventRecorder, one per controller
// component, so each controller's events carry its own source and aggregation.
import type { KubeObject, ObjectMeta } from '../api/meta/v1/types.js';
import { EventRecorder, type EventType } from '../client/event-recorder.js';
import type { RestClient } from '../client/rest.js';

export interface EventObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export type RecordEvent = (obj: EventObject, type: EventType, reason: string, message: string) => void;

/** A RecordEvent over a new EventRecorder for `component`, writing through `rest`. */
export function recorderFor(rest: RestClient, component: string): RecordEvent {
  const recorder = new EventRecorder(rest, { component });
  return (obj, type, reason, message) => recorder.event(obj as KubeObject, type, reason, message);
}
