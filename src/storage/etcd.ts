// EtcdStore: the Store over a real etcd v3 cluster, through the etcd3 client's raw KV RPCs
// (transactions with mod_revision compares, ranges at a revision, compaction) and its
// watcher (which resumes after a disconnect from the last revision it saw).
// Every unary call has a deadline; an unreachable etcd surfaces as StorageUnavailableError,
// a slow one as StorageTimeoutError, and the client reconnects when etcd returns.
import {
  ClientClosedError, Etcd3, EtcdWatchStreamEnded, GRPCCancelledError, GRPCDeadlineExceededError, GRPCUnavailableError, type IKeyValue, type IOptions, type IRangeRequest, type IResponseHeader, type Watcher } from 'etcd3';
import { startCompactor, type Compactor, type CompactorOptions } from './compactor.js';
import {
  CompactedError, ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError, StorageError, StorageTimeoutError,
  StorageUnavailableError, ValueTooLargeError,
} from './errors.js';
import { checkKey, checkRevision, checkValue, prefixEnd, type KeyRules } from './keys.js';
import { MAX_VALUE_BYTES, type KeyValue, type RangeOptions, type RangeResult, type Store, type WatchEvent, type WatchOptions } from './store.js';
import { WatchQueue } from './watch-queue.js';

export interface EtcdTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export interface EtcdStoreOptions extends KeyRules {
  /** e.g. ['http://127.0.0.1:2379'] or ['https://etcd-1:2379', 'https://etcd-2:2379'] */
  endpoints: string[];
  tls?: EtcdTls;
  /** prepended to every key inside etcd (several clusters can share one etcd); default '' */
  namespace?: string;
  /** deadline of every unary request (default 5 s) */
  requestTimeoutMs?: number;
  compactor?: CompactorOptions;
}

/** the key the upstream API server's compactor also uses: its value is the last compacted revision in decimal */
export const ETCD_COMPACT_KEY = 'compact_rev_key';

export class EtcdStore implements Store {
  #client: Etcd3;
  #rules: KeyRules;
  #ns: string;
  #endpoints: string;
  #watchers = new Set<WatchQueue>();
  /** the newest revision any response has shown this client */
  #lastSeen = 0;
  #compactor: Compactor | undefined;
  #closed = false;

