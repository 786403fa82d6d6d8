// metadata.managedFields: which manager owns which fields. Decoding and encoding the
// entries (sorted as upstream: Apply before Update, then by time, manager, version),
// and crediting a plain update or patch to its manager.
import { rfc3339 } from '../object-meta.js';
import type { ManagedFieldsEntry } from '../../api/meta/v1/types.js';
import { clone, isObject, type JsonObject, type JsonValue } from './json-value.js';
import type { Schema } from './schema-meta.js';
import {
  difference, fieldPE, fromFieldsV1, isEmptySet, members, newFieldSet, setOf, toFieldsV1, union,
  type FieldPath, type FieldSet,
} from './field-set.js';
import { compareObjects } from './field-walk.js';

export type Operation = 'Apply' | 'Update';

export interface ManagerEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

export interface ManagedFieldsOptions {
  /** the apiVersion the request used; defaults to the object's apiVersion */
  apiVersion?: string;
  /** the subresource written to (status, scale), if any */
  subresource?: string;
  /** the clock, for tests */
  now?: Date;
  /** top-level fields the request cannot change and that are never owned through it, e.g. ['status'] */
  ignoredFields?: string[];
}

/** Metadata fields no manager owns (upstream's stripMeta set). */
const STRIPPED: FieldPath[] = [
  ['f:apiVersion'], ['f:kind'], ['f:metadata'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((f) => ['f:metadata', fieldPE(f)]),
];

/** Removes the stripped metadata paths and the ignored top-level subtrees from a set. */
export function stripFields(set: FieldSet, ignoredFields: readonly string[] = []): FieldSet {
  const ignored = new Set(ignoredFields.map(fieldPE));
  return setOf(members(set).filter((p) => !ignored.has(p[0]) && !STRIPPED.some((s) => s.length === p.length && s.every((x, i) => x === p[i]))));
}


/** Two entries are the same manager when these match (upstream's manager identifier: no time; no version for Apply). */
export function sameManager(a: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>, b: Pick<ManagerEntry, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): boolean {
  return a.manager === b.manager && a.operation === b.operation && (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion);
}

function rawManagedFields(obj: unknown): unknown {
  return isObject(obj) && isObject(obj.metadata) ? obj.metadata.managedFields : undefined;
}

/** The entries of an object's managedFields; entries that cannot be read are dropped. */
export function decodeManagedFields(obj: unknown): ManagerEntry[] {
  const raw = rawManagedFields(obj);
  if (!Array.isArray(raw)) return [];
  const out: ManagerEntry[] = [];
  for (const e of raw) {
    if (!isObject(e) || (e.fieldsType !== undefined && e.fieldsType !== 'FieldsV1')) continue;
    if (e.operation !== 'Apply' && e.operation !== 'Update') continue;
    const entry: ManagerEntry = {
      manager: typeof e.manager === 'string' ? e.manager : '',
      operation: e.operation,
      apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
      set: fromFieldsV1(e.fieldsV1),
    };
    if (typeof e.time === 'string') entry.time = e.time;
    if (typeof e.subresource === 'string' && e.subresource) entry.subresource = e.subresource;
    out.push(entry);
  }
  return out;
}

/** Entries as metadata.managedFields, sorted as upstream sorts them; empty sets are dropped. */
export function encodeManagedFields(entries: readonly ManagerEntry[]): ManagedFieldsEntry[] {
  const sorted = entries.filter((e) => !isEmptySet(e.set)).sort((p, q) => {
    if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
    const pt = p.time ? Date.parse(p.time) : 0;
    const qt = q.time ? Date.parse(q.time) : 0;
    if (pt !== qt) return pt - qt;
    if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
    if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
    return (p.subresource ?? '') < (q.subresource ?? '') ? -1 : (p.subresource ?? '') > (q.subresource ?? '') ? 1 : 0;
  });
  return sorted.map((e) => {
    const out: ManagedFieldsEntry = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
    if (e.time) out.time = e.time;
    out.fieldsType = 'FieldsV1';
    out.fieldsV1 = toFieldsV1(e.set);
    if (e.subresource) out.subresource = e.subresource;
    return out;
  });
}

/** A copy of an object without metadata.managedFields. */
export function withoutManagedFields(obj: unknown): JsonObject {
  const out = isObject(obj) ? clone(obj) : {};
  if (isObject(out.metadata)) delete out.metadata.managedFields;
  return out;
}

/** Sets metadata.managedFields on obj (in place); removes it when there are no entries. */
export function setManagedFields(obj: JsonObject, entries: readonly ManagerEntry[]): void {
  const encoded = encodeManagedFields(entries);
  if (!isObject(obj.metadata)) {
    if (!encoded.length) return;
    obj.metadata = {};
  }
  const meta = obj.metadata as JsonObject;
  if (encoded.length) meta.managedFields = encoded as unknown as JsonValue;
  else delete meta.managedFields;
}

/** True when managedFields is [{}]: the request asks to clear all managed fields. */
function isReset(raw: unknown): boolean {
  return Array.isArray(raw) && raw.length === 1 && isObject(raw[0]) && Object.keys(raw[0]).length === 0;
}

/**
 * The entries an update starts from: the request's own managedFields when it sets
 * them, none when it resets them with [{}], otherwise the live object's.
 */
export function entriesForUpdate(oldObj: unknown, newObj: unknown): ManagerEntry[] {
  const raw = rawManagedFields(newObj);
  if (isReset(raw)) return [];
  const fromNew = decodeManagedFields(newObj);
  return fromNew.length ? fromNew : decodeManagedFields(oldObj);
}

/**
 * Records a plain write (create, update, non-apply patch) by `manager`: the fields it
 * added or changed become its own and are taken from every other manager; removed
 * fields are dropped from everyone. Returns a copy of newObj with managedFields set.
 */
export function updateManagedFields<T extends object = Record<string, any>>(
  oldObj: object | undefined | null, newObj: T, manager: string, operation: Operation, schema: Schema,
  options: ManagedFieldsOptions = {},
): T {
  const entries = entriesForUpdate(oldObj, newObj);
  const before = withoutManagedFields(oldObj);
  const after = withoutManagedFields(newObj);
  const apiVersion = options.apiVersion ?? (typeof after.apiVersion === 'string' ? after.apiVersion : '');
  const next = recordUpdate(entries, before, after, { manager, operation, apiVersion, subresource: options.subresource }, schema, options);
  setManagedFields(after, next);
  return after as unknown as T;
}

/** The entries after `who` changed `before` into `after` with a plain write. */
export function recordUpdate(
  entries: readonly ManagerEntry[], before: JsonObject, after: JsonObject,
  who: Omit<ManagerEntry, 'set' | 'time'>, schema: Schema, options: ManagedFieldsOptions = {},
): ManagerEntry[] {
  const cmp = compareObjects(before, after, schema);
  const ignored = options.ignoredFields ?? [];
  const changed = stripFields(union(cmp.added, cmp.modified), ignored);
  const removed = cmp.removed;
  const out: ManagerEntry[] = [];
  let mine: ManagerEntry | undefined;
  for (const e of entries) {
    if (sameManager(e, who)) {
      mine = { ...e, set: e.set };
      continue;
    }
    out.push({ ...e, set: difference(difference(e.set, changed), removed) });
  }
  const prev = mine?.set ?? newFieldSet();
  const set = difference(union(prev, changed), removed);
  const entry: ManagerEntry = { ...who, set };
  const now = rfc3339(options.now ?? new Date());
  // As upstream, the time moves only when this write changed fields.
  entry.time = mine && isEmptySet(changed) ? mine.time : now;
  if (!entry.time) delete entry.time;
  if (!entry.subresource) delete entry.subresource;
  if (!isEmptySet(set)) out.push(entry);
  return capUpdateManagers(out.filter((e) => !isEmptySet(e.set)));
}

/** Upstream keeps at most this many Update entries; older ones merge into "ancient-changes". */
export const MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES = 'ancient-changes';

/**
 * Merges the oldest Update entries, per apiVersion, into an "ancient-changes" entry
 * until at most MAX_UPDATE_MANAGERS Update entries remain (upstream's capManagersManager).
 */
export function capUpdateManagers(entries: ManagerEntry[]): ManagerEntry[] {
  const updates = entries.filter((e) => e.operation === 'Update');
  if (updates.length <= MAX_UPDATE_MANAGERS) return entries;
  const t = (e: ManagerEntry) => (e.time ? Date.parse(e.time) : 0);
  const oldest = [...updates].sort((a, b) => t(a) - t(b));
  let out = [...entries];
  const firstOfVersion = new Map<string, ManagerEntry>();
  let count = updates.length;
  for (const e of oldest) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const bucketOf = () => out.find((x) => x.manager === ANCIENT_CHANGES && x.operation === 'Update' && x.apiVersion === e.apiVersion && !x.subresource);
    const first = firstOfVersion.get(e.apiVersion);
    if (!first) {
      firstOfVersion.set(e.apiVersion, e);
      continue;
    }
    let bucket = bucketOf();
    if (!bucket) {
      bucket = { manager: ANCIENT_CHANGES, operation: 'Update', apiVersion: e.apiVersion, set: first.set };
      if (first.time) bucket.time = first.time;
      out = out.filter((x) => x !== first);
      out.push(bucket);
    }
    bucket.set = union(bucket.set, e.set);
    if (e.time) bucket.time = e.time;
    out = out.filter((x) => x !== e);
    count--;
  }
  return out;
}
