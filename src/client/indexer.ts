// The informer's cache (client-go's cache.Indexer): objects by key (namespace/name, or name
// for cluster-scoped objects) with secondary indexes — namespace, owner UID, and any the
// caller adds. Objects in it are shared by every reader: they are deep-frozen when they go
// in (outside production), so a controller that mutates one fails loudly in tests.
import type { KubeObject } from '../api/meta/v1/types.js';

export type IndexFunc<T> = (obj: T) => string[];

export const NAMESPACE_INDEX = 'namespace';
export const OWNER_UID_INDEX = 'ownerUID';

/** client-go's MetaNamespaceKeyFunc: "namespace/name", or "name" without a namespace. */
export function metaNamespaceKey(obj: KubeObject): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name ?? ''}` : (m.name ?? '');
}

/** Splits a key back into namespace and name. */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export const namespaceIndexFunc: IndexFunc<KubeObject> = (o) => [o.metadata?.namespace ?? ''];
export const ownerUIDIndexFunc: IndexFunc<KubeObject> = (o) => (o.metadata?.ownerReferences ?? []).map((r) => r.uid);

const FREEZE = process.env.NODE_ENV !== 'production';

/** Object.freeze, all the way down. */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

export class Indexer<T extends KubeObject = KubeObject> {
  readonly #items = new Map<string, T>();
  readonly #indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys */
  readonly #indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Record<string, IndexFunc<T>> = {}) {
    this.addIndexers({ [NAMESPACE_INDEX]: namespaceIndexFunc as IndexFunc<T>, [OWNER_UID_INDEX]: ownerUIDIndexFunc as IndexFunc<T>, ...indexers });
  }

  /** Adds indexes (also over what is already cached); a name already used is an error. */
  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.#indexers.has(name)) throw new Error(`indexer conflict: ${name}`);
      this.#indexers.set(name, fn);
      const idx = new Map<string, Set<string>>();
      this.#indices.set(name, idx);
      for (const [key, obj] of this.#items) for (const v of fn(obj)) addTo(idx, v, key);
    }
  }

  #unindex(key: string, obj: T): void {
    for (const [name, fn] of this.#indexers) {
      const idx = this.#indices.get(name)!;
      for (const v of fn(obj)) {
        const keys = idx.get(v);
        keys?.delete(key);
        if (keys?.size === 0) idx.delete(v);
      }
    }
  }

  #index(key: string, obj: T): void {
    for (const [name, fn] of this.#indexers) for (const v of fn(obj)) addTo(this.#indices.get(name)!, v, key);
  }

  /** Adds or replaces the object under its key; returns what was there. */
  set(obj: T): T | undefined {
    if (FREEZE) deepFreeze(obj);
    const key = metaNamespaceKey(obj);
    const old = this.#items.get(key);
    if (old) this.#unindex(key, old);
    this.#items.set(key, obj);
    this.#index(key, obj);
    return old;
  }

  /** Removes the object with obj's key; returns what was there. */
  delete(obj: T): T | undefined {
    return this.deleteKey(metaNamespaceKey(obj));
  }

  deleteKey(key: string): T | undefined {
    const old = this.#items.get(key);
    if (!old) return undefined;
    this.#unindex(key, old);
    this.#items.delete(key);
    return old;
  }

  getByKey(key: string): T | undefined {
    return this.#items.get(key);
  }

  get(obj: KubeObject): T | undefined {
    return this.#items.get(metaNamespaceKey(obj));
  }

  list(): T[] {
    return [...this.#items.values()];
  }

  listKeys(): string[] {
    return [...this.#items.keys()];
  }

  get size(): number {
    return this.#items.size;
  }

  /** The keys whose objects have value under the named index. */
  indexKeys(indexName: string, value: string): string[] {
    const idx = this.#indices.get(indexName);
    if (!idx) throw new Error(`index with name ${indexName} does not exist`);
    return [...(idx.get(value) ?? [])];
  }

  /** The objects whose named index includes value. */
  byIndex(indexName: string, value: string): T[] {
    return this.indexKeys(indexName, value).map((k) => this.#items.get(k)!);
  }

  /** The index values of the object under the named index. */
  indexValues(indexName: string, obj: T): string[] {
    const fn = this.#indexers.get(indexName);
    if (!fn) throw new Error(`index with name ${indexName} does not exist`);
    return fn(obj);
  }
}

function addTo(idx: Map<string, Set<string>>, value: string, key: string): void {
  let keys = idx.get(value);
  if (!keys) idx.set(value, (keys = new Set()));
  keys.add(key);
}
