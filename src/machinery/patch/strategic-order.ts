// Element order in merged lists, as upstream's strategic merge patch keeps it:
// items named by the patch (or by $setElementOrder) come in that order, items only
// the server has keep their relative order, and the two are interleaved using the
// server's order where both are known. Items the server never had come first.
import { isObject, type JsonValue } from './json-value.js';
import { noMergeKey, PatchFormatError } from './strategic-errors.js';

/** 'map' for lists of objects (merged by key), 'scalar' otherwise. */
export type ElementKind = 'map' | 'scalar';

function keyOf(v: JsonValue, mergeKey: string, kind: ElementKind): JsonValue | undefined {
  if (kind === 'scalar') return v;
  return isObject(v) ? v[mergeKey] : undefined;
}

/** Index of the item with the same merge key (or the same scalar) in list, -1 when absent. */
export function indexIn(list: readonly JsonValue[], item: JsonValue, mergeKey: string, kind: ElementKind): number {
  const want = keyOf(item, mergeKey, kind);
  for (let i = 0; i < list.length; i++) if (keyOf(list[i], mergeKey, kind) === want) return i;
  return -1;
}

export function isDeleteDirective(v: JsonValue): boolean {
  return isObject(v) && v.$patch === 'delete';
}

export function validateMergeKeys(path: string, mergeKey: string, ...lists: readonly JsonValue[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw new PatchFormatError(path, `expected a map[string]interface {}, but received a ${typeof item}`);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(path, item, mergeKey);
    }
  }
}

/**
 * Sorts toSort by the position of each item in order (stable insertion sort with
 * upstream's comparator, which moves items missing from order forward); delete
 * directives go last.
 */
export function sortByOrder(path: string, toSort: JsonValue[], order: readonly JsonValue[], mergeKey: string, kind: ElementKind): JsonValue[] {
  let items = [...toSort];
  let deletes: JsonValue[] = [];
  if (kind === 'map') {
    validateMergeKeys(path, mergeKey, items, [...order]);
    deletes = items.filter(isDeleteDirective);
    items = items.filter((v) => !isDeleteDirective(v));
  }
  const less = (a: JsonValue, b: JsonValue): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      [items[j], items[j - 1]] = [items[j - 1], items[j]];
    }
  }
  return [...items, ...deletes];
}

/** Interleaves server-only items (left) into patch items (right) by the server's order. */
export function mergeSorted(left: JsonValue[], right: JsonValue[], serverOrder: readonly JsonValue[], mergeKey: string, kind: ElementKind): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) {
      out.push(right[j++]);
    } else if (j >= right.length) {
      out.push(left[i++]);
    } else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Splits items into those present in `by` (by merge key or value) and the rest. */
export function partitionByPresence(path: string, items: readonly JsonValue[], by: readonly JsonValue[], mergeKey: string, kind: ElementKind): [JsonValue[], JsonValue[]] {
  const present: JsonValue[] = [];
  const rest: JsonValue[] = [];
  for (const v of items) {
    if (kind === 'map') {
      if (!isObject(v)) throw new PatchFormatError(path, `expected a map[string]interface {}, but received a ${typeof v}`);
      if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(path, v, mergeKey);
    }
    (indexIn(by, v, mergeKey, kind) >= 0 ? present : rest).push(v);
  }
  return [present, rest];
}

/** Orders patch items by patchOrder and server-only items by serverOrder, then interleaves them. */
export function normalizeOrder(
  path: string, patchItems: JsonValue[], serverOnly: JsonValue[],
  patchOrder: readonly JsonValue[], serverOrder: readonly JsonValue[], mergeKey: string, kind: ElementKind,
): JsonValue[] {
  const p = sortByOrder(path, patchItems, patchOrder, mergeKey, kind);
  const s = sortByOrder(path, serverOnly, serverOrder, mergeKey, kind);
  return mergeSorted(s, p, serverOrder, mergeKey, kind);
}
