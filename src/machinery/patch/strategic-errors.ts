// Errors of strategic merge patch, with upstream's wording (k8s.io/apimachinery/pkg/util/mergepatch)
// and the field path where the problem was found. They surface as 400 Bad Request.
import { BadRequestError } from '../errors.js';
import { isObject } from './json-value.js';

export const ERR_BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
export const ERR_BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
export const ERR_BAD_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';
export const ERR_NO_LIST_OF_LISTS = 'lists of lists are not supported';

/** A problem in a strategic merge patch at a field path (empty for the root). */
export class PatchFormatError extends Error {
  readonly path: string;
  readonly detail: string;
  constructor(path: string, detail: string) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'PatchFormatError';
    this.path = path;
    this.detail = detail;
  }
}

/** Go's %v rendering of a decoded JSON value: map[a:1 b:x], [1 2], <nil>. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isObject(v)) {
    return `map[${Object.keys(v).sort().map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go's reflect type name of a decoded JSON value, used in "expected a …, but received a …". */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObject(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

export function badArgType(path: string, expected: 'map' | 'list', actual: unknown): PatchFormatError {
  const want = expected === 'map' ? 'map[string]interface {}' : '[]interface {}';
  return new PatchFormatError(path, `expected a ${want}, but received a ${goTypeName(actual)}`);
}

export function noMergeKey(path: string, m: unknown, key: string): PatchFormatError {
  return new PatchFormatError(path, `map: ${goFormat(m)} does not contain declared merge key: ${key}`);
}

export function badPatchType(path: string, t: unknown, m: unknown): PatchFormatError {
  return new PatchFormatError(path, `unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);
}

/** Runs fn and turns a PatchFormatError into the 400 the API returns. */
export function asBadRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof PatchFormatError) throw new BadRequestError(e.message);
    throw e;
  }
}
