// client-go's EventCorrelator, in its three steps: the aggregator (more than 10 distinct
// messages for the same source/object/type/reason within 10 minutes become one event
// "(combined from similar events): …"), the logger (an event seen before — same key —
// becomes a PATCH raising count and lastTimestamp of the Event already written), and the
// spam filter (a token bucket per source+object: burst 25, one more every 5 minutes).
import type { Event } from '../api/core/v1/event.js';
import { TokenBucket } from './token-bucket.js';

export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 10 * 60_000;
export const SPAM_BURST = 25;
export const SPAM_QPS = 1 / 300;
const CACHE_SIZE = 4096;
export const COMBINED_PREFIX = '(combined from similar events): ';

function objectKey(e: Event): string[] {
  const o = e.involvedObject ?? {};
  return [e.source?.component ?? '', e.source?.host ?? '', o.kind ?? '', o.namespace ?? '', o.name ?? '', o.uid ?? '', o.apiVersion ?? ''];
}

/** The identity of an event for de-duplication: everything but the times and count. */
export function eventKey(e: Event): string {
  return JSON.stringify([...objectKey(e), e.involvedObject?.fieldPath ?? '', e.type ?? '', e.reason ?? '', e.message ?? '']);
}

/** A size-bounded map that forgets the least recently used entry (client-go uses an LRU of 4096). */
class Lru<V> {
  readonly #m = new Map<string, V>();
  get(k: string): V | undefined {
    const v = this.#m.get(k);
    if (v !== undefined) {
      this.#m.delete(k);
      this.#m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.#m.delete(k);
    this.#m.set(k, v);
    if (this.#m.size > CACHE_SIZE) this.#m.delete(this.#m.keys().next().value!);
  }
  delete(k: string): void {
    this.#m.delete(k);
  }
}

export interface Observed {
  name: string;
  count: number;
  firstTimestamp: string;
  resourceVersion?: string;
}

export interface Correlation {
  /** the event to write (message possibly combined, count and name set) */
  event: Event;
  /** the event's cache key, to record the write's result under */
  key: string;
  /** true: PATCH the existing Event (count/lastTimestamp/message); false: create it */
  patch: boolean;
  /** the spam filter dropped it: write nothing */
  skip: boolean;
}

export class EventCorrelator {
  readonly #now: () => number;
  readonly #aggregate = new Lru<{ messages: Set<string>; last: number }>();
  readonly #seen = new Lru<Observed>();
  readonly #spam = new Lru<TokenBucket>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  correlate(input: Event): Correlation {
    const now = this.#now();
    let event: Event = input;
    let key = eventKey(event);
    // aggregation: similar events (same reason, different messages)
    const aggKey = JSON.stringify([...objectKey(event), event.type ?? '', event.reason ?? '']);
    let rec = this.#aggregate.get(aggKey);
    if (!rec || now - rec.last > AGGREGATE_INTERVAL_MS) rec = { messages: new Set(), last: now };
    rec.messages.add(event.message ?? '');
    rec.last = now;
    this.#aggregate.set(aggKey, rec);
    if (rec.messages.size >= AGGREGATE_MAX_EVENTS) {
      event = { ...event, message: COMBINED_PREFIX + (event.message ?? '') };
      key = aggKey;
    }
    // observation: the same event again raises the count of the one already written
    const prev = this.#seen.get(key);
    let patch = false;
    if (prev) {
      event = {
        ...event,
        metadata: { ...event.metadata, name: prev.name },
        count: prev.count + 1,
        firstTimestamp: prev.firstTimestamp,
      };
      patch = true;
    }
    this.#seen.set(key, { name: event.metadata!.name!, count: event.count ?? 1, firstTimestamp: event.firstTimestamp ?? '' });
    // the spam filter, per source and object
    const spamKey = JSON.stringify(objectKey(event));
    let bucket = this.#spam.get(spamKey);
    if (!bucket) {
      bucket = new TokenBucket(SPAM_QPS, SPAM_BURST, this.#now);
      this.#spam.set(spamKey, bucket);
    }
    return { event, key, patch, skip: !bucket.tryAccept() };
  }

  /** After a write: remember what the server holds (or forget it when the write failed). */
  written(key: string, saved: Event | undefined): void {
    if (!saved) {
      this.#seen.delete(key);
      return;
    }
    this.#seen.set(key, { name: saved.metadata?.name ?? '', count: saved.count ?? 1, firstTimestamp: saved.firstTimestamp ?? '', resourceVersion: saved.metadata?.resourceVersion });
  }
}
