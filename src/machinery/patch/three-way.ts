// Creating strategic merge patches, as kubectl does: the two-way patch of
// `kubectl edit` (original → modified) and the three-way patch of client-side
// `kubectl apply` (last-applied, new config, live object). Keyed lists produce
// element patches, `$patch: delete` for removed elements and `$setElementOrder`
// lists; merge lists of scalars produce `$deleteFromPrimitiveList`; fields with
// the retainKeys strategy get `$retainKeys`.
import { ApplyConflictError } from '../errors.js';
import { clone, dedupeScalars, deepEqual, isObject, kindOf, scalarString, sortScalars, type JsonObject, type JsonValue, setKey } from './json-value.js';
import { fieldSchema, itemSchema, patchMeta, type Schema } from './schema-meta.js';
import { asBadRequest, noMergeKey, PatchFormatError, ERR_NO_LIST_OF_LISTS } from './strategic-errors.js';
import { sortByOrder } from './strategic-order.js';
import { DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, mergeMap, RETAIN_KEYS, SET_ELEMENT_ORDER } from './strategic.js';

interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeys: boolean;
}

const DEFAULTS: DiffOptions = { setElementOrder: false, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeys: false };
const child = (path: string, key: string) => (path ? `${path}.${key}` : key);

function meta(path: string, s: Schema) {
  try {
    return patchMeta(s);
  } catch (e) {
    throw new PatchFormatError(path, (e as Error).message);
  }
}

/** The patch from original to modified under the given options. */
function diffMaps(original: JsonObject, modified: JsonObject, schema: Schema, opts: DiffOptions, path: string): JsonObject {
  const patch: JsonObject = {};
  const retain: string[] = [];
  for (const [key, mv] of Object.entries(modified)) {
    if (mv === undefined) continue;
    if (opts.buildRetainKeys && mv !== null) retain.push(key);
    if (!Object.hasOwn(original, key) || original[key] === undefined) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, clone(mv));
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw new PatchFormatError(path, `invalid value for special key: ${DIRECTIVE}`);
      if (ov !== mv) setKey(patch, key, mv);
      continue;
    }
    if (kindOf(ov) !== kindOf(mv)) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, clone(mv));
      continue;
    }
    if (isObject(ov) && isObject(mv)) diffMapField(key, ov, mv, patch, schema, opts, child(path, key));
    else if (Array.isArray(ov) && Array.isArray(mv)) diffListField(key, ov, mv, patch, schema, opts, child(path, key));
    else if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) setKey(patch, key, clone(mv));
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) {
      if (original[key] !== undefined && (!Object.hasOwn(modified, key) || modified[key] === undefined)) setKey(patch, key, null);
    }
  }
  const hasAdditional = Object.keys(original).some((k) => original[k] !== null && original[k] !== undefined && !Object.hasOwn(modified, k));
  if (retain.length && (Object.keys(patch).length > 0 || hasAdditional)) patch[RETAIN_KEYS] = sortScalars(retain);
  return patch;
}

function diffMapField(key: string, ov: JsonObject, mv: JsonObject, patch: JsonObject, schema: Schema, opts: DiffOptions, path: string): void {
  const fs = fieldSchema(schema, key);
  const m = meta(path, fs);
  if (m.strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) setKey(patch, key, clone(mv));
    return;
  }
  const sub = diffMaps(ov, mv, fs, { ...opts, buildRetainKeys: m.retainKeys }, path);
  if (Object.keys(sub).length) setKey(patch, key, sub);
}

function diffListField(key: string, ov: JsonValue[], mv: JsonValue[], patch: JsonObject, schema: Schema, opts: DiffOptions, path: string): void {
  const fs = fieldSchema(schema, key);
  const m = meta(path, fs);
  const objects = ov.some(isObject) || mv.some(isObject);
  if (m.strategy !== 'merge' || (objects && !m.mergeKey)) {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(ov, mv)) setKey(patch, key, clone(mv));
    return;
  }
  const [add, del, order] = diffLists(ov, mv, itemSchema(fs), m.mergeKey, { ...opts, buildRetainKeys: m.retainKeys }, path);
  if (add.length) setKey(patch, key, add);
  if (del.length) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
  if (order.length) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

