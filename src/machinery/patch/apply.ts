// Server-side apply (application/apply-patch+yaml), after structured-merge-diff:
// the applied configuration is merged into the live object, fields the manager
// applied before and no longer applies are removed (unless someone else owns them),
// and a field another manager owns with a different value is a conflict unless forced.
//   Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
import { rfc3339 } from '../object-meta.js';
import { ApplyConflictError, BadRequestError, type StatusError } from '../errors.js';
import type { StatusCause } from '../../api/meta/v1/types.js';
import { clone, deepEqual, isObject, type JsonObject, type JsonValue, setKey } from './json-value.js';
import { fieldSchema, isAtomicMap, itemSchema, listMeta, type Schema } from './schema-meta.js';
import {
  difference, hasPath, intersection, isEmptySet, members, newFieldSet, pathString, union,
  type FieldPath,
} from './field-set.js';
import { compareObjects, fieldSetOf, findKeyed, sameElement } from './field-walk.js';
import {
  capUpdateManagers, decodeManagedFields, recordUpdate, sameManager, setManagedFields, stripFields, withoutManagedFields,
  type ManagedFieldsOptions, type ManagerEntry,
} from './managed-fields.js';

export type ApplyOptions = ManagedFieldsOptions;

/** Drops nulls (and undefined) from an applied configuration: they set nothing. */
function dropNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(dropNulls);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) setKey(out, k, dropNulls(x));
  return out;
}

/**
 * Live-only elements keep their place; applied elements come in applied order, each
 * merged with its live counterpart.
 */
function mergeLists(live: JsonValue[], applied: JsonValue[], same: (a: JsonValue, b: JsonValue) => boolean, merge: (l: JsonValue | undefined, a: JsonValue) => JsonValue): JsonValue[] {
  const used = new Set<number>();
  const match = applied.map((a) => {
    const i = live.findIndex((l, n) => !used.has(n) && same(l, a));
    if (i >= 0) used.add(i);
    return i;
  });
  const placed = new Set<number>();
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < live.length || j < applied.length) {
    if (i < live.length && (!used.has(i) || placed.has(i))) {
      if (!used.has(i)) out.push(live[i]);
      i++;
      continue;
    }
    if (j < applied.length) {
      const m = match[j];
      out.push(merge(m >= 0 ? live[m] : undefined, applied[j]));
      if (m >= 0) placed.add(m);
      j++;
      continue;
    }
    i++;
  }
  return out;
}

/** The live value with the applied configuration merged in, following the schema's list and map types. */
export function mergeApplied(live: JsonValue | undefined, applied: JsonValue, schema: Schema): JsonValue {
  if (isObject(applied)) {
    if (!isObject(live) || isAtomicMap(schema)) return clone(applied);
    const out: JsonObject = { ...live };
    for (const [k, v] of Object.entries(applied)) setKey(out, k, mergeApplied(live[k], v, fieldSchema(schema, k)));
    return out;
  }
  if (Array.isArray(applied)) {
    const lm = listMeta(schema);
    if (!Array.isArray(live) || lm.listType === 'atomic') return clone(applied);
    if (lm.listType === 'set') return mergeLists(live, applied, deepEqual, (_l, a) => clone(a));
    const item = itemSchema(schema);
    return mergeLists(live, applied, (l, a) => sameElement(l, a, lm.mapKeys), (l, a) => mergeApplied(l, a, item));
  }
  return clone(applied);
}

