// A live copy of one kind's objects from the API server's watch cache (an informer without
// the network): list once, then follow the cache's events. The authorizers keep their
// indexes up to date from here.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { CacheEvent, CacheWatcher } from '../watch-cache.js';

/** What the mirror needs of the watch cache (WatchCache satisfies it). */
export interface ObjectSource {
  list(prefix: string): { items: { key: string; obj: KubeObject }[]; revision: number };
  watch(prefix: string, fromRevision: number, send: (e: CacheEvent) => void): CacheWatcher;
}

export type MirrorHandler = (type: CacheEvent['type'], obj: KubeObject, prev: KubeObject | undefined) => void;

export class KindMirror {
  readonly prefix: string;
  readonly #source: ObjectSource;
  readonly #objects = new Map<string, KubeObject>();
  readonly #handlers: MirrorHandler[] = [];
  #watcher?: CacheWatcher;

  constructor(source: ObjectSource, prefix: string) {
    this.#source = source;
    this.prefix = prefix;
  }

  /** Called for every change after start (and for every object present at start, as ADDED). */
  onChange(h: MirrorHandler): void {
    this.#handlers.push(h);
  }

  start(): void {
    if (this.#watcher) return;
    const snap = this.#source.list(this.prefix);
    for (const it of snap.items) {
      this.#objects.set(it.key, it.obj);
      this.#emit('ADDED', it.obj, undefined);
    }
    this.#watcher = this.#source.watch(this.prefix, snap.revision, (e) => {
      const prev = this.#objects.get(e.key);
      if (e.type === 'DELETED') this.#objects.delete(e.key);
      else this.#objects.set(e.key, e.obj);
      this.#emit(e.type, e.obj, prev ?? e.prev);
    });
  }

  stop(): void {
    this.#watcher?.cancel();
    this.#watcher = undefined;
  }

  #emit(type: CacheEvent['type'], obj: KubeObject, prev: KubeObject | undefined): void {
    for (const h of this.#handlers) h(type, obj, prev);
  }

  /** A cluster-scoped object by name, or a namespaced one by namespace and name. */
  get(name: string, namespace = ''): KubeObject | undefined {
    return this.#objects.get(namespace ? `${this.prefix}${namespace}/${name}` : `${this.prefix}${name}`);
  }

  values(): IterableIterator<KubeObject> {
    return this.#objects.values();
  }

  get size(): number {
    return this.#objects.size;
  }
}
