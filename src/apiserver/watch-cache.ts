// The watch cache: one storage watch over every key under /registry/ feeds an in-memory
// copy of the current objects and a ring of recent events. Lists at resourceVersion=0
// (and, after waiting until the cache has caught up, consistent lists) and every watch are
// served from here, so that many watchers never reach storage.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { KeyValue, Store } from '../storage/store.js';
import { CompactedError } from '../storage/errors.js';
import { ExpiredError, TimeoutError } from '../machinery/errors.js';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface CacheEvent {
  type: CacheEventType;
  key: string;
  /** the object after the event; for DELETED the last state, with the delete's resourceVersion */
  obj: KubeObject;
  /** the object before the event (MODIFIED, DELETED) */
  prev?: KubeObject;
  revision: number;
}

export interface CachedObject {
  key: string;
  obj: KubeObject;
}

export interface CacheWatcher {
  /** stops delivery; idempotent */
  cancel(): void;
}

interface Watcher {
  prefix: string;
  fromRevision: number;
  send(e: CacheEvent): void;
}

export interface WatchCacheOptions {
  /** turns stored bytes into an object with metadata.resourceVersion set */
  decode(kv: KeyValue): KubeObject;
  /** how many recent events to keep for resuming watches (default 20000) */
  capacity?: number;
  prefix?: string;
  onError?(err: unknown): void;
}

/** The message upstream gives a watch that starts before the cache's history. */
export function tooOldMessage(requested: number, oldest: number): string {
  return `too old resource version: ${requested} (${oldest})`;
}

export class WatchCache {
  readonly #store: Store;
  readonly #opts: WatchCacheOptions;
  readonly #prefix: string;
  readonly #objects = new Map<string, KubeObject>();
  /** the keys of #objects in order, so a prefix is a contiguous range found by binary search */
  readonly #keys: string[] = [];
  readonly #ring: CacheEvent[] = [];
  #ringStart = 0;
  /** the newest revision not (or no longer) in the ring: watches must start after it */
  #evictedUpTo = 0;
  #revision = 0;
  readonly #watchers = new Set<Watcher>();
  readonly #waiters = new Set<{ rev: number; resolve(): void }>();
  #abort = new AbortController();
  #loop?: Promise<void>;
  #ready = false;

  constructor(store: Store, opts: WatchCacheOptions) {
    this.#store = store;
    this.#opts = opts;
    this.#prefix = opts.prefix ?? '/registry/';
  }

  #lowerBound(key: string): number {
    let lo = 0;
    let hi = this.#keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #set(key: string, obj: KubeObject): void {
    if (!this.#objects.has(key)) this.#keys.splice(this.#lowerBound(key), 0, key);
    this.#objects.set(key, obj);
  }

