// metadata.managedFields for Update operations: each manager's entry lists the fields it
// set (FieldsV1: "f:<field>", "k:{<list keys>}", "v:<set value>", "." for the node itself).
// An update gives its manager the fields it changed and takes them from everyone else,
// as upstream's field manager does.
import type { TSchema } from '@sinclair/typebox';
import type { KubeObject, ManagedFieldsEntry } from '../api/meta/v1/types.js';
import { specialOf } from '../api/schema.js';
import { apiVersionOf, type ResourceInfo } from '../api/scheme.js';
import { rfc3339 } from '../machinery/object-meta.js';

type Json = Record<string, unknown>;
const SEP = '\u0001';
const META_FIELDS = ['labels', 'annotations', 'finalizers', 'ownerReferences'];

function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sortedKeys(item: Json, keys: string[]): string {
  const o: Json = {};
  for (const k of [...keys].sort()) if (k in item) o[k] = item[k];
  return JSON.stringify(o);
}

/** Every owned path of value (under schema) with the JSON of its leaf value. */
function collect(schema: TSchema | undefined, value: unknown, prefix: string[], depth: number, out: Map<string, string>): void {
  const s = (schema ?? {}) as Json;
  const sp = schema ? specialOf(schema) : undefined;
  const leaf = (): void => {
    out.set(prefix.join(SEP), JSON.stringify(value));
  };
  if (Array.isArray(value)) {
    const mapKeys = (s['x-kubernetes-list-map-keys'] as string[] | undefined)
      ?? (s['x-kubernetes-patch-merge-key'] ? [s['x-kubernetes-patch-merge-key'] as string] : undefined);
    const type = s['x-kubernetes-list-type'] as string | undefined;
    if (mapKeys && type !== 'atomic' && value.every(isObj)) {
      for (const item of value) {
        const p = [...prefix, `k:${sortedKeys(item, mapKeys)}`];
        out.set([...p, '.'].join(SEP), '');
        collect(s.items as TSchema, item, p, depth + 1, out);
      }
    } else if (type === 'set' || (s['x-kubernetes-patch-strategy'] === 'merge' && value.every((v) => !isObj(v)))) {
      for (const item of value) out.set([...prefix, `v:${JSON.stringify(item)}`].join(SEP), '');
    } else leaf();
    return;
  }
  if (!isObj(value) || !Object.keys(value).length || sp === 'raw' || sp === 'preserve' || s['x-kubernetes-map-type'] === 'atomic') {
    leaf();
    return;
  }
  const props = s.properties as Record<string, TSchema> | undefined;
  const isMap = !props && isObj(s.additionalProperties);
  if (prefix.length && (isMap || depth > 1)) out.set([...prefix, '.'].join(SEP), '');
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const child = props ? props[k] : (isObj(s.additionalProperties) ? s.additionalProperties as TSchema : undefined);
    collect(child, v, [...prefix, `f:${k}`], depth + 1, out);
  }
}

/** The owned paths of an object: its content, and of metadata only labels, annotations, finalizers and owner references. */
export function objectPaths(info: ResourceInfo, obj: KubeObject, subresource: string): Map<string, string> {
  const out = new Map<string, string>();
  const props = (info.schema.properties ?? {}) as Record<string, TSchema>;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || v === undefined) continue;
    if ((k === 'status') !== (subresource === 'status')) continue;
    if (k === 'metadata') {
      const meta = v as Json;
      const metaProps = ((props.metadata as Json | undefined)?.properties ?? {}) as Record<string, TSchema>;
      for (const f of META_FIELDS) if (meta[f] !== undefined) collect(metaProps[f], meta[f], ['f:metadata', `f:${f}`], 2, out);
      continue;
    }
    collect(props[k], v, [`f:${k}`], 1, out);
  }
  return out;
}

/** A set of paths as a FieldsV1 trie. */
export function toFieldsV1(paths: Iterable<string>): Json {
  const root: Json = {};
  for (const p of paths) {
    let node = root;
    for (const part of p.split(SEP)) node = (node[part] ??= {}) as Json;
  }
  return root;
}

export function fromFieldsV1(f: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (!isObj(f)) return out;
  const keys = Object.keys(f);
  if (!keys.length && prefix.length) out.add(prefix.join(SEP));
  for (const k of keys) fromFieldsV1(f[k], [...prefix, k], out);
  return out;
}

/**
 * Records a write by manager on next (old = the stored object, absent on create): the
 * manager gains the paths that changed and every other manager loses them.
 */
export function recordManager(
  info: ResourceInfo, next: KubeObject, old: KubeObject | undefined, manager: string,
  operation: 'Update' | 'Apply', subresource: string,
): void {
  const meta = (next.metadata ??= {});
  const entries: ManagedFieldsEntry[] = structuredClone(old?.metadata?.managedFields ?? meta.managedFields ?? []);
  if (!old) entries.length = 0;
  const now = objectPaths(info, next, subresource);
  const before = old ? objectPaths(info, old, subresource) : new Map<string, string>();
  const changed = new Set<string>();
  for (const [p, v] of now) if (before.get(p) !== v) changed.add(p);
  const removed = [...before.keys()].filter((p) => !now.has(p));
  const apiVersion = apiVersionOf(info);
  let mine = entries.find((e) => e.manager === manager && e.operation === operation && (e.subresource ?? '') === subresource);
  for (const e of entries) {
    if (e === mine) continue;
    const set = fromFieldsV1(e.fieldsV1);
    let touched = false;
    for (const p of [...changed, ...removed]) if (set.delete(p)) touched = true;
    if (touched) e.fieldsV1 = toFieldsV1(set);
  }
  if (changed.size || mine) {
    const set = mine ? fromFieldsV1(mine.fieldsV1) : new Set<string>();
    for (const p of changed) set.add(p);
    for (const p of removed) set.delete(p);
    if (!mine) {
      mine = { manager, operation, apiVersion, time: rfc3339(), fieldsType: 'FieldsV1', fieldsV1: {} };
      if (subresource) mine.subresource = subresource;
      entries.push(mine);
    }
    mine.fieldsV1 = toFieldsV1(set);
    if (changed.size) mine.time = rfc3339();
  }
  const kept = entries.filter((e) => Object.keys((e.fieldsV1 ?? {}) as Json).length > 0);
  if (kept.length) meta.managedFields = kept;
  else delete meta.managedFields;
}