function listKind(path: string, ...lists: JsonValue[][]): 'map' | 'scalar' {
  let kind: string | undefined;
  for (const l of lists) {
    for (const v of l) {
      const k = kindOf(v);
      if (k === 'array') throw new PatchFormatError(path, ERR_NO_LIST_OF_LISTS);
      if (kind !== undefined && kind !== k) throw new PatchFormatError(path, 'list element types are not identical');
      kind = k;
    }
  }
  return kind === 'object' ? 'map' : 'scalar';
}

/** [patch list, deletion list (scalars), $setElementOrder list] for a merge list. */
function diffLists(original: JsonValue[], modified: JsonValue[], item: Schema, mergeKey: string, opts: DiffOptions, path: string): [JsonValue[], JsonValue[], JsonValue[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [clone(modified), [], []];
  }
  const kind = listKind(path, original, modified);
  if (kind === 'map') {
    const [changes, deletes] = diffListsOfMaps(original, modified, item, mergeKey, opts, path);
    const patchList = [...sortByOrder(path, changes, modified, mergeKey, 'map'), ...deletes];
    const orderSame = original.length === modified.length &&
      modified.every((m, i) => (original[i] as JsonObject)[mergeKey] === (m as JsonObject)[mergeKey]);
    let order: JsonValue[] = [];
    if (opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) ||
      (!opts.ignoreDeletions && patchList.length > 0))) {
      order = modified.map((m) => ({ [mergeKey]: (m as JsonObject)[mergeKey] }));
    }
    return [patchList, [], order];
  }
  const [adds, deletes] = diffListsOfScalars(original, modified, opts);
  const patchList = sortByOrder(path, adds, modified, '', 'scalar');
  let order: JsonValue[] = [];
  if (opts.setElementOrder && ((!opts.ignoreDeletions && deletes.length > 0) ||
    (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)))) {
    order = clone(modified);
  }
  return [patchList, deletes, order];
}

function diffListsOfScalars(original: JsonValue[], modified: JsonValue[], opts: DiffOptions): [JsonValue[], JsonValue[]] {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const adds: JsonValue[] = [];
  const deletes: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? scalarString(o[i]) : undefined;
    const ms = j < m.length ? scalarString(m[j]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) adds.push(m[j]);
      j++;
    } else {
      if (!opts.ignoreDeletions) deletes.push(o[i]);
      i++;
    }
  }
  return [adds, dedupeScalars(deletes)];
}

