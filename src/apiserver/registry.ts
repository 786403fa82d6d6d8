// The generic registry: objects of any kind in the Store, read through the watch cache.
// resourceVersion is the store's modRevision (never stored in the value); writes use
// the store's compare-and-swap, and a conflicting concurrent write retries the update
// function on the fresh object (GuaranteedUpdate).
import type { KubeObject } from '../api/meta/v1/types.js';
import type { ResourceInfo } from '../api/scheme.js';
import { wireOrder, withResourceVersion } from '../api/wire-order.js';
import { AlreadyExistsError, BadRequestError, ConflictError as ApiConflict, NotFoundError, TimeoutError, grString, type GroupResource } from '../machinery/errors.js';
import type { KeyValue, Store } from '../storage/store.js';
import { deepEqual } from '../machinery/patch/json-value.js';
import { CompactedError, ConflictError as StoreConflict } from '../storage/errors.js';
import { isStaleValue } from './encryption/store.js';
import { continueExpired, decodeContinue, encodeContinue } from './continue-token.js';
import type { Metrics } from './metrics.js';
import type { ObjectFilter } from './selectors.js';
import { StorageKeys } from './storage-keys.js';
import { strategyOf } from './strategy.js';
import { toRequestVersion, toStorageVersion } from './conversion.js';
import { storageToStatus } from './storage-errors.js';
import type { WatchCache } from './watch-cache.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Equal apart from resourceVersion and key order: such an update is not written (no new revision, no event). */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } });
  return deepEqual(strip(a), strip(b));
}

/** How long a consistent list waits for the watch cache before reading storage itself. */
const CACHE_CATCH_UP_MS = 250;
/** How long an update without a precondition keeps retrying against concurrent writers: upstream's request timeout. */
const UPDATE_RETRY_MS = 60_000;

export function grOf(info: ResourceInfo): GroupResource {
  return { group: info.group, resource: info.resource };
}

/** The bytes stored for an object: its JSON without resourceVersion. */
export function encodeObject(obj: KubeObject): Uint8Array {
  const { resourceVersion: _rv, ...meta } = obj.metadata ?? {};
  void _rv;
  return encoder.encode(JSON.stringify({ ...obj, metadata: meta }));
}

export function decodeObject(kv: KeyValue): KubeObject {
  const obj = JSON.parse(decoder.decode(kv.value)) as KubeObject;
  obj.metadata = withResourceVersion(obj.metadata, String(kv.modRevision));
  return obj;
}

/** What holds an object's deletion besides metadata.finalizers, by its strategy (a Namespace's spec.finalizers). */
export function deletionHolds(info: ResourceInfo, obj: KubeObject): readonly string[] {
  return strategyOf(info).deletionHolds?.(obj) ?? [];
}

export function parseResourceVersion(rv: string | null | undefined, what = 'resourceVersion'): number | undefined {
  if (rv === null || rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) throw new BadRequestError(`${what}: Invalid value: "${rv}": must be a non-negative integer`);
  return Number(rv);
}

export interface ListOptions {
  filter?: ObjectFilter;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
  /** items after this page, when known without filtering (unfiltered paginated lists from the cache) */
  remainingItemCount?: number;
}

export interface UpdateResult {
  obj: KubeObject;
  /** false when the update changed nothing (no write happened) */
  changed: boolean;
  /** true when the object left storage (the last finalizer was removed during deletion) */
  deleted?: boolean;
}

/** Decides the next state from the current one; throws to abort (e.g. 409 on a stale resourceVersion). */
export type TryUpdate = (current: KubeObject) => KubeObject | Promise<KubeObject>;

export class Registry {
  readonly store: Store;
  readonly cache: WatchCache;
  readonly keys: StorageKeys;
  readonly #metrics: Metrics;

  constructor(store: Store, cache: WatchCache, keys: StorageKeys, metrics: Metrics) {
    this.store = store;
    this.cache = cache;
    this.keys = keys;
    this.#metrics = metrics;
  }

