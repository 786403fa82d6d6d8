// Encryption at rest as a Store decorator: values of the configured resources are sealed by
// the first provider of their chain on the way in and opened by whichever configured key
// matches their prefix on the way out (get, range, watch events and deleted values alike),
// so the backend never holds their plaintext. Other keys pass through untouched.
import type { Scheme } from '../../api/scheme.js';
import type {
  KeyValue, RangeOptions, RangeResult, Store, WatchEvent, WatchOptions,
} from '../../storage/store.js';
import { StorageKeys } from '../storage-keys.js';
import { chainFor, type EncryptionRule } from './config.js';
import type { TransformerChain } from './providers.js';

const staleValues = new WeakSet<KeyValue>();

/**
 * True when this value (as returned by an EncryptingStore) was read with a key other than the
 * one new writes use: an update must write it even when the object did not change, which is
 * how rewriting every object rotates keys.
 */
export function isStaleValue(kv: KeyValue): boolean {
  return staleValues.has(kv);
}

/** Where encryption applies: storage prefix → chain, longest prefix first. */
export function encryptionPrefixes(rules: readonly EncryptionRule[], scheme: Scheme): Array<[string, TransformerChain]> {
  const keys = new StorageKeys(scheme);
  const out = new Map<string, TransformerChain>();
  for (const info of scheme.all()) {
    if (info.virtual) continue;
    const chain = chainFor(rules, info.group, info.resource);
    const prefix = keys.prefix(info);
    if (chain && !out.has(prefix)) out.set(prefix, chain);
  }
  return [...out.entries()].sort((a, b) => b[0].length - a[0].length);
}

export class EncryptingStore implements Store {
  readonly #inner: Store;
  readonly #prefixes: Array<[string, TransformerChain]>;
  /** for keys of kinds the scheme does not know (custom resources): the *.* rule, if any */
  readonly #fallback?: TransformerChain;

  constructor(inner: Store, rules: readonly EncryptionRule[], scheme: Scheme) {
    this.#inner = inner;
    this.#prefixes = encryptionPrefixes(rules, scheme);
    this.#fallback = rules.find((r) => r.resources.some((s) => s.group === '*' && s.resource === '*'))?.chain;
  }

  /** The store being wrapped (tests read raw bytes through it). */
  get inner(): Store {
    return this.#inner;
  }

  #chain(key: string): TransformerChain | undefined {
    for (const [p, c] of this.#prefixes) if (key.startsWith(p)) return c;
    return key.startsWith('/registry/') ? this.#fallback : undefined;
  }

  #seal(key: string, value: Uint8Array): Uint8Array {
    const chain = this.#chain(key);
    return chain ? chain.write(value, key) : value;
  }

  #open(kv: KeyValue): KeyValue;
  #open(kv: KeyValue | undefined): KeyValue | undefined;
  #open(kv: KeyValue | undefined): KeyValue | undefined {
    if (!kv) return kv;
    const chain = this.#chain(kv.key);
    if (!chain || !kv.value.length) return kv;
    let r;
    try {
      r = chain.read(kv.value, kv.key);
    } catch (e) {
      throw new Error(`unable to decrypt ${kv.key}: ${(e as Error).message}`, { cause: e });
    }
    const out = { ...kv, value: r.value };
    if (r.stale) staleValues.add(out);
    return out;
  }

  currentRevision(): Promise<number> {
    return this.#inner.currentRevision();
  }

  ready(): Promise<void> {
    return this.#inner.ready();
  }

  create(key: string, value: Uint8Array): Promise<number> {
    return this.#inner.create(key, this.#seal(key, value));
  }

  async get(key: string, revision?: number): Promise<KeyValue | undefined> {
    return this.#open(await this.#inner.get(key, revision));
  }

  update(key: string, value: Uint8Array, expectedModRevision: number): Promise<number> {
    return this.#inner.update(key, this.#seal(key, value), expectedModRevision);
  }

  async delete(key: string, expectedModRevision?: number): Promise<{ revision: number; prev: KeyValue }> {
    const r = await this.#inner.delete(key, expectedModRevision);
    return { revision: r.revision, prev: this.#open(r.prev) };
  }

  async range(prefix: string, options?: RangeOptions): Promise<RangeResult> {
    const r = await this.#inner.range(prefix, options);
    return { ...r, items: r.items.map((kv) => this.#open(kv)) };
  }

  count(prefix: string): Promise<number> {
    return this.#inner.count(prefix);
  }

  watch(key: string, options?: WatchOptions): AsyncIterableIterator<WatchEvent> {
    const events = this.#inner.watch(key, options);
    const open = (ev: WatchEvent): WatchEvent => ({ ...ev, kv: this.#open(ev.kv), prevKv: this.#open(ev.prevKv) });
    return (async function* decrypting(): AsyncGenerator<WatchEvent> {
      for await (const ev of events) yield open(ev);
    })();
  }

  compact(revision: number): Promise<void> {
    return this.#inner.compact(revision);
  }

  compactedRevision(): Promise<number> {
    return this.#inner.compactedRevision();
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
