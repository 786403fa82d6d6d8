// The shared index informer (client-go's SharedIndexInformer): one reflector fills one
// indexed cache, and every registered handler hears about each change — add, update,
// delete — in order. A relist that no longer holds an object reports its deletion as a
// DeletedFinalStateUnknown tombstone (the delete itself was missed). Handlers that ask for
// a resync period get onUpdate(obj, obj) for every cached object that often.
import type { KubeObject } from '../api/meta/v1/types.js';
import { createLogger, type Logger } from '../machinery/log.js';
import { deepFreeze, Indexer, metaNamespaceKey, type IndexFunc } from './indexer.js';
import { Lister } from './lister.js';
import { Reflector, type ReflectorOptions, type ReflectorStore } from './reflector.js';
import type { ResourceClient } from './resource.js';

/** An object deleted while the watch was down: the last state the cache had. */
export interface DeletedFinalStateUnknown<T> {
  key: string;
  obj: T;
  tombstone: true;
}

export function isTombstone<T>(o: T | DeletedFinalStateUnknown<T>): o is DeletedFinalStateUnknown<T> {
  return Boolean(o && (o as DeletedFinalStateUnknown<T>).tombstone === true);
}

/** The object itself, or the last known state inside a tombstone. */
export function objectOf<T>(o: T | DeletedFinalStateUnknown<T>): T {
  return isTombstone(o) ? o.obj : o;
}

export interface EventHandler<T> {
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerRegistration {
  /** true once the handler has been told about the whole initial list */
  hasSynced(): boolean;
  remove(): void;
}

export interface InformerOptions<T> extends ReflectorOptions {
  /** default resync period for handlers (ms; 0 = none) */
  resyncPeriodMs?: number;
  indexers?: Record<string, IndexFunc<T>>;
  /** where handler and watch errors are reported (default: stderr, component client/informer) */
  log?: Logger;
}

interface Listener<T> {
  handler: EventHandler<T>;
  resyncMs: number;
  nextResync: number;
  synced: boolean;
}

/** What is a key to a work queue: the object's key, also inside a tombstone. */
export function keyOf(o: KubeObject | DeletedFinalStateUnknown<KubeObject>): string {
  return isTombstone(o) ? o.key : metaNamespaceKey(o);
}

export class SharedIndexInformer<T extends KubeObject = KubeObject> implements ReflectorStore<T> {
  readonly indexer: Indexer<T>;
  readonly reflector: Reflector<T>;
  readonly #listeners = new Set<Listener<T>>();
  readonly #defaultResyncMs: number;
  readonly #log: Logger;
  #synced = false;
  #running?: Promise<void>;
  #syncWaiters: (() => void)[] = [];

  constructor(client: ResourceClient<T>, opts: InformerOptions<T> = {}) {
    this.indexer = new Indexer<T>(opts.indexers);
    const log = opts.log ?? createLogger('client/informer');
    this.#log = log;
    this.reflector = new Reflector<T>(client, this, {
      onError: (e) => log.error('list/watch failed; retrying', { resource: client.gvr.resource, error: e }), ...opts,
    });
    this.#defaultResyncMs = opts.resyncPeriodMs ?? 0;
  }

  lister(): Lister<T> {
    return new Lister<T>(this.indexer);
  }

  hasSynced(): boolean {
    return this.#synced;
  }

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    this.indexer.addIndexers(indexers);
  }

  /**
   * Registers a handler. Added after the informer synced, it first hears an onAdd for
   * every cached object (as client-go does), so late handlers see the same world.
   */
  addEventHandler(handler: EventHandler<T>, resyncPeriodMs = this.#defaultResyncMs): HandlerRegistration {
    const l: Listener<T> = { handler, resyncMs: resyncPeriodMs, nextResync: Date.now() + resyncPeriodMs, synced: false };
    this.#listeners.add(l);
    if (this.#synced) {
      for (const obj of this.indexer.list()) this.#call(() => handler.onAdd?.(obj, true));
      l.synced = true;
    }
    return { hasSynced: () => l.synced, remove: () => this.#listeners.delete(l) };
  }

  #each(fn: (h: EventHandler<T>) => void): void {
    for (const l of this.#listeners) this.#call(() => fn(l.handler));
  }

  // ReflectorStore: the reflector's changes go into the cache, then out to the handlers.

  replace(items: T[], _resourceVersion: string): void {
    const initial = !this.#synced;
    const seen = new Set<string>();
    for (const obj of items) {
      seen.add(metaNamespaceKey(obj));
      const old = this.indexer.set(obj);
      if (old) this.#each((h) => h.onUpdate?.(old, obj));
      else this.#each((h) => h.onAdd?.(obj, initial));
    }
    for (const key of this.indexer.listKeys()) {
      if (seen.has(key)) continue;
      const old = this.indexer.deleteKey(key)!;
      const tomb: DeletedFinalStateUnknown<T> = { key, obj: old, tombstone: true };
      this.#each((h) => h.onDelete?.(tomb));
    }
    if (initial) {
      this.#synced = true;
      for (const l of this.#listeners) l.synced = true;
      for (const w of this.#syncWaiters.splice(0)) w();
    }
  }

  add(obj: T): void {
    const old = this.indexer.set(obj);
    if (old) this.#each((h) => h.onUpdate?.(old, obj));
    else this.#each((h) => h.onAdd?.(obj, false));
  }

  update(obj: T): void {
    this.add(obj);
  }

  delete(obj: T): void {
    this.indexer.delete(obj);
    deepFreeze(obj);
    this.#each((h) => h.onDelete?.(obj));
  }

  /** A handler that throws must not stop the others; its error is reported, not swallowed. */
  #call(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.#log.error('an event handler threw', { error: e, stack: (e as Error)?.stack });
    }
  }

  #resync(): void {
    const now = Date.now();
    for (const l of this.#listeners) {
      if (!l.resyncMs || now < l.nextResync) continue;
      l.nextResync = now + l.resyncMs;
      for (const obj of this.indexer.list()) this.#call(() => l.handler.onUpdate?.(obj, obj));
    }
  }

  /** Resolves once the initial list is in the cache (or rejects when the signal aborts). */
  waitForSync(signal?: AbortSignal): Promise<void> {
    if (this.#synced) return Promise.resolve();
    // an abort that came first would never fire the listener below: refuse at once
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal!.reason as Error);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#syncWaiters.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /** Lists and watches until the signal aborts; a second call returns the same run. */
  run(signal: AbortSignal): Promise<void> {
    this.#running ??= (async () => {
      const periods = [...this.#listeners].map((l) => l.resyncMs).filter((x) => x > 0);
      const tick = Math.min(1000, ...periods, this.#defaultResyncMs || 1000);
      const timer = setInterval(() => {
        if (this.#synced) this.#resync();
      }, tick);
      try {
        await this.reflector.run(signal);
      } finally {
        clearInterval(timer);
      }
    })();
    return this.#running;
  }
}