function sortByKey(list: JsonValue[], mergeKey: string, path: string): JsonObject[] {
  for (const v of list) {
    if (!isObject(v)) throw new PatchFormatError(path, `expected a map[string]interface {}, but received a ${typeof v}`);
    if (!Object.hasOwn(v, mergeKey)) throw noMergeKey(path, v, mergeKey);
  }
  return [...(list as JsonObject[])].sort((a, b) => {
    const x = scalarString(a[mergeKey]);
    const y = scalarString(b[mergeKey]);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function diffListsOfMaps(original: JsonValue[], modified: JsonValue[], item: Schema, mergeKey: string, opts: DiffOptions, path: string): [JsonValue[], JsonValue[]] {
  const o = sortByKey(original, mergeKey, path);
  const m = sortByKey(modified, mergeKey, path);
  const changes: JsonValue[] = [];
  const deletes: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const os = i < o.length ? scalarString(o[i][mergeKey]) : undefined;
    const ms = j < m.length ? scalarString(m[j][mergeKey]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      const sub = diffMaps(o[i], m[j], item, opts, `${path}[${mergeKey}=${ms}]`);
      if (Object.keys(sub).length) changes.push({ [mergeKey]: m[j][mergeKey], ...sub });
      i++;
      j++;
    } else if (os === undefined || (ms !== undefined && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) changes.push(clone(m[j]));
      j++;
    } else {
      if (!opts.ignoreDeletions) deletes.push({ [mergeKey]: o[i][mergeKey], [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return [changes, deletes];
}

const asMap = (v: unknown): JsonObject => (isObject(v) ? v : {});

/**
 * The strategic merge patch that turns original into modified (kubectl edit, kubectl
 * patch from two files): changes, nulls for removed fields, element-wise list patches.
 */
export function createTwoWayMergePatch(original: unknown, modified: unknown, schema: Schema): JsonObject {
  return asBadRequest(() => diffMaps(asMap(original), asMap(modified), schema, { ...DEFAULTS, setElementOrder: true }, ''));
}

export interface ThreeWayOptions {
  /** when false, a patch that changes a field someone else changed since original is a conflict (409) */
  overwrite?: boolean;
}

/**
 * kubectl apply's client-side patch: additions and changes from current (live) to
 * modified (new config), plus deletions of what was in original (last-applied) and
 * is no longer in modified. Fields only the live object has are left alone.
 */
export function createThreeWayMergePatch(
  original: unknown, modified: unknown, current: unknown, schema: Schema, options: ThreeWayOptions = {},
): JsonObject {
  return asBadRequest(() => {
    const orig = asMap(original);
    const mod = asMap(modified);
    const cur = asMap(current);
    const delta = diffMaps(cur, mod, schema, { ...DEFAULTS, ignoreDeletions: true, setElementOrder: true }, '');
    const deletions = diffMaps(orig, mod, schema, { ...DEFAULTS, ignoreChangesAndAdditions: true, setElementOrder: true }, '');
    const patch = mergeMap(deletions, delta, schema, { mergeParallelList: false, ignoreUnmatchedNulls: false }, '');
    if (options.overwrite === false) {
      const changed = diffMaps(orig, cur, schema, DEFAULTS, '');
      if (fieldsConflict(patch, changed, schema, '', '')) {
        throw new ApplyConflictError(
          `patch:\n${JSON.stringify(patch)}\nconflicts with changes made from original to current:\n${JSON.stringify(changed)}\n`);
      }
    }
    return patch;
  });
}

/** True when two patches set the same field to different values (upstream's MergingMapsHaveConflicts). */
function fieldsConflict(left: JsonValue, right: JsonValue, schema: Schema, strategy: string, mergeKey: string): boolean {
  if (isObject(left)) {
    if (!isObject(right)) return true;
    const l = Object.hasOwn(left, DIRECTIVE);
    const r = Object.hasOwn(right, DIRECTIVE);
    if ((l || r) && (l !== r || left[DIRECTIVE] !== right[DIRECTIVE])) return true;
    if (strategy === 'replace') return false;
    for (const [k, lv] of Object.entries(left)) {
      if (k === DIRECTIVE || k === RETAIN_KEYS || !Object.hasOwn(right, k)) continue;
      const fs = fieldSchema(schema, k);
      const m = patchMeta(fs);
      if (fieldsConflict(lv, right[k], Array.isArray(lv) ? itemSchema(fs) : fs, m.strategy, m.mergeKey)) return true;
    }
    return false;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return true;
    if (strategy === 'merge') {
      if (!left.some(isObject)) return false;
      const byKey = (l: JsonValue[]) => new Map(l.filter(isObject).map((v) => [scalarString(v[mergeKey]), v]));
      const rm = byKey(right);
      for (const [k, lv] of byKey(left)) {
        const rv = rm.get(k);
        if (rv !== undefined && fieldsConflict(lv, rv, schema, '', '')) return true;
      }
      return false;
    }
    if (left.length !== right.length) return true;
    const scalars = !left.some(isObject);
    const a = scalars ? sortScalars(dedupeScalars(left)) : left;
    const b = scalars ? sortScalars(dedupeScalars(right)) : right;
    return a.some((v, i) => fieldsConflict(v, b[i], schema, '', ''));
  }
  return !deepEqual(left, right);
}
