// MemoryStore: the Store semantics (revisions, history, watch, compaction) kept in memory.
// For unit tests and the simulator; nothing is persisted. Writes apply in call order.
import { startCompactor, type Compactor, type CompactorOptions } from './compactor.js';
import { CompactedError, ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError, StorageUnavailableError } from './errors.js';
import { checkKey, checkRevision, checkValue, copyKv, watchMatches, type KeyRules } from './keys.js';
import type { KeyValue, RangeOptions, RangeResult, Store, WatchEvent, WatchOptions } from './store.js';
import { WatchQueue } from './watch-queue.js';

/** One write: the same shape as a row of the sqlite table. */
interface Row {
  revision: number;
  key: string;
  value: Uint8Array;
  createRevision: number;
  prevRevision: number;
  created: boolean;
  deleted: boolean;
  oldValue?: Uint8Array;
}

interface Watcher {
  key: string;
  prefix: boolean;
  /** deliver only events at or after this revision */
  from: number;
  queue: WatchQueue;
}

export interface MemoryStoreOptions extends KeyRules {
  compactor?: CompactorOptions;
}

export class MemoryStore implements Store {
  #rules: KeyRules;
  #revision = 0;
  #compacted = 0;
  /** per key, its rows in revision order */
  #history = new Map<string, Row[]>();
  /** every key with history, sorted */
  #keys: string[] = [];
  /** every row at or after the compacted revision, in revision order */
  #log: Row[] = [];
  #watchers = new Set<Watcher>();
  #compactor: Compactor | undefined;
  #closed = false;

  constructor(options: MemoryStoreOptions = {}) {
    this.#rules = { keyPrefix: options.keyPrefix };
    if (options.compactor) this.#compactor = startCompactor(this, options.compactor);
  }

  async currentRevision(): Promise<number> {
    return this.#revision;
  }

