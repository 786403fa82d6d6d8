// The storage interface: an etcd v3-shaped key-value store. Only the API server uses it.
// Keys look like /registry/pods/<namespace>/<name>; values are opaque bytes (JSON, or
// ciphertext when encryption at rest is on). One global revision increases by one with
// every write; each value carries createRevision and modRevision (= resourceVersion).

export interface KeyValue {
  key: string;
  value: Uint8Array;
  createRevision: number;
  modRevision: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** the key/value after the event; for DELETED, the deleted value with modRevision = the delete's revision */
  kv: KeyValue;
  /** the value before the event (MODIFIED, DELETED) */
  prevKv?: KeyValue;
  /** the revision of the write that produced this event */
  revision: number;
}

export interface RangeOptions {
  /** max items to return; 0 or undefined = all */
  limit?: number;
  /** return keys strictly greater than this key (pagination continue point) */
  startAfter?: string;
  /** read at this past revision (a snapshot); 0/undefined = current */
  revision?: number;
}

export interface RangeResult {
  items: KeyValue[];
  /** the revision the range was read at */
  revision: number;
  /** true when more keys under the prefix follow the last item */
  more: boolean;
}

export interface WatchOptions {
  /** watch every key under `key` as a prefix */
  prefix?: boolean;
  /** deliver events with revision >= this; 0/undefined = from now on */
  revision?: number;
  signal?: AbortSignal;
}

export interface Store {
  /** the current revision (the revision of the last write; 0 on an empty store) */
  currentRevision(): Promise<number>;
  /** creates key; throws KeyExistsError if it exists. Returns the new revision. */
  create(key: string, value: Uint8Array): Promise<number>;
  /** reads key, optionally at a past revision; undefined if absent. CompactedError if revision < compacted. */
  get(key: string, revision?: number): Promise<KeyValue | undefined>;
  /**
   * replaces key's value if its modRevision is still expectedModRevision.
   * Throws KeyNotFoundError if absent, ConflictError (carrying the current kv) if it moved.
   */
  update(key: string, value: Uint8Array, expectedModRevision: number): Promise<number>;
  /** deletes key (if expectedModRevision is given, only if unchanged). Returns the delete's revision and the deleted kv. */
  delete(key: string, expectedModRevision?: number): Promise<{ revision: number; prev: KeyValue }>;
  /** the keys under prefix in key order, at one consistent revision */
  range(prefix: string, options?: RangeOptions): Promise<RangeResult>;
  /** how many keys are under prefix (cheap; for quota and metrics) */
  count(prefix: string): Promise<number>;
  /**
   * ordered events for key (or prefix) from options.revision on. Throws CompactedError
   * (on first iteration) if that revision has been compacted. Ends when the signal aborts,
   * when the store closes, or when the consumer falls too far behind (then watch again
   * from the revision after the last event received).
   */
  watch(key: string, options?: WatchOptions): AsyncIterableIterator<WatchEvent>;
  /** drops history older than revision (current values are kept) */
  compact(revision: number): Promise<void>;
  /** the oldest revision still readable / watchable from */
  compactedRevision(): Promise<number>;
  /**
   * resolves when the store can serve reads and commit writes (the API server's readiness
   * check); throws a StorageError saying why not, e.g. while the disk is full
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The largest value accepted (etcd's default request limit): 1.5 MiB. */
export const MAX_VALUE_BYTES = 1.5 * 1024 * 1024;