  async #call<T>(op: string, info: ResourceInfo, name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.#metrics.timeStorage(op, info.resource, fn);
    } catch (e) {
      throw storageToStatus(e, grOf(info), name);
    }
  }

  /** A consistent read from storage. */
  async get(info: ResourceInfo, namespace: string, name: string): Promise<KubeObject> {
    const kv = await this.#call('get', info, name, () => this.store.get(this.keys.key(info, namespace, name)));
    if (!kv) throw new NotFoundError(grOf(info), name);
    return toRequestVersion(info, decodeObject(kv));
  }

  /** A stored (or cached) object as the request's version shows it. */
  present(info: ResourceInfo, obj: KubeObject): KubeObject {
    return toRequestVersion(info, obj);
  }

  async list(info: ResourceInfo, namespace: string, opts: ListOptions = {}): Promise<ListResult> {
    const prefix = this.keys.prefix(info, namespace);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    const rv = parseResourceVersion(opts.resourceVersion);
    const match = opts.resourceVersionMatch ?? '';
    if (match && match !== 'Exact' && match !== 'NotOlderThan') {
      throw new BadRequestError(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
    }
    if (match && rv === undefined) throw new BadRequestError('resourceVersionMatch is forbidden unless resourceVersion is provided');
    if (opts.continue) {
      if (rv !== undefined && rv !== 0) throw new BadRequestError('specifying resource version is not allowed when using continue');
      const tok = decodeContinue(opts.continue);
      return this.#listFromStore(info, prefix, tok.rv, prefix + tok.after, limit, opts.filter, true);
    }
    if (match === 'Exact' && rv) return this.#listFromStore(info, prefix, rv, undefined, limit, opts.filter, false);
    if (rv === undefined || rv > 0) {
      // a consistent read (or one not older than rv) comes from the cache once it has caught
      // up; writes outside /registry/ (an etcd compaction marker) may keep it just behind the
      // store's revision, and then the store answers directly
      const current = await this.#call('currentRevision', info, '', () => this.store.currentRevision());
      const want = rv === undefined ? current : rv;
      if (rv !== undefined && rv > current) {
        await this.cache.waitUntilFresh(rv);
      } else if (this.cache.revision < want) {
        const caughtUp = await this.cache.waitUntilFresh(want, CACHE_CATCH_UP_MS).then(() => true, () => false);
        if (!caughtUp) return this.#listFromStore(info, prefix, current, undefined, limit, opts.filter, false);
      }
    }
    const items: KubeObject[] = [];
    let cont: string | undefined;
    let lastKey = '';
    let remaining: number | undefined;
    const revision = this.cache.scan(prefix, (key, stored) => {
      if (remaining !== undefined) {
        // an unfiltered page past its limit: count what is left (cheap: no conversion)
        remaining++;
        return true;
      }
      const obj = toRequestVersion(info, stored);
      if (opts.filter && !opts.filter(obj)) return true;
      if (limit && items.length === limit) {
        cont = encodeContinue(this.cache.revision, lastKey, prefix);
        if (opts.filter) return false;
        remaining = 1;
        return true;
      }
      items.push(obj);
      lastKey = key;
      return true;
    });
    return { items, resourceVersion: String(revision), continue: cont, remainingItemCount: remaining };
  }

  async #listFromStore(
    info: ResourceInfo, prefix: string, revision: number, startAfter: string | undefined, limit: number,
    filter: ObjectFilter | undefined, fromContinue: boolean,
  ): Promise<ListResult> {
    const items: KubeObject[] = [];
    let after = startAfter;
    let lastKey: string | undefined;
    let more = false;
    try {
      for (;;) {
        const want = limit ? Math.max(limit - items.length, 1) : 0;
        const page = await this.#metrics.timeStorage('list', info.resource, () =>
          this.store.range(prefix, { revision, startAfter: after, limit: want ? want + (filter ? 50 : 0) : undefined }));
        let stopped = false;
        for (const kv of page.items) {
          if (limit && items.length === limit) {
            more = true;
            stopped = true;
            break;
          }
          lastKey = kv.key;
          const obj = toRequestVersion(info, decodeObject(kv));
          if (!filter || filter(obj)) items.push(obj);
        }
        if (stopped) break;
        if (!page.more || !page.items.length) break;
        if (limit && items.length === limit) {
          more = true;
          break;
        }
        after = page.items[page.items.length - 1].key;
      }
    } catch (e) {
      if (e instanceof CompactedError) throw fromContinue ? continueExpired() : storageToStatus(e, grOf(info), '');
      throw storageToStatus(e, grOf(info), '');
    }
    return {
      items,
      resourceVersion: String(revision),
      continue: more && lastKey ? encodeContinue(revision, lastKey, prefix) : undefined,
    };
  }

  /** Stores a new object; returns it with its resourceVersion. */
  async create(info: ResourceInfo, given: KubeObject, dryRun: boolean): Promise<KubeObject> {
    const obj = wireOrder(info.schema, given);
    const name = obj.metadata?.name ?? '';
    const key = this.keys.key(info, obj.metadata?.namespace ?? '', name);
    if (dryRun) {
      const exists = await this.#call('get', info, name, () => this.store.get(key));
      if (exists) throw new AlreadyExistsError(grOf(info), name);
      return obj;
    }
    const rev = await this.#call('create', info, name, () => this.store.create(key, encodeObject(toStorageVersion(info, obj))));
    return { ...obj, metadata: withResourceVersion(obj.metadata, String(rev)) };
  }

  /**
   * Reads the object, lets tryUpdate compute the next state and writes it if it changed,
   * retrying on concurrent writes. An object being deleted whose last finalizer is gone
   * leaves storage.
   */
  async update(info: ResourceInfo, namespace: string, name: string, tryUpdate: TryUpdate, dryRun: boolean): Promise<UpdateResult> {
    const key = this.keys.key(info, namespace, name);
    const deadline = Date.now() + UPDATE_RETRY_MS;
    for (;;) {
      const kv = await this.#call('get', info, name, () => this.store.get(key));
      if (!kv) throw new NotFoundError(grOf(info), name);
      const stored = decodeObject(kv);
      const current = toRequestVersion(info, stored);
      const next = wireOrder(info.schema, await tryUpdate(structuredClone(current)));
      const storedNext = toStorageVersion(info, next);
      const bytes = encodeObject(storedNext);
      // an object being deleted leaves storage once no finalizer and no grace period holds it
      const finalizing = !!next.metadata?.deletionTimestamp && !(next.metadata?.finalizers?.length) && !next.metadata?.deletionGracePeriodSeconds
        && !deletionHolds(info, next).length;
      // an unchanged object is not written again, unless it is stored under an old encryption key (rotation)
      if (!finalizing && !isStaleValue(kv) && sameObject(storedNext, stored)) {
        return { obj: current, changed: false };
      }
      if (dryRun) return { obj: { ...next, metadata: withResourceVersion(next.metadata, current.metadata?.resourceVersion ?? '') }, changed: true };
      try {
        if (finalizing) {
          const { revision } = await this.#metrics.timeStorage('delete', info.resource, () => this.store.delete(key, kv.modRevision));
          return { obj: { ...next, metadata: withResourceVersion(next.metadata, String(revision)) }, changed: true, deleted: true };
        }
        const rev = await this.#metrics.timeStorage('update', info.resource, () => this.store.update(key, bytes, kv.modRevision));
        return { obj: { ...next, metadata: withResourceVersion(next.metadata, String(rev)) }, changed: true };
      } catch (e) {
        // another writer got there first: re-read and try again, as upstream's GuaranteedUpdate
        // does for as long as the request lives (a stated resourceVersion fails in tryUpdate)
        if (e instanceof StoreConflict && Date.now() < deadline) continue;
        if (e instanceof StoreConflict) throw new TimeoutError(`request did not complete within the allotted timeout: ${UPDATE_RETRY_MS / 1000}s of concurrent writes to ${grString(grOf(info))} "${name}"`);
        throw storageToStatus(e, grOf(info), name);
      }
    }
  }

  /** Removes the object if it is still at modRevision (when given); returns the last state. */
  async remove(info: ResourceInfo, obj: KubeObject, dryRun: boolean): Promise<KubeObject> {
    const name = obj.metadata?.name ?? '';
    const key = this.keys.key(info, obj.metadata?.namespace ?? '', name);
    if (dryRun) return obj;
    const expected = parseResourceVersion(obj.metadata?.resourceVersion);
    try {
      const { revision } = await this.#metrics.timeStorage('delete', info.resource, () => this.store.delete(key, expected));
      return { ...obj, metadata: withResourceVersion(obj.metadata, String(revision)) };
    } catch (e) {
      if (e instanceof StoreConflict) throw new ApiConflict(grOf(info), name);
      throw storageToStatus(e, grOf(info), name);
    }
  }
}