  #delete(key: string): void {
    if (!this.#objects.delete(key)) return;
    const i = this.#lowerBound(key);
    if (this.#keys[i] === key) this.#keys.splice(i, 1);
  }

  get revision(): number {
    return this.#revision;
  }

  get ready(): boolean {
    return this.#ready;
  }

  get watcherCount(): number {
    return this.#watchers.size;
  }

  /** Loads the current state and starts following storage. */
  async start(): Promise<void> {
    await this.#relist(false);
    this.#ready = true;
    this.#loop = this.#follow();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    for (const w of this.#waiters) w.resolve();
    this.#waiters.clear();
    this.#watchers.clear();
    await this.#loop?.catch(() => undefined);
  }

  async #relist(emit: boolean): Promise<void> {
    const seen = new Set<string>();
    let startAfter: string | undefined;
    let revision = 0;
    for (;;) {
      const page = await this.#store.range(this.#prefix, { limit: 5000, startAfter, revision: revision || undefined });
      revision = page.revision;
      for (const kv of page.items) {
        seen.add(kv.key);
        const obj = this.#opts.decode(kv);
        const prev = this.#objects.get(kv.key);
        this.#set(kv.key, obj);
        if (emit && prev?.metadata?.resourceVersion !== obj.metadata?.resourceVersion) {
          this.#push({ type: prev ? 'MODIFIED' : 'ADDED', key: kv.key, obj, prev, revision: kv.modRevision });
        }
      }
      if (!page.more || !page.items.length) break;
      startAfter = page.items[page.items.length - 1].key;
    }
    for (const [key, prev] of [...this.#objects]) {
      if (seen.has(key)) continue;
      this.#delete(key);
      if (emit) {
        const obj = structuredClone(prev);
        obj.metadata = { ...obj.metadata, resourceVersion: String(revision) };
        this.#push({ type: 'DELETED', key, obj, prev, revision });
      }
    }
    if (!emit) this.#evictedUpTo = revision;
    this.#setRevision(Math.max(this.#revision, revision));
  }

  async #follow(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      try {
        for await (const ev of this.#store.watch(this.#prefix, { prefix: true, revision: this.#revision + 1, signal })) {
          const obj = this.#opts.decode(ev.kv);
          const prev = this.#objects.get(ev.kv.key);
          if (ev.type === 'DELETED') this.#delete(ev.kv.key);
          else this.#set(ev.kv.key, obj);
          this.#push({ type: ev.type, key: ev.kv.key, obj, prev: prev ?? (ev.prevKv ? this.#opts.decode(ev.prevKv) : undefined), revision: ev.revision });
          this.#setRevision(ev.revision);
        }
      } catch (err) {
        if (signal.aborted) return;
        if (!(err instanceof CompactedError)) this.#opts.onError?.(err);
        await new Promise((r) => setTimeout(r, 200));
        if (signal.aborted) return;
        try {
          await this.#relist(true);
        } catch (e) {
          this.#opts.onError?.(e);
        }
      }
    }
  }

  #setRevision(rev: number): void {
    this.#revision = rev;
    for (const w of this.#waiters) {
      if (w.rev <= rev) {
        this.#waiters.delete(w);
        w.resolve();
      }
    }
  }

  #push(e: CacheEvent): void {
    const cap = this.#opts.capacity ?? 20000;
    this.#ring.push(e);
    if (this.#ring.length - this.#ringStart > cap) {
      this.#evictedUpTo = this.#ring[this.#ringStart].revision;
      this.#ringStart++;
      if (this.#ringStart > 4096) {
        this.#ring.splice(0, this.#ringStart);
        this.#ringStart = 0;
      }
    }
    for (const w of this.#watchers) {
      if (e.key.startsWith(w.prefix) && e.revision > w.fromRevision) w.send(e);
    }
  }

  /** Resolves once the cache has seen revision rev (a consistent read waits for this). */
  waitUntilFresh(rev: number, timeoutMs = 3000): Promise<void> {
    if (this.#revision >= rev || this.#abort.signal.aborted) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const w = {
        rev,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(w);
        reject(new TimeoutError(`Too large resource version: ${rev}, current: ${this.#revision}`, 1));
      }, timeoutMs);
      this.#waiters.add(w);
    });
  }

  get(key: string): KubeObject | undefined {
    return this.#objects.get(key);
  }

  /** Visits the current objects under prefix in key order until visit returns false; returns the revision. */
  scan(prefix: string, visit: (key: string, obj: KubeObject) => boolean): number {
    for (let i = this.#lowerBound(prefix); i < this.#keys.length && this.#keys[i].startsWith(prefix); i++) {
      if (!visit(this.#keys[i], this.#objects.get(this.#keys[i])!)) break;
    }
    return this.#revision;
  }

  /** The current objects under prefix, in key order, and the revision they are at. */
  list(prefix: string): { items: CachedObject[]; revision: number } {
    const items: CachedObject[] = [];
    for (let i = this.#lowerBound(prefix); i < this.#keys.length && this.#keys[i].startsWith(prefix); i++) {
      items.push({ key: this.#keys[i], obj: this.#objects.get(this.#keys[i])! });
    }
    return { items, revision: this.#revision };
  }

  /**
   * Delivers the events under prefix with a revision greater than fromRevision: first the
   * ones still in the ring, then new ones as they happen. A fromRevision older than the
   * ring is 410 Expired.
   */
  watch(prefix: string, fromRevision: number, send: (e: CacheEvent) => void): CacheWatcher {
    if (fromRevision < this.#evictedUpTo) throw new ExpiredError(tooOldMessage(fromRevision, this.#evictedUpTo + 1));
    for (let i = this.#ringStart; i < this.#ring.length; i++) {
      const e = this.#ring[i];
      if (e.revision > fromRevision && e.key.startsWith(prefix)) send(e);
    }
    const w: Watcher = { prefix, fromRevision, send };
    this.#watchers.add(w);
    return { cancel: () => this.#watchers.delete(w) };
  }
}