  async ready(): Promise<void> {
    if (this.#closed) throw new StorageUnavailableError('the memory store is closed');
  }

  async create(key: string, value: Uint8Array): Promise<number> {
    checkKey(key, this.#rules);
    checkValue(key, value);
    const last = this.#latest(key);
    if (last && !last.deleted) throw new KeyExistsError(key);
    return this.#append({ key, value: value.slice(), createRevision: 0, prevRevision: last?.revision ?? 0, created: true, deleted: false });
  }

  async get(key: string, revision?: number): Promise<KeyValue | undefined> {
    checkKey(key, this.#rules);
    const at = this.#readRevision(revision);
    const row = this.#at(key, at);
    return row && !row.deleted ? copyKv(toKv(row)) : undefined;
  }

  async update(key: string, value: Uint8Array, expectedModRevision: number): Promise<number> {
    checkKey(key, this.#rules);
    checkValue(key, value);
    const last = this.#latest(key);
    if (!last || last.deleted) throw new KeyNotFoundError(key);
    if (last.revision !== expectedModRevision) throw new ConflictError(key, expectedModRevision, copyKv(toKv(last)));
    return this.#append({
      key, value: value.slice(), createRevision: createRevisionOf(last), prevRevision: last.revision,
      created: false, deleted: false, oldValue: last.value,
    });
  }

  async delete(key: string, expectedModRevision?: number): Promise<{ revision: number; prev: KeyValue }> {
    checkKey(key, this.#rules);
    const last = this.#latest(key);
    if (!last || last.deleted) throw new KeyNotFoundError(key);
    if (expectedModRevision !== undefined && last.revision !== expectedModRevision) {
      throw new ConflictError(key, expectedModRevision, copyKv(toKv(last)));
    }
    const prev = copyKv(toKv(last));
    const revision = this.#append({
      key, value: last.value, createRevision: createRevisionOf(last), prevRevision: last.revision, created: false, deleted: true,
    });
    return { revision, prev };
  }

  async range(prefix: string, options: RangeOptions = {}): Promise<RangeResult> {
    checkKey(prefix, this.#rules);
    const at = this.#readRevision(options.revision);
    const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
    const from = options.startAfter !== undefined && options.startAfter >= prefix ? options.startAfter : undefined;
    let i = lowerBound(this.#keys, from ?? prefix);
    if (from !== undefined && this.#keys[i] === from) i++;
    const items: KeyValue[] = [];
    let more = false;
    for (; i < this.#keys.length; i++) {
      const key = this.#keys[i]!;
      if (!key.startsWith(prefix)) break;
      const row = this.#at(key, at);
      if (!row || row.deleted) continue;
      if (items.length >= limit) {
        more = true;
        break;
      }
      items.push(copyKv(toKv(row)));
    }
    return { items, revision: at, more };
  }

  async count(prefix: string): Promise<number> {
    checkKey(prefix, this.#rules);
    let n = 0;
    for (let i = lowerBound(this.#keys, prefix); i < this.#keys.length && this.#keys[i]!.startsWith(prefix); i++) {
      const last = this.#latest(this.#keys[i]!);
      if (last && !last.deleted) n++;
    }
    return n;
  }

  watch(key: string, options: WatchOptions = {}): AsyncIterableIterator<WatchEvent> {
    const watcher: Watcher = { key, prefix: options.prefix ?? false, from: options.revision ?? 0, queue: undefined as unknown as WatchQueue };
    watcher.queue = new WatchQueue(options.signal, () => this.#watchers.delete(watcher));
    try {
      checkKey(key, this.#rules);
      checkRevision('watch revision', options.revision);
      if (this.#closed) throw new Error('store is closed');
      const from = options.revision ?? 0;
      if (from > 0 && from < this.#compacted) throw new CompactedError(from, this.#compacted);
      if (from > 0) {
        for (let i = lowerBoundRow(this.#log, from); i < this.#log.length; i++) {
          const row = this.#log[i]!;
          if (watchMatches(key, watcher.prefix, row.key)) watcher.queue.push(toEvent(row));
        }
      }
      if (!watcher.queue.closed) this.#watchers.add(watcher);
    } catch (err) {
      watcher.queue.fail(err);
    }
    return watcher.queue;
  }

  async compact(revision: number): Promise<void> {
    checkRevision('compact revision', revision);
    if (revision > this.#revision) throw new FutureRevisionError(revision, this.#revision);
    if (revision <= this.#compacted) return;
    for (const [key, rows] of this.#history) {
      // keep the newest row at or below the compact revision (unless it is an older tombstone) and all newer ones
      let keepFrom = 0;
      for (let i = rows.length - 1; i >= 0; i--) {
        if (rows[i]!.revision <= revision) {
          keepFrom = rows[i]!.deleted && rows[i]!.revision < revision ? i + 1 : i;
          break;
        }
      }
      if (keepFrom > 0) rows.splice(0, keepFrom);
      if (rows.length === 0) this.#history.delete(key);
    }
    this.#keys = this.#keys.filter((k) => this.#history.has(k));
    this.#log = this.#log.slice(lowerBoundRow(this.#log, revision));
    this.#compacted = revision;
  }

  async compactedRevision(): Promise<number> {
    return this.#compacted;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#compactor?.stop();
    for (const w of [...this.#watchers]) w.queue.end();
  }

  #latest(key: string): Row | undefined {
    const rows = this.#history.get(key);
    return rows?.[rows.length - 1];
  }

  #at(key: string, revision: number): Row | undefined {
    const rows = this.#history.get(key);
    if (!rows) return undefined;
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.revision <= revision) return rows[i];
    return undefined;
  }

  #readRevision(revision: number | undefined): number {
    checkRevision('revision', revision);
    if (!revision) return this.#revision;
    if (revision > this.#revision) throw new FutureRevisionError(revision, this.#revision);
    if (revision < this.#compacted) throw new CompactedError(revision, this.#compacted);
    return revision;
  }

  #append(init: Omit<Row, 'revision'>): number {
    if (this.#closed) throw new Error('store is closed');
    const row: Row = { ...init, revision: ++this.#revision };
    let rows = this.#history.get(row.key);
    if (!rows) {
      rows = [];
      this.#history.set(row.key, rows);
      this.#keys.splice(lowerBound(this.#keys, row.key), 0, row.key);
    }
    rows.push(row);
    this.#log.push(row);
    for (const w of this.#watchers) {
      if (row.revision >= w.from && watchMatches(w.key, w.prefix, row.key)) w.queue.push(toEvent(row));
    }
    return row.revision;
  }
}

function createRevisionOf(row: Row): number {
  return row.created ? row.revision : row.createRevision;
}

function toKv(row: Row): KeyValue {
  return { key: row.key, value: row.value, createRevision: createRevisionOf(row), modRevision: row.revision };
}

function toEvent(row: Row): WatchEvent {
  const kv = copyKv(toKv(row));
  if (row.created) return { type: 'ADDED', kv, revision: row.revision };
  const prevKv: KeyValue = {
    key: row.key,
    value: (row.deleted ? row.value : row.oldValue ?? row.value).slice(),
    createRevision: kv.createRevision,
    modRevision: row.prevRevision,
  };
  return { type: row.deleted ? 'DELETED' : 'MODIFIED', kv, prevKv, revision: row.revision };
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundRow(rows: Row[], revision: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.revision < revision) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
