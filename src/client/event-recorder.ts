// The event recorder (client-go's record.EventRecorder): core/v1 Events about an object,
// with source component/host, correlated (see event-correlator.ts) and written in the
// background, one at a time, in order. A write that fails is retried a few times, then
// dropped: events are best-effort and never block or fail the loop that records them.
import { setTimeout as sleep } from 'node:timers/promises';
import { hostname } from 'node:os';
import type { Event } from '../api/core/v1/event.js';
import type { ObjectReference } from '../api/core/v1/object-reference.js';
import type { KubeObject } from '../api/meta/v1/types.js';
import { isNotFound } from '../machinery/errors.js';
import { createLogger, type Logger } from '../machinery/log.js';
import { rfc3339 } from '../machinery/object-meta.js';
import { EventCorrelator } from './event-correlator.js';
import type { RestClient } from './rest.js';
import { ResourceClient } from './resource.js';

export type EventType = 'Normal' | 'Warning';

const EVENTS = { group: '', version: 'v1', resource: 'events' };
const MAX_WRITE_ATTEMPTS = 3;

/** An object reference for an object that carries kind and apiVersion (as cached objects do). */
export function referenceTo(obj: KubeObject, fieldPath?: string): ObjectReference {
  const m = obj.metadata ?? {};
  if (!obj.kind || !obj.apiVersion) throw new Error(`cannot reference ${m.name ?? 'an object'}: it has no kind/apiVersion`);
  const ref: ObjectReference = { kind: obj.kind, apiVersion: obj.apiVersion, name: m.name, uid: m.uid, resourceVersion: m.resourceVersion };
  if (m.namespace) ref.namespace = m.namespace;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

function isReference(o: KubeObject | ObjectReference): o is ObjectReference {
  return !('metadata' in o);
}

export interface RecorderOptions {
  /** source.component: "deployment-controller", "default-scheduler", "kubelet" */
  component: string;
  /** source.host (the node, for the kubelet); default: this machine's hostname */
  host?: string;
  now?: () => number;
  /** where dropped events are reported (default: stderr, component client/events) */
  log?: Logger;
}

export class EventRecorder {
  readonly #events: ResourceClient<Event>;
  readonly #component: string;
  readonly #host: string;
  readonly #correlator: EventCorrelator;
  readonly #now: () => number;
  readonly #log: Logger;
  #seq = 0n;
  #tail: Promise<void> = Promise.resolve();

  constructor(rest: RestClient, opts: RecorderOptions) {
    this.#events = new ResourceClient<Event>(rest, EVENTS);
    this.#component = opts.component;
    this.#host = opts.host ?? hostname();
    this.#now = opts.now ?? Date.now;
    this.#log = opts.log ?? createLogger('client/events');
    this.#correlator = new EventCorrelator(this.#now);
  }

  /** Records that reason happened to obj (Normal or Warning). Returns at once. */
  event(obj: KubeObject | ObjectReference, type: EventType, reason: string, message: string): void {
    const ref = isReference(obj) ? obj : referenceTo(obj);
    const t = this.#now();
    const ts = rfc3339(new Date(t));
    // as client-go: <object name>.<hex unix nanoseconds> (a counter keeps one process's names apart)
    const nanos = BigInt(t) * 1_000_000n + (this.#seq++ % 1_000_000n);
    const ev: Event = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name: `${ref.name ?? ''}.${nanos.toString(16)}`, namespace: ref.namespace || 'default' },
      involvedObject: ref, reason, message, type,
      source: { component: this.#component, ...(this.#host ? { host: this.#host } : {}) },
      firstTimestamp: ts, lastTimestamp: ts, count: 1,
      reportingComponent: this.#component, reportingInstance: this.#host,
    };
    const c = this.#correlator.correlate(ev);
    if (c.skip) return;
    this.#tail = this.#tail.then(() => this.#write(c.event, c.key, c.patch));
  }

  async #write(ev: Event, key: string, patch: boolean): Promise<void> {
    const events = this.#events.namespace(ev.metadata?.namespace);
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      try {
        let saved: Event;
        if (patch) {
          try {
            saved = await events.patch(ev.metadata!.name!, 'strategic', { count: ev.count, lastTimestamp: ev.lastTimestamp, message: ev.message });
          } catch (e) {
            if (!isNotFound(e)) throw e;
            // the Event is gone (expired): write it anew under the same name
            patch = false;
            saved = await events.create({ ...ev, metadata: { name: ev.metadata!.name, namespace: ev.metadata!.namespace } });
          }
        } else {
          saved = await events.create(ev);
        }
        this.#correlator.written(key, saved);
        return;
      } catch (e) {
        if (attempt === MAX_WRITE_ATTEMPTS) {
          this.#correlator.written(key, undefined);
          this.#log.error('dropping event', { reason: ev.reason, kind: ev.involvedObject?.kind, name: ev.involvedObject?.name, error: e });
          return;
        }
        await sleep(100 * attempt);
      }
    }
  }

  /** Resolves when every event recorded so far has been written (or dropped). */
  flush(): Promise<void> {
    return this.#tail;
  }
}