  constructor(options: EtcdStoreOptions) {
    if (options.endpoints.length === 0) throw new Error('etcd: at least one endpoint is needed');
    const timeout = options.requestTimeoutMs ?? 5000;
    const opts: IOptions = {
      hosts: options.endpoints,
      dialTimeout: timeout,
      defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + timeout }),
      grpcOptions: { 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 },
    };
    const https = options.endpoints.some((e) => e.startsWith('https://'));
    if (options.tls?.ca || https) {
      opts.credentials = {
        rootCertificate: options.tls?.ca ?? Buffer.alloc(0),
        ...(options.tls?.key ? { privateKey: options.tls.key } : {}),
        ...(options.tls?.cert ? { certChain: options.tls.cert } : {}),
      };
    }
    this.#client = new Etcd3(opts);
    this.#rules = { keyPrefix: options.keyPrefix };
    this.#ns = options.namespace ?? '';
    this.#endpoints = options.endpoints.join(',');
    if (options.compactor) this.#compactor = startCompactor(this, options.compactor);
  }

  async currentRevision(): Promise<number> {
    const res = await this.#call(() => this.#client.kv.range({ key: this.#k(ETCD_COMPACT_KEY), count_only: true }));
    return Number(res.header.revision);
  }

  async ready(): Promise<void> {
    await this.currentRevision();
  }

  async create(key: string, value: Uint8Array): Promise<number> {
    checkKey(key, this.#rules);
    checkValue(key, value);
    const k = this.#k(key);
    const res = await this.#call(() => this.#client.kv.txn({
      compare: [{ key: k, target: 'Create', result: 'Equal', create_revision: 0 }],
      success: [{ request_put: { key: k, value: Buffer.from(value) } }],
    }), key, value.byteLength);
    if (!res.succeeded) throw new KeyExistsError(key);
    return Number(res.header.revision);
  }

  async get(key: string, revision?: number): Promise<KeyValue | undefined> {
    checkKey(key, this.#rules);
    checkRevision('revision', revision);
    const res = await this.#read({ key: this.#k(key), revision: revision || 0 }, revision);
    return res.kvs[0] ? this.#kv(res.kvs[0]) : undefined;
  }

  async update(key: string, value: Uint8Array, expectedModRevision: number): Promise<number> {
    checkKey(key, this.#rules);
    checkValue(key, value);
    const k = this.#k(key);
    const res = await this.#call(() => this.#client.kv.txn({
      compare: [
        { key: k, target: 'Mod', result: 'Equal', mod_revision: expectedModRevision },
        { key: k, target: 'Create', result: 'Greater', create_revision: 0 },
      ],
      success: [{ request_put: { key: k, value: Buffer.from(value) } }],
      failure: [{ request_range: { key: k } }],
    }), key, value.byteLength);
    if (!res.succeeded) this.#failedPrecondition(key, expectedModRevision, res.responses[0]?.response_range.kvs[0]);
    return Number(res.header.revision);
  }

  async delete(key: string, expectedModRevision?: number): Promise<{ revision: number; prev: KeyValue }> {
    checkKey(key, this.#rules);
    const k = this.#k(key);
    const compare = expectedModRevision === undefined
      ? [{ key: k, target: 'Create' as const, result: 'Greater' as const, create_revision: 0 }]
      : [
          { key: k, target: 'Mod' as const, result: 'Equal' as const, mod_revision: expectedModRevision },
          { key: k, target: 'Create' as const, result: 'Greater' as const, create_revision: 0 },
        ];
    const res = await this.#call(() => this.#client.kv.txn({
      compare,
      success: [{ request_delete_range: { key: k, prev_kv: true } }],
      failure: [{ request_range: { key: k } }],
    }), key);
    if (!res.succeeded) this.#failedPrecondition(key, expectedModRevision ?? 0, res.responses[0]?.response_range.kvs[0]);
    const prev = res.responses[0]?.response_delete_range.prev_kvs[0];
    if (!prev) throw new KeyNotFoundError(key);
    return { revision: Number(res.header.revision), prev: this.#kv(prev) };
  }

  async range(prefix: string, options: RangeOptions = {}): Promise<RangeResult> {
    checkKey(prefix, this.#rules);
    checkRevision('revision', options.revision);
    const start = options.startAfter !== undefined && options.startAfter >= prefix ? options.startAfter + '\0' : prefix;
    const res = await this.#read({
      key: this.#k(start),
      range_end: this.#k(prefixEnd(prefix)),
      limit: options.limit && options.limit > 0 ? options.limit : 0,
      revision: options.revision || 0,
    }, options.revision);
    return {
      items: res.kvs.map((kv) => this.#kv(kv)),
      revision: options.revision || Number(res.header.revision),
      more: res.more,
    };
  }

  async count(prefix: string): Promise<number> {
    checkKey(prefix, this.#rules);
    const res = await this.#call(() => this.#client.kv.range({ key: this.#k(prefix), range_end: this.#k(prefixEnd(prefix)), count_only: true }));
    return Number(res.count);
  }

  watch(key: string, options: WatchOptions = {}): AsyncIterableIterator<WatchEvent> {
    // "from now on" means after every write this client has already seen acknowledged
    const now = options.revision ? 0 : this.#lastSeen + 1;
    let watcher: Watcher | undefined;
    const queue = new WatchQueue(options.signal, () => {
      this.#watchers.delete(queue);
      void watcher?.cancel().catch(() => undefined);
    });
    this.#watchers.add(queue);
    void this.#startWatch(key, options, now, queue).then((w) => {
      watcher = w;
      if (queue.closed) void w?.cancel().catch(() => undefined);
    });
    return queue;
  }

  async compact(revision: number): Promise<void> {
    checkRevision('compact revision', revision);
    if (revision <= (await this.compactedRevision())) return;
    try {
      await this.#call(() => this.#client.kv.compact({ revision }));
    } catch (err) {
      if (!(err instanceof CompactedError)) throw err;
    }
    await this.#call(() => this.#client.kv.put({ key: this.#k(ETCD_COMPACT_KEY), value: Buffer.from(String(revision)) }));
  }

  async compactedRevision(): Promise<number> {
    const res = await this.#call(() => this.#client.kv.range({ key: this.#k(ETCD_COMPACT_KEY) }));
    const v = res.kvs[0]?.value.toString();
    return v && /^\d+$/.test(v) ? Number(v) : 0;
  }

  /** etcd's status of the first endpoint: database size in bytes (for benchmarks and metrics) */
  async status(): Promise<{ dbSize: number; revision: number; version: string }> {
    const res = await this.#call(() => this.#client.maintenance.status());
    return { dbSize: Number(res.dbSize), revision: Number(res.header.revision), version: res.version };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#compactor?.stop();
    for (const q of [...this.#watchers]) q.end();
    this.#client.close();
  }

  async #startWatch(key: string, options: WatchOptions, now: number, queue: WatchQueue): Promise<Watcher | undefined> {
    try {
      checkKey(key, this.#rules);
      checkRevision('watch revision', options.revision);
      if (this.#closed) throw new StorageUnavailableError('the etcd store is closed');
      const from = options.revision || (now > 1 ? now : (await this.currentRevision()) + 1);
      if (options.revision) {
        const compacted = await this.compactedRevision();
        if (from < compacted) throw new CompactedError(from, compacted);
      }
      let b = this.#client.watch().withPreviousKV();
      b = options.prefix ? b.inRange({ start: this.#k(key), end: this.#k(prefixEnd(key)) }) : b.key(this.#k(key));
      b = b.startRevision(String(from));
      if (queue.closed) return undefined;
      const w = b.watcher();
      let last = from - 1;
      w.on('data', (res) => {
        const floor = last; // one response may hold several events of one revision (a multi-key txn)
        for (const ev of res.events) {
          const kv = this.#kv(ev.kv);
          if (kv.modRevision <= floor) continue; // a replay after reconnecting
          last = kv.modRevision;
          const prevKv = ev.prev_kv ? this.#kv(ev.prev_kv) : undefined;
          if (ev.type === 'Delete') {
            const deleted: KeyValue = prevKv
              ? { ...prevKv, value: prevKv.value.slice(), modRevision: kv.modRevision }
              : { ...kv, createRevision: 0 };
            queue.push({ type: 'DELETED', kv: deleted, ...(prevKv ? { prevKv } : {}), revision: kv.modRevision });
          } else if (kv.createRevision === kv.modRevision) {
            queue.push({ type: 'ADDED', kv, revision: kv.modRevision });
          } else {
            queue.push({ type: 'MODIFIED', kv, ...(prevKv ? { prevKv } : {}), revision: kv.modRevision });
          }
        }
      });
      w.on('error', (err: Error) => {
        void this.compactedRevision()
          .catch(() => 0)
          .then((compacted) => {
            const next = last + 1;
            queue.fail(next < compacted || /compacted/.test(err.message)
              ? new CompactedError(next, Math.max(compacted, next + 1))
              : this.#mapError(err));
          });
      });
      return w;
    } catch (err) {
      queue.fail(err instanceof StorageError ? err : this.#mapError(err));
      return undefined;
    }
  }

  #k(key: string): Buffer {
    return Buffer.from(this.#ns + key);
  }

  #kv(kv: IKeyValue): KeyValue {
    return {
      key: kv.key.toString().slice(this.#ns.length),
      value: new Uint8Array(kv.value ?? Buffer.alloc(0)),
      createRevision: Number(kv.create_revision),
      modRevision: Number(kv.mod_revision),
    };
  }

  #failedPrecondition(key: string, expected: number, current: IKeyValue | undefined): never {
    if (!current) throw new KeyNotFoundError(key);
    throw new ConflictError(key, expected, this.#kv(current));
  }

  async #read(req: IRangeRequest, revision: number | undefined): Promise<{ header: IResponseHeader; kvs: IKeyValue[]; more: boolean }> {
    try {
      return await this.#call(() => this.#client.kv.range(req));
    } catch (err) {
      if (err instanceof CompactedError && revision) throw new CompactedError(revision, await this.compactedRevision().catch(() => 0));
      if (err instanceof FutureRevisionError && revision) {
        throw new FutureRevisionError(revision, await this.currentRevision().catch(() => 0));
      }
      throw err;
    }
  }

  async #call<T>(fn: () => Promise<T>, key = '', size = 0): Promise<T> {
    if (this.#closed) throw new StorageUnavailableError('the etcd store is closed');
    let res: T;
    try {
      res = await fn();
    } catch (err) {
      throw this.#mapError(err, key, size);
    }
    const rev = Number((res as { header?: IResponseHeader }).header?.revision ?? 0);
    if (rev > this.#lastSeen) this.#lastSeen = rev;
    return res;
  }

  #mapError(err: unknown, key = '', size = 0): Error {
    if (err instanceof StorageError) return err;
    const e = err instanceof Error ? err : new Error(String(err));
    const msg = e.message;
    const where = `etcd at ${this.#endpoints}: ${msg}`;
    if (/required revision has been compacted/.test(msg)) return new CompactedError(0, 0);
    if (/future revision/.test(msg)) return new FutureRevisionError(0, 0);
    if (/request is too large/.test(msg)) {
      return new ValueTooLargeError(key, size, MAX_VALUE_BYTES, ' (etcd refused the request: raise its --max-request-bytes above 1.5 MiB plus the key)');
    }
    if (e instanceof GRPCDeadlineExceededError || /deadline exceeded|request timed out/i.test(msg)) {
      return new StorageTimeoutError(where, { cause: e });
    }
    const down = e instanceof GRPCUnavailableError || e instanceof ClientClosedError || e instanceof GRPCCancelledError
      || e instanceof EtcdWatchStreamEnded || e.constructor.name === 'BrokenCircuitError';
    if (down || /unavailable|no leader|ECONNREFUSED|circuit breaker/i.test(msg)) {
      return new StorageUnavailableError(where, { cause: e });
    }
    return e;
  }
}
