// Strategic merge patch (application/strategic-merge-patch+json), as
// k8s.io/apimachinery/pkg/util/strategicpatch applies it on the server. The schema
// says how each list merges: by a merge key (containers by name), as a set of
// scalars (finalizers), or by replacement (the default, also for unknown fields).
// Maps merge and null deletes. Directives: $patch (replace | delete | merge),
// $deleteFromPrimitiveList/<field>, $setElementOrder/<field>, $retainKeys.
import { clone, dedupeScalars, isObject, kindOf, type JsonObject, type JsonValue, setKey } from './json-value.js';
import { fieldSchema, itemSchema, patchMeta, type PatchMeta, type Schema } from './schema-meta.js';
import {
  asBadRequest, badArgType, badPatchType, noMergeKey, PatchFormatError,
  ERR_BAD_PRIMITIVE_LIST, ERR_BAD_RETAIN_KEYS, ERR_BAD_SET_ELEMENT_ORDER, ERR_NO_LIST_OF_LISTS,
} from './strategic-errors.js';
import { normalizeOrder, partitionByPresence, validateMergeKeys, type ElementKind } from './strategic-order.js';

export const DIRECTIVE = '$patch';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';
export const RETAIN_KEYS = '$retainKeys';

export interface MergeOptions {
  /** true on the server: apply $deleteFromPrimitiveList/$retainKeys/$setElementOrder; false when merging two patches */
  mergeParallelList: boolean;
  /** true on the server: nulls for absent fields vanish; false keeps them so the merged patch still deletes */
  ignoreUnmatchedNulls: boolean;
}

export const SERVER_OPTIONS: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

const child = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Applies a strategic merge patch to an object and returns the result. Neither input
 * is changed. Throws BadRequestError naming the field when the patch is malformed.
 */
export function strategicMergePatch<T>(original: T, patch: unknown, schema: Schema): T {
  return asBadRequest(() => {
    if (!isObject(patch)) throw new PatchFormatError('', badArgType('', 'map', patch).detail);
    const base = isObject(original) ? clone(original) : {};
    return mergeMap(base, clone(patch), schema, SERVER_OPTIONS, '') as unknown as T;
  });
}

/** Splits "$prefix/field" into field; throws the prefix's format error otherwise. */
function suffixOf(path: string, key: string, prefix: string, err: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw new PatchFormatError(path, err);
  return key.slice(slash + 1);
}

