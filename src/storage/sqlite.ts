// SqliteStore: the default backend, one SQLite file in WAL mode (schema: sqlite-schema.ts).
//
// Durability: synchronous=FULL by default, so every commit is fsynced to the WAL before the
// write is acknowledged; an acknowledged write survives a process crash (kill -9) and also a
// power loss, the same promise etcd makes. synchronous=NORMAL ('normal') skips that fsync:
// still safe against a process crash (the WAL frames are in the OS page cache), not against
// power loss. Group commit keeps FULL affordable: every write issued before the next turn of
// the event loop goes into one transaction, one fsync, while each write keeps its own revision
// and its own result.
//
// This process is the only writer of the file (the API server), so watch is an in-process
// fan-out of committed rows; a watch from a past revision first replays the table.
import { mkdirSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { startCompactor, type Compactor, type CompactorOptions } from './compactor.js';
import {
  CompactedError, ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError, StorageError, StorageUnavailableError,
} from './errors.js';
import { checkKey, checkRevision, checkValue, prefixEnd, watchMatches, type KeyRules } from './keys.js';
import { prepareStatements, SCHEMA, type RowRecord, type Statements } from './sqlite-schema.js';
import type { KeyValue, RangeOptions, RangeResult, Store, WatchEvent, WatchOptions } from './store.js';
import { WatchQueue } from './watch-queue.js';

export interface SqliteStoreOptions extends KeyRules {
  /** the database file (its folder is created if missing) */
  path: string;
  /** 'full' (default): fsync every commit; 'normal': survive process crashes only */
  synchronous?: 'full' | 'normal';
  /** run a background compactor (keeps ~5 minutes of history by default) */
  compactor?: CompactorOptions;
  /** how long to wait for another process to let go of the file (default 5 s) */
  lockTimeoutMs?: number;
  /** how many revisions one compaction transaction covers (default 10,000) */
  compactBatch?: number;
}

type WriteOp =
  | { kind: 'create'; key: string; value: Uint8Array }
  | { kind: 'update'; key: string; value: Uint8Array; expected: number }
  | { kind: 'delete'; key: string; expected: number | undefined };

interface Pending {
  op: WriteOp;
  resolve: (r: { revision: number; prev?: KeyValue }) => void;
  reject: (e: unknown) => void;
}

interface Watcher {
  key: string;
  prefix: boolean;
  /** deliver only events at or after this revision */
  from: number;
  queue: WatchQueue;
}

const MAX_REV = Number.MAX_SAFE_INTEGER;
/** after a full disk, the free space the file system needs before the store reports ready again */
const FREE_SPACE_READY = 1 << 20;

export class SqliteStore implements Store {
  #db: Database.Database;
  #st: Statements;
  #rules: KeyRules;
  #revision: number;
  #compacted: number;
  #compactBatch: number;
  #pending: Pending[] = [];
  #flushScheduled = false;
  #watchers = new Set<Watcher>();
  #compactor: Compactor | undefined;
  #compacting: Promise<void> = Promise.resolve();
  #closed = false;
  #path: string;
  /** why the last commit failed, until one succeeds again (the readiness check reports it) */
  #commitFailure: StorageUnavailableError | undefined;

  constructor(options: SqliteStoreOptions) {
    this.#path = options.path;
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.#db = new Database(options.path, { timeout: options.lockTimeoutMs ?? 5000 });
    try {
      // one process owns the file: the revision counter and the watch fan-out live in it
      this.#db.pragma('locking_mode = EXCLUSIVE');
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      this.#db.pragma('journal_size_limit = 16777216');
      this.#db.exec(SCHEMA);
    } catch (err) {
      this.#db.close();
      const code = (err as { code?: string }).code;
      if (code === 'SQLITE_BUSY') {
        throw new StorageUnavailableError(`${options.path} is in use by another process (only one server may open it)`, { cause: err });
      }
      if (code === 'SQLITE_FULL') throw new StorageUnavailableError(`cannot open ${options.path}: ${(err as Error).message}`, { cause: err });
      throw err;
    }
    this.#st = prepareStatements(this.#db);
    this.#rules = { keyPrefix: options.keyPrefix };
    this.#revision = this.#st.revision.get()?.seq ?? 0;
    this.#compacted = this.#st.compacted.get()?.prev_revision ?? 0;
    this.#compactBatch = options.compactBatch ?? 10_000;
    if (options.compactor) this.#compactor = startCompactor(this, options.compactor);
  }

  async currentRevision(): Promise<number> {
    return this.#revision;
  }

  /**
   * Ready unless closed or the last commit failed. After a failure, a no-op commit (id 0's row)
   * tells whether commits work again; after a full disk, only once the file system has
   * FREE_SPACE_READY bytes free again (a small commit still fits into the WAL's tail).
   */
  async ready(): Promise<void> {
    this.#checkOpen();
    const failure = this.#commitFailure;
    if (!failure) return;
    if ((failure.cause as { code?: string }).code === 'SQLITE_FULL' && this.#path !== ':memory:') {
      const fs = statfsSync(dirname(this.#path));
      if (fs.bavail * fs.bsize < FREE_SPACE_READY) throw failure;
    }
    try {
      this.#db.transaction(() => this.#st.touchCompacted.run()).immediate();
      this.#commitFailure = undefined;
    } catch (error) {
      throw this.#commitError(error);
    }
  }

  async create(key: string, value: Uint8Array): Promise<number> {
    checkKey(key, this.#rules);
    checkValue(key, value);
    return (await this.#enqueue({ kind: 'create', key, value: value.slice() })).revision;
  }

  async get(key: string, revision?: number): Promise<KeyValue | undefined> {
    checkKey(key, this.#rules);
    const at = this.#readRevision(revision);
    const row = at === this.#revision ? this.#st.latest.get(key) : this.#st.at.get(key, at);
    return row && !row.deleted ? toKv(row) : undefined;
  }

  async update(key: string, value: Uint8Array, expectedModRevision: number): Promise<number> {
    checkKey(key, this.#rules);
    checkValue(key, value);
    return (await this.#enqueue({ kind: 'update', key, value: value.slice(), expected: expectedModRevision })).revision;
  }

  async delete(key: string, expectedModRevision?: number): Promise<{ revision: number; prev: KeyValue }> {
    checkKey(key, this.#rules);
    const r = await this.#enqueue({ kind: 'delete', key, expected: expectedModRevision });
    return { revision: r.revision, prev: r.prev! };
  }

  async range(prefix: string, options: RangeOptions = {}): Promise<RangeResult> {
    checkKey(prefix, this.#rules);
    const rev = this.#readRevision(options.revision);
    const limit = options.limit && options.limit > 0 ? options.limit : 0;
    const rows = this.#st.range.all({
      lo: prefix, hi: prefixEnd(prefix), after: options.startAfter ?? '', rev, limit: limit ? limit + 1 : -1,
    });
    const more = limit > 0 && rows.length > limit;
    if (more) rows.length = limit;
    return { items: rows.map(toKv), revision: rev, more };
  }

  async count(prefix: string): Promise<number> {
    checkKey(prefix, this.#rules);
    this.#checkOpen();
    return this.#st.count.get({ lo: prefix, hi: prefixEnd(prefix), rev: MAX_REV })!.n;
  }

  watch(key: string, options: WatchOptions = {}): AsyncIterableIterator<WatchEvent> {
    const watcher: Watcher = { key, prefix: options.prefix ?? false, from: options.revision ?? 0, queue: undefined as unknown as WatchQueue };
    watcher.queue = new WatchQueue(options.signal, () => this.#watchers.delete(watcher));
    try {
      checkKey(key, this.#rules);
      checkRevision('watch revision', options.revision);
      this.#checkOpen();
      const from = options.revision ?? 0;
      if (from > 0 && from < this.#compacted) throw new CompactedError(from, this.#compacted);
      if (from > 0 && from <= this.#revision) {
        // synchronous: no commit can slip in between this replay and the subscription below
        const hi = watcher.prefix ? prefixEnd(key) : key + '\0';
        for (const row of this.#st.since.iterate({ from, lo: key, hi })) watcher.queue.push(toEvent(row));
      }
      if (!watcher.queue.closed) this.#watchers.add(watcher);
    } catch (err) {
      watcher.queue.fail(err);
    }
    return watcher.queue;
  }

  compact(revision: number): Promise<void> {
    const run = this.#compacting.then(() => this.#compact(revision));
    this.#compacting = run.catch(() => undefined);
    return run;
  }

  async compactedRevision(): Promise<number> {
    return this.#compacted;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#compactor?.stop();
    await this.#compacting;
    if (this.#pending.length > 0) this.#flush();
    this.#closed = true;
    for (const w of [...this.#watchers]) w.queue.end();
    this.#db.close();
  }

  /** SQLite's own check of the file (used by the crash test): 'ok' when healthy */
  integrityCheck(): string {
    return (this.#db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
  }

  async #compact(revision: number): Promise<void> {
    checkRevision('compact revision', revision);
    this.#checkOpen();
    if (revision > this.#revision) throw new FutureRevisionError(revision, this.#revision);
    while (this.#compacted < revision && !this.#closed) {
      const from = this.#compacted;
      const to = Math.min(revision, from + this.#compactBatch);
      this.#db.transaction(() => {
        this.#st.deleteSuperseded.run(from, to);
        this.#st.deleteTombstones.run(from, to);
        this.#st.setCompacted.run(to);
      }).immediate();
      this.#compacted = to;
      if (to < revision) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  #readRevision(revision: number | undefined): number {
    checkRevision('revision', revision);
    this.#checkOpen();
    if (!revision) return this.#revision;
    if (revision > this.#revision) throw new FutureRevisionError(revision, this.#revision);
    if (revision < this.#compacted) throw new CompactedError(revision, this.#compacted);
    return revision;
  }

  #checkOpen(): void {
    if (this.#closed) throw new StorageUnavailableError('the sqlite store is closed');
  }

  #enqueue(op: WriteOp): Promise<{ revision: number; prev?: KeyValue }> {
    this.#checkOpen();
    return new Promise((resolve, reject) => {
      this.#pending.push({ op, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  /** commits every pending write in one transaction (group commit) */
  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    const outcomes: Array<{ ok: true; revision: number; prev?: KeyValue; event: WatchEvent } | { ok: false; error: unknown }> = [];
    try {
      this.#db.transaction(() => {
        for (const p of batch) {
          try {
            outcomes.push({ ok: true, ...this.#apply(p.op) });
          } catch (error) {
            if (!(error instanceof StorageError)) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      this.#revision = this.#st.revision.get()?.seq ?? 0;
      const err = this.#commitError(error);
      for (const p of batch) p.reject(err);
      return;
    }
    this.#commitFailure = undefined;
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) {
        this.#revision = o.revision;
        p.resolve({ revision: o.revision, prev: o.prev });
      } else {
        p.reject(o.error);
      }
    });
    for (const o of outcomes) {
      if (!o.ok) continue;
      for (const w of this.#watchers) {
        if (o.revision >= w.from && watchMatches(w.key, w.prefix, o.event.kv.key)) w.queue.push(cloneEvent(o.event));
      }
    }
  }

  #commitError(error: unknown): StorageUnavailableError {
    this.#commitFailure = new StorageUnavailableError(`sqlite commit to ${this.#path} failed: ${(error as Error).message}`, { cause: error });
    return this.#commitFailure;
  }

  /** one write inside the group transaction; throws a StorageError when its precondition fails */
  #apply(op: WriteOp): { revision: number; prev?: KeyValue; event: WatchEvent } {
    const last = this.#st.latest.get(op.key);
    const live = last && !last.deleted ? last : undefined;
    if (op.kind === 'create') {
      if (live) throw new KeyExistsError(op.key);
      const revision = this.#insert(op.key, 1, 0, 0, last?.id ?? 0, op.value);
      const kv: KeyValue = { key: op.key, value: op.value, createRevision: revision, modRevision: revision };
      return { revision, event: { type: 'ADDED', kv, revision } };
    }
    if (!live) throw new KeyNotFoundError(op.key);
    const prev = toKv(live);
    if (op.expected !== undefined && live.id !== op.expected) throw new ConflictError(op.key, op.expected, prev);
    if (op.kind === 'update') {
      const revision = this.#insert(op.key, 0, 0, prev.createRevision, live.id, op.value);
      const kv: KeyValue = { key: op.key, value: op.value, createRevision: prev.createRevision, modRevision: revision };
      return { revision, event: { type: 'MODIFIED', kv, prevKv: prev, revision } };
    }
    const revision = this.#insert(op.key, 0, 1, prev.createRevision, live.id, prev.value);
    const kv: KeyValue = { key: op.key, value: prev.value, createRevision: prev.createRevision, modRevision: revision };
    return { revision, prev, event: { type: 'DELETED', kv, prevKv: prev, revision } };
  }

  #insert(
    name: string, created: number, deleted: number, createRevision: number, prevRevision: number,
    value: Uint8Array,
  ): number {
    return Number(this.#st.insert.run(name, created, deleted, createRevision, prevRevision, value).lastInsertRowid);
  }
}

function bytes(b: Buffer | null): Uint8Array {
  return b ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(0);
}

function toKv(row: RowRecord): KeyValue {
  return {
    key: row.name,
    value: bytes(row.value),
    createRevision: row.created ? row.id : row.create_revision,
    modRevision: row.id,
  };
}

function toEvent(row: RowRecord): WatchEvent {
  const kv = toKv(row);
  if (row.created) return { type: 'ADDED', kv, revision: row.id };
  const prevKv: KeyValue = {
    key: row.name,
    value: row.deleted ? kv.value.slice() : bytes(row.old_value ?? null),
    createRevision: kv.createRevision,
    modRevision: row.prev_revision,
  };
  return { type: row.deleted ? 'DELETED' : 'MODIFIED', kv, prevKv, revision: row.id };
}

/** every watcher gets its own copy of the bytes, so one consumer cannot change another's view */
function cloneEvent(e: WatchEvent): WatchEvent {
  const kv = { ...e.kv, value: e.kv.value.slice() };
  return e.prevKv ? { ...e, kv, prevKv: { ...e.prevKv, value: e.prevKv.value.slice() } } : { ...e, kv };
}
