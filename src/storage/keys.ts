// Key and value checks shared by every backend, and small key-range helpers.
import { InvalidKeyError, InvalidValueError, ValueTooLargeError } from './errors.js';
import { MAX_VALUE_BYTES, type KeyValue } from './store.js';

/** Every key a store accepts starts with this prefix unless configured otherwise. */
export const DEFAULT_KEY_PREFIX = '/registry/';

export interface KeyRules {
  /** keys (and range/watch prefixes) must start with this; default /registry/ */
  keyPrefix?: string;
}

export function checkKey(key: string, rules: KeyRules): void {
  const prefix = rules.keyPrefix ?? DEFAULT_KEY_PREFIX;
  if (typeof key !== 'string' || key === '') throw new InvalidKeyError(String(key ?? ''), 'the key is empty');
  if (!key.startsWith(prefix)) throw new InvalidKeyError(key, `keys must start with ${JSON.stringify(prefix)}`);
  if (key.includes('\0')) throw new InvalidKeyError(key, 'keys must not contain NUL characters');
  // as the upstream etcd3 store does: no "." or ".." path segments
  const segments = key.split('/');
  if (segments.includes('..') || segments.includes('.')) throw new InvalidKeyError(key, 'keys must not contain "." or ".." segments');
}

export function checkValue(key: string, value: Uint8Array): void {
  if (!(value instanceof Uint8Array)) throw new InvalidValueError(key, 'the value must be bytes (a Uint8Array)');
  if (value.byteLength === 0) throw new InvalidValueError(key, 'the value is empty');
  if (value.byteLength > MAX_VALUE_BYTES) throw new ValueTooLargeError(key, value.byteLength, MAX_VALUE_BYTES);
}

export function checkRevision(name: string, revision: number | undefined): void {
  if (revision === undefined) return;
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${revision}`);
  }
}

/** The smallest string greater than every string starting with prefix (etcd's range_end for a prefix). */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c < 0xffff) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return '\uffff';
}

/** Does a watch on (key, prefix) see events for k? */
export function watchMatches(key: string, prefix: boolean, k: string): boolean {
  return prefix ? k.startsWith(key) : k === key;
}

export function copyKv(kv: KeyValue): KeyValue {
  return { key: kv.key, value: kv.value.slice(), createRevision: kv.createRevision, modRevision: kv.modRevision };
}
