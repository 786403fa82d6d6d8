// RFC 7386 JSON Merge Patch (application/merge-patch+json): objects merge
// recursively, null deletes a member, anything else (arrays included) replaces.
// Neither input is mutated.
import { clone, deepEqual, isObject, type JsonObject, type JsonValue, setKey } from './json-value.js';

/** Drops null members from objects (at any depth) of a value being added, as upstream does. */
function pruneNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map((x) => (isObject(x) || Array.isArray(x) ? pruneNulls(x) : x));
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) setKey(out, k, pruneNulls(x));
    return out;
  }
  return v;
}

function merge(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) {
      delete out[k];
    } else if (Object.hasOwn(out, k)) {
      setKey(out, k, merge(out[k], v));
    } else {
      setKey(out, k, pruneNulls(clone(v)));
    }
  }
  return out;
}

/** Applies a JSON merge patch to a document and returns the result. */
export function applyMergePatch<T = JsonValue>(doc: T, patch: unknown): T {
  return merge(clone(doc) as unknown as JsonValue, patch as JsonValue) as unknown as T;
}

function diff(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [k, m] of Object.entries(modified)) {
    if (m === undefined) continue;
    const o = original[k];
    if (o === undefined) {
      setKey(patch, k, clone(m));
    } else if (isObject(o) && isObject(m)) {
      const sub = diff(o, m);
      if (Object.keys(sub).length) setKey(patch, k, sub);
    } else if (!deepEqual(o, m)) {
      setKey(patch, k, clone(m));
    }
  }
  for (const k of Object.keys(original)) {
    if (original[k] !== undefined && (!Object.hasOwn(modified, k) || modified[k] === undefined)) setKey(patch, k, null);
  }
  return patch;
}

/**
 * A merge patch that turns `original` into `modified`: changed and added members,
 * null for removed ones, whole arrays where they differ. `{}` when they are equal.
 */
export function createMergePatch(original: unknown, modified: unknown): JsonObject {
  return diff(isObject(original) ? original : {}, isObject(modified) ? modified : {});
}
