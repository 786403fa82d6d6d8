// Plain JSON values and the few helpers every patch kind needs: type tests,
// deep equality and deep copies. Patches never mutate their inputs, so every
// entry point copies what it changes.

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The JSON kind of a value, as Go's decoder would see it. */
export type JsonKind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';

export function kindOf(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'object': return 'object';
    case 'string': return 'string';
    case 'number': case 'bigint': return 'number';
    case 'boolean': return 'boolean';
    default: return 'null';
  }
}

export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export { deepEqual } from '../equality.js';

/**
 * Sets obj[key] as an own property. A plain assignment of "__proto__" would change
 * the object's prototype instead, and such keys are legal in ConfigMap data.
 */
export function setKey(obj: object, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    (obj as Record<string, unknown>)[key] = value;
  }
}

/** A deep copy of a JSON value; undefined members are dropped as JSON would. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clone(x)) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) setKey(out, k, clone(x));
    return out as T;
  }
  return v;
}

/** Go's fmt %v of a scalar, which upstream uses to sort and compare merge keys. */
export function scalarString(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Sorts a copy by each value's %v string, as upstream's sortScalars does. */
export function sortScalars<T>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => {
    const x = scalarString(a);
    const y = scalarString(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Removes repeated scalars, keeping the first occurrence of each. */
export function dedupeScalars<T>(list: readonly T[]): T[] {
  const out: T[] = [];
  for (const v of list) if (!out.some((o) => o === v)) out.push(v);
  return out;
}