/** Removes the field at path from obj (in place); parents left empty are removed unless keep() says otherwise. */
function removePath(obj: JsonObject, path: FieldPath, keep: (p: FieldPath) => boolean): void {
  const trail: { holder: JsonObject | JsonValue[]; pe: string }[] = [];
  let cur: JsonValue = obj;
  for (let n = 0; n < path.length; n++) {
    const pe = path[n];
    const body = pe.slice(2);
    const last = n === path.length - 1;
    if (pe.startsWith('f:') && isObject(cur)) {
      if (!Object.hasOwn(cur, body)) return;
      if (last) delete cur[body];
      else { trail.push({ holder: cur, pe }); cur = cur[body]; }
    } else if (Array.isArray(cur)) {
      let idx: number;
      if (pe.startsWith('k:')) idx = findKeyed(cur, JSON.parse(body) as JsonObject);
      else if (pe.startsWith('v:')) { const v = JSON.parse(body) as JsonValue; idx = cur.findIndex((x) => deepEqual(x, v)); }
      else idx = Number(body);
      if (idx < 0 || idx >= cur.length) return;
      if (last) cur.splice(idx, 1);
      else { trail.push({ holder: cur, pe }); cur = cur[idx]; }
    } else {
      return;
    }
  }
  // Drop objects that the removal left empty, from the innermost up.
  for (let n = trail.length - 1; n >= 0; n--) {
    const { holder, pe } = trail[n];
    if (!pe.startsWith('f:') || !isObject(holder)) return;
    const name = pe.slice(2);
    const v = holder[name];
    const empty = (isObject(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);
    if (!empty || keep(path.slice(0, n + 1))) return;
    delete holder[name];
  }
}

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** JSON with object keys sorted, as Go encodes maps. */
function sortedJson(v: JsonValue): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/**
 * As upstream, `kubectl apply --server-side` keeps an existing client-side apply
 * annotation in step with what was applied, so a later client-side apply diffs
 * against the right configuration.
 */
function syncLastApplied(obj: JsonObject, applied: JsonObject): void {
  const meta = obj.metadata;
  if (!isObject(meta) || !isObject(meta.annotations) || typeof meta.annotations[LAST_APPLIED] !== 'string') return;
  const cfg = clone(applied);
  if (isObject(cfg.metadata) && isObject(cfg.metadata.annotations)) {
    delete cfg.metadata.annotations[LAST_APPLIED];
  }
  meta.annotations[LAST_APPLIED] = sortedJson(cfg);
}

/** 409 Conflict with upstream's message and one cause per conflicting field. */
export function applyConflictError(conflicts: { entry: ManagerEntry; path: FieldPath }[]): StatusError {
  const who = (e: ManagerEntry) => {
    let s = JSON.stringify(e.manager);
    if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
    if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
    return s;
  };
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict', message: `conflict with ${who(c.entry)}`, field: pathString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${who(conflicts[0].entry)}: ${pathString(conflicts[0].path)}`;
  } else {
    const groups = new Map<string, string[]>();
    for (const c of conflicts) {
      const k = who(c.entry);
      groups.set(k, [...(groups.get(k) ?? []), `- ${pathString(c.path)}`]);
    }
    const lines: string[] = [];
    for (const k of [...groups.keys()].sort()) lines.push(`conflicts with ${k}:`, ...(groups.get(k) as string[]));
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApplyConflictError(message, causes);
}

/**
 * Server-side apply of `applied` by `manager` onto `live` (undefined on create).
 * Returns the new object with metadata.managedFields recorded. Throws a 409 Conflict
 * when another manager owns a field the configuration changes and force is false.
 */
export function applyPatch<T extends object = Record<string, any>>(
  live: object | undefined | null, applied: unknown, manager: string, schema: Schema, force = false,
  options: ApplyOptions = {},
): T {
  if (!manager) throw new BadRequestError('fieldManager is required for apply requests');
  if (!isObject(applied)) throw new BadRequestError('the applied configuration must be an object');
  const rawMeta = applied.metadata;
  if (isObject(rawMeta) && rawMeta.managedFields !== undefined && rawMeta.managedFields !== null &&
    !(Array.isArray(rawMeta.managedFields) && rawMeta.managedFields.length === 0)) {
    throw new BadRequestError('metadata.managedFields must be nil');
  }
  const ignored = options.ignoredFields ?? [];
  const config = dropNulls(withoutManagedFields(applied)) as JsonObject;
  for (const f of ignored) delete config[f];
  const apiVersion = options.apiVersion ?? (typeof config.apiVersion === 'string' ? config.apiVersion : '');
  const now = rfc3339(options.now ?? new Date());

  const liveObj = withoutManagedFields(live);
  let entries = decodeManagedFields(live);
  if (live && !entries.length && Object.keys(liveObj).length) {
    // Objects written before fields were tracked: everything they have belongs to one manager.
    entries = recordUpdate([], {}, liveObj, { manager: 'before-first-apply', operation: 'Update', apiVersion }, schema, options);
  }

  const merged = mergeApplied(liveObj, config, schema) as JsonObject;
  const configSet = stripFields(fieldSetOf(config, schema, merged), ignored);
  const me = { manager, operation: 'Apply' as const, apiVersion, subresource: options.subresource };
  const mine = entries.find((e) => sameManager(e, me));
  const others = entries.filter((e) => e !== mine);
  const othersSet = union(...others.map((e) => e.set));

  // Fields this manager applied before and no longer applies go, unless shared.
  const stale = difference(difference(mine?.set ?? newFieldSet(), configSet), othersSet);
  const keep = (p: FieldPath) => hasPath(configSet, p) || hasPath(othersSet, p);
  const gone: FieldPath[] = [];
  for (const p of members(stale)) {
    if (gone.some((g) => g.length < p.length && g.every((x, i) => x === p[i]))) continue;
    gone.push(p);
  }
  for (const p of gone.reverse()) removePath(merged, p, keep);

  const cmp = compareObjects(liveObj, merged, schema);
  const changed = union(cmp.added, cmp.modified);
  const conflicts: { entry: ManagerEntry; path: FieldPath }[] = [];
  const next: ManagerEntry[] = [];
  for (const e of others) {
    const c = intersection(e.set, changed);
    for (const p of members(c)) conflicts.push({ entry: e, path: p });
    next.push({ ...e, set: difference(difference(e.set, c), cmp.removed) });
  }
  if (conflicts.length && !force) throw applyConflictError(conflicts);

  const unchanged = !!mine && isEmptySet(changed) && isEmptySet(cmp.removed) &&
    deepEqual(members(mine.set), members(configSet));
  const entry: ManagerEntry = { ...me, set: configSet, time: unchanged ? mine?.time : now };
  if (!entry.subresource) delete entry.subresource;
  if (!entry.time) delete entry.time;
  next.push(entry);
  setManagedFields(merged, capUpdateManagers(next.filter((e) => !isEmptySet(e.set))));
  if (manager === 'kubectl') syncLastApplied(merged, applied);
  return merged as unknown as T;
}
