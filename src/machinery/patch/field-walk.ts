// Walking objects as field paths, with the schema's list types: the set of fields
// an object sets (ToFieldSet upstream), and the fields that differ between two
// objects (Compare upstream). Lists of type map are keyed by their map keys
// (k:{...}), set lists by value (v:...), atomic lists and maps are one field.
import { deepEqual, isObject, type JsonObject, type JsonValue, setKey } from './json-value.js';
import { fieldSchema, isAtomicMap, itemSchema, listMeta, type Schema } from './schema-meta.js';
import { fieldPE, indexPE, insertPath, keyPE, newFieldSet, valuePE, type FieldSet, type PathElement } from './field-set.js';

const present = (v: unknown): v is JsonValue => v !== null && v !== undefined;

/** The key fields of a list element that it actually has. */
export function keyFieldsOf(el: JsonValue, mapKeys: readonly string[]): Record<string, JsonValue> | undefined {
  if (!isObject(el)) return undefined;
  const out: Record<string, JsonValue> = {};
  for (const k of mapKeys) if (present(el[k])) setKey(out, k, el[k]);
  return Object.keys(out).length ? out : undefined;
}

/** True when two elements agree on every key field both of them have (and share at least one). */
export function sameElement(a: JsonValue, b: JsonValue, mapKeys: readonly string[]): boolean {
  if (!isObject(a) || !isObject(b)) return false;
  let shared = 0;
  for (const k of mapKeys) {
    if (!present(a[k]) || !present(b[k])) continue;
    if (!deepEqual(a[k], b[k])) return false;
    shared++;
  }
  return shared > 0;
}

/** The element of list matching the key fields (as read from a k: path element), or -1. */
export function findKeyed(list: readonly JsonValue[], key: JsonObject): number {
  return list.findIndex((el) => sameElement(el, key, Object.keys(key)));
}

export function elementPE(el: JsonValue, mapKeys: readonly string[], index: number): PathElement {
  const k = keyFieldsOf(el, mapKeys);
  return k ? keyPE(k) : indexPE(index);
}

/**
 * The fields a (partial) object sets: every scalar, atomic list or map, set element
 * and keyed element. `ref` is the same value after merging, used to complete the key
 * fields of elements that leave some out (a port without its defaulted protocol).
 */
export function fieldSetOf(value: unknown, schema: Schema, ref?: unknown): FieldSet {
  const set = newFieldSet();
  const walk = (v: JsonValue, s: Schema, r: JsonValue | undefined, path: PathElement[]) => {
    if (isObject(v)) {
      if (isAtomicMap(s) && path.length) {
        insertPath(set, path);
        return;
      }
      for (const [k, x] of Object.entries(v)) {
        if (present(x)) walk(x, fieldSchema(s, k), isObject(r) ? r[k] : undefined, [...path, fieldPE(k)]);
      }
      return;
    }
    if (Array.isArray(v)) {
      const lm = listMeta(s);
      if (lm.listType === 'atomic') {
        insertPath(set, path);
      } else if (lm.listType === 'set') {
        for (const x of v) insertPath(set, [...path, valuePE(x)]);
      } else {
        v.forEach((x, i) => {
          const match = Array.isArray(r) ? r.find((y) => sameElement(x, y, lm.mapKeys)) : undefined;
          const pe = elementPE(match ?? x, lm.mapKeys, i);
          const p = [...path, pe];
          insertPath(set, p);
          walk(x, itemSchema(s), match, p);
        });
      }
      return;
    }
    if (present(v) && path.length) insertPath(set, path);
  };
  walk(value as JsonValue, schema, ref as JsonValue | undefined, []);
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** Struct nodes (fixed properties) are not fields of their own unless empty; maps and lists are. */
function isStruct(s: Schema): boolean {
  return !!s && !!(s as unknown as { properties?: object }).properties;
}

/** Adds a whole subtree (added or removed) to a set. */
function addSubtree(set: FieldSet, v: JsonValue, s: Schema, path: PathElement[], element = false): void {
  if (isObject(v)) {
    const atomic = isAtomicMap(s);
    if (path.length && (element || atomic || !isStruct(s) || Object.keys(v).length === 0)) insertPath(set, path);
    if (atomic) return;
    for (const [k, x] of Object.entries(v)) if (present(x)) addSubtree(set, x, fieldSchema(s, k), [...path, fieldPE(k)]);
    return;
  }
  if (path.length) insertPath(set, path);
  if (!Array.isArray(v)) return;
  const lm = listMeta(s);
  if (lm.listType === 'set') for (const x of v) insertPath(set, [...path, valuePE(x)]);
  if (lm.listType === 'map') v.forEach((x, i) => addSubtree(set, x, itemSchema(s), [...path, elementPE(x, lm.mapKeys, i)], true));
}

/** The fields added, changed and removed going from a to b. */
export function compareObjects(a: unknown, b: unknown, schema: Schema): Comparison {
  const res: Comparison = { added: newFieldSet(), modified: newFieldSet(), removed: newFieldSet() };
  const walk = (x: JsonValue | undefined, y: JsonValue | undefined, s: Schema, path: PathElement[]) => {
    const hx = present(x);
    const hy = present(y);
    if (!hx && !hy) return;
    const element = path.length > 0 && !path[path.length - 1].startsWith('f:');
    if (!hx) return addSubtree(res.added, y as JsonValue, s, path, element);
    if (!hy) return addSubtree(res.removed, x, s, path, element);
    if (isObject(x) && isObject(y) && !isAtomicMap(s)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], fieldSchema(s, k), [...path, fieldPE(k)]);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      const lm = listMeta(s);
      if (lm.listType === 'set') {
        for (const v of y) if (!x.some((o) => deepEqual(o, v))) insertPath(res.added, [...path, valuePE(v)]);
        for (const v of x) if (!y.some((o) => deepEqual(o, v))) insertPath(res.removed, [...path, valuePE(v)]);
        return;
      }
      if (lm.listType === 'map') {
        const seen = new Set<number>();
        y.forEach((el, i) => {
          const j = x.findIndex((o, n) => !seen.has(n) && sameElement(o, el, lm.mapKeys));
          if (j >= 0) seen.add(j);
          walk(j >= 0 ? x[j] : undefined, el, itemSchema(s), [...path, elementPE(j >= 0 ? x[j] : el, lm.mapKeys, i)]);
        });
        x.forEach((el, n) => {
          if (!seen.has(n)) addSubtree(res.removed, el, itemSchema(s), [...path, elementPE(el, lm.mapKeys, n)], true);
        });
        return;
      }
    }
    if (!deepEqual(x, y) && path.length) insertPath(res.modified, path);
  };
  walk(a as JsonValue | undefined, b as JsonValue | undefined, schema, []);
  return res;
}