/** Removes directives and nulls from a value that is taken over whole from a patch. */
function settle(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.filter((x) => !(isObject(x) && x[DIRECTIVE] === 'delete')).map(settle);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === undefined || k === DIRECTIVE || k === RETAIN_KEYS) continue;
    if (k.startsWith(`${SET_ELEMENT_ORDER}/`) || k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`)) continue;
    setKey(out, k, settle(x));
  }
  return out;
}

function takeOver(v: JsonValue, opts: MergeOptions): JsonValue {
  return opts.ignoreUnmatchedNulls ? settle(v) : v;
}

function metaOf(path: string, s: Schema): PatchMeta {
  try {
    return patchMeta(s);
  } catch (e) {
    throw new PatchFormatError(path, (e as Error).message);
  }
}

/** Merges patch into original (both owned by the caller and changed in place). */
export function mergeMap(original: JsonObject, patch: JsonObject, schema: Schema, opts: MergeOptions, path: string): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE)) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') {
      delete patch[DIRECTIVE];
      return takeOver(patch, opts) as JsonObject;
    }
    if (d === 'delete') return {};
    if (d !== 'merge') throw badPatchType(path, d, patch);
    delete patch[DIRECTIVE];
  }
  applyRetainKeys(original, patch, opts, path);
  applySetElementOrder(original, patch, schema, opts, path);

  for (const [rawKey, patchV] of Object.entries(patch)) {
    let k = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        setKey(original, rawKey, patchV);
        continue;
      }
      k = suffixOf(path, rawKey, DELETE_FROM_PRIMITIVE_LIST, ERR_BAD_PRIMITIVE_LIST);
      isDeleteList = true;
      if (!Array.isArray(patchV)) throw new PatchFormatError(child(path, k), ERR_BAD_PRIMITIVE_LIST);
    }
    const at = child(path, k);
    if (patchV === null) {
      delete original[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!Object.hasOwn(original, k) || original[k] === undefined) {
      if (!isDeleteList) setKey(original, k, takeOver(patchV, opts));
      continue;
    }
    const ov = original[k];
    if (kindOf(ov) !== kindOf(patchV)) {
      if (!isDeleteList) setKey(original, k, takeOver(patchV, opts));
      continue;
    }
    const fs = fieldSchema(schema, k);
    if (isObject(ov) && isObject(patchV)) {
      const meta = metaOf(at, fs);
      setKey(original, k, meta.strategy === 'replace' ? takeOver(patchV, opts) : mergeMap(ov, patchV, fs, opts, at));
    } else if (Array.isArray(ov) && Array.isArray(patchV)) {
      setKey(original, k, mergeListField(ov, patchV, fs, isDeleteList, opts, at)[0]);
    } else {
      setKey(original, k, patchV);
    }
  }
  return original;
}

/**
 * Merges a list field according to its strategy: merge lists merge, others are replaced.
 * Also returns upstream's view of the original list afterwards (see mergeSliceWithView).
 */
function mergeListField(ov: JsonValue[], pv: JsonValue[], fs: Schema, isDeleteList: boolean, opts: MergeOptions, path: string): [JsonValue[], JsonValue[]] {
  const meta = metaOf(path, fs);
  if (meta.strategy === 'merge') return mergeSliceWithView(ov, pv, itemSchema(fs), meta.mergeKey, opts, isDeleteList, path);
  if (isDeleteList) return [ov.filter((v) => !pv.some((d) => d === v)), ov];
  return [takeOver(pv, opts) as JsonValue[], ov];
}

function elementKind(path: string, ...lists: JsonValue[][]): ElementKind | undefined {
  let kind: string | undefined;
  for (const l of lists) {
    for (const v of l) {
      const k = kindOf(v);
      if (k === 'array') throw new PatchFormatError(path, ERR_NO_LIST_OF_LISTS);
      if (kind === undefined) kind = k;
      else if (kind !== k) throw new PatchFormatError(path, 'list element types are not identical');
    }
  }
  if (kind === undefined) return undefined;
  return kind === 'object' ? 'map' : 'scalar';
}

export function mergeSlice(
  original: JsonValue[], patch: JsonValue[], item: Schema, mergeKey: string,
  opts: MergeOptions, isDeleteList: boolean, path: string,
): JsonValue[] {
  return mergeSliceWithView(original, patch, item, mergeKey, opts, isDeleteList, path)[0];
}

/**
 * The caller's view of a keyed list that upstream edits in place: Go slices share
 * their array, so deleting shifts the elements left (the tail keeps its old values)
 * and appending after a deletion fills the freed room. Upstream orders the result of
 * a $setElementOrder against this view, so the final order depends on it.
 */
interface ListView {
  view: JsonValue[];
  len: number;
  shared: boolean;
}

function viewDelete(v: ListView, mergeKey: string, key: JsonValue): void {
  for (;;) {
    let i = -1;
    for (let n = 0; n < v.len; n++) {
      const o = v.view[n];
      if (isObject(o) && Object.hasOwn(o, mergeKey) && o[mergeKey] === key) { i = n; break; }
    }
    if (i < 0) return;
    for (let n = i; n < v.len - 1; n++) v.view[n] = v.view[n + 1];
    v.len--;
  }
}

function viewAppend(v: ListView, el: JsonValue): void {
  if (v.shared && v.len < v.view.length) v.view[v.len++] = el;
  else v.shared = false;
}

function mergeSliceWithView(
  original: JsonValue[], patch: JsonValue[], item: Schema, mergeKey: string,
  opts: MergeOptions, isDeleteList: boolean, path: string,
): [JsonValue[], JsonValue[]] {
  if (original.length === 0 && patch.length === 0) return [original, original];
  const kind = elementKind(path, original, patch) ?? 'scalar';
  let merged: JsonValue[];
  let base = original;
  let rest = patch;
  const lv: ListView = { view: [...original], len: original.length, shared: true };
  if (kind === 'scalar') {
    if (opts.mergeParallelList && isDeleteList) return [original.filter((v) => !patch.some((d) => d === v)), original];
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchFormatError(path, 'cannot merge lists without merge key');
    let replaced: boolean;
    [base, rest, replaced] = splitSpecialElements(original, patch, mergeKey, path, lv);
    if (replaced) {
      base = base.map((v) => takeOver(v, opts));
      lv.shared = false;
    }
    merged = [...base];
    for (const v of rest) {
      const el = v as JsonObject;
      if (!Object.hasOwn(el, mergeKey)) throw noMergeKey(path, el, mergeKey);
      const i = merged.findIndex((o) => isObject(o) && Object.hasOwn(o, mergeKey) && o[mergeKey] === el[mergeKey]);
      if (i >= 0) {
        merged[i] = mergeMap(merged[i] as JsonObject, el, item, opts, `${path}[${mergeKey}=${String(el[mergeKey])}]`);
      } else {
        const added = takeOver(el, opts);
        merged.push(added);
        viewAppend(lv, added);
      }
    }
  }
  const [patchItems, serverOnly] = partitionByPresence(path, merged, rest, mergeKey, kind);
  return [normalizeOrder(path, patchItems, serverOnly, rest, base, mergeKey, kind), lv.view];
}

/**
 * Handles $patch elements of a keyed list: delete removes every element with that key
 * from original, replace makes the rest of the patch the whole list, merge is refused.
 */
function splitSpecialElements(original: JsonValue[], patch: JsonValue[], mergeKey: string, path: string, lv: ListView): [JsonValue[], JsonValue[], boolean] {
  const plain: JsonValue[] = [];
  let base = original;
  let replace = false;
  for (const v of patch) {
    const el = v as JsonObject;
    if (!Object.hasOwn(el, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    switch (el[DIRECTIVE]) {
      case 'delete':
        if (!Object.hasOwn(el, mergeKey)) throw noMergeKey(path, el, mergeKey);
        base = base.filter((o) => !(isObject(o) && o[mergeKey] === el[mergeKey]));
        viewDelete(lv, mergeKey, el[mergeKey]);
        break;
      case 'replace':
        replace = true;
        break;
      case 'merge':
        throw new PatchFormatError(path, 'merging lists cannot yet be specified in the patch');
      default:
        throw badPatchType(path, el[DIRECTIVE], el);
    }
  }
  if (replace) return [plain, [], true];
  return [base, plain, false];
}

/** $retainKeys: on the server, clears fields of original not listed; checks the patch sets only listed fields. */
function applyRetainKeys(original: JsonObject, patch: JsonObject, opts: MergeOptions, path: string): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const keys = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    original[RETAIN_KEYS] = keys;
    return;
  }
  if (!Array.isArray(keys)) throw new PatchFormatError(path, ERR_BAD_RETAIN_KEYS);
  const keep = new Set(keys.map((k) => String(k)));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw new PatchFormatError(path, ERR_BAD_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Checks that the patch list names its items in the same relative order as $setElementOrder. */
function validateAgainstOrder(patchList: JsonValue[], order: JsonValue[], mergeKey: string, path: string): void {
  if (!order.length || !patchList.length) return;
  const plain = mergeKey ? patchList.filter((v) => !(isObject(v) && v[DIRECTIVE] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < plain.length && o < order.length) {
    const item = plain[p];
    if (isObject(item) && Object.hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKey) validateMergeKeys(path, mergeKey, [item, order[o]]);
    const same = mergeKey ? (item as JsonObject)[mergeKey] === (order[o] as JsonObject)[mergeKey] : item === order[o];
    if (same) p++;
    o++;
  }
  if (p < plain.length) {
    throw new PatchFormatError(path, `The order in patch list:\n${JSON.stringify(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${JSON.stringify(order)}\n`);
  }
}

/** Processes every $setElementOrder/<field> with its list: merge it, then enforce the order. */
function applySetElementOrder(original: JsonObject, patch: JsonObject, schema: Schema, opts: MergeOptions, path: string): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (Object.hasOwn(original, key)) {
        if (JSON.stringify(original[key]) !== JSON.stringify(order)) throw new PatchFormatError(path, ERR_BAD_SET_ELEMENT_ORDER);
      } else {
        setKey(original, key, order);
      }
    }
    delete patch[key];
    const field = suffixOf(path, key, SET_ELEMENT_ORDER, ERR_BAD_SET_ELEMENT_ORDER);
    const at = child(path, field);
    if (!Array.isArray(order)) throw new PatchFormatError(at, ERR_BAD_SET_ELEMENT_ORDER);
    const hasOrig = Object.hasOwn(original, field) && original[field] !== undefined && original[field] !== null;
    const hasPatch = Object.hasOwn(patch, field) && patch[field] !== null;
    if (!hasOrig && !hasPatch) continue;
    const ov = hasOrig ? original[field] : [];
    const pv = hasPatch ? patch[field] : [];
    if (!Array.isArray(ov)) throw badArgType(at, 'list', ov);
    if (!Array.isArray(pv)) throw badArgType(at, 'list', pv);
    const fs = fieldSchema(schema, field);
    const meta = metaOf(at, fs);
    const mergeKey = meta.strategy === 'merge' ? meta.mergeKey : '';
    validateAgainstOrder(pv, order, mergeKey, at);
    let merged: JsonValue[];
    let serverOrder = ov;
    if (hasOrig && hasPatch) [merged, serverOrder] = mergeListField(ov, pv, fs, false, opts, at);
    else merged = hasPatch ? (takeOver(pv, opts) as JsonValue[]) : ov;
    const kind = elementKind(at, ov, pv);
    if (kind === undefined) {
      setKey(original, field, merged);
    } else {
      const key2 = kind === 'map' ? mergeKey : '';
      if (kind === 'map' && !key2) {
        setKey(original, field, merged);
      } else {
        const [patchItems, serverOnly] = partitionByPresence(at, merged, order, key2, kind);
        setKey(original, field, normalizeOrder(at, patchItems, serverOnly, order, serverOrder, key2, kind));
      }
    }
    delete patch[field];
  }
}
