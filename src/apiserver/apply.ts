// Server-side apply (application/apply-patch+yaml): the applied configuration is merged
// into the live object; fields this manager applied before and no longer applies are
// removed unless another manager owns them; a changed value owned by another manager is
// a conflict (409) unless force=true, which takes ownership.
import type { KubeObject, ManagedFieldsEntry } from '../api/meta/v1/types.js';
import { apiVersionOf } from '../api/scheme.js';
import { ConflictError, StatusError } from '../machinery/errors.js';
import { strategicMergePatch } from '../machinery/patch/strategic.js';
import { admitMutating, admitValidating } from './admission-hooks.js';
import { admit } from './handle-write.js';
import { fromFieldsV1, objectPaths, toFieldsV1 } from './managed-fields.js';
import type { TryUpdate } from './registry.js';
import type { RestContext } from './rest-context.js';
import { rfc3339 } from '../machinery/object-meta.js';
import { prepareForUpdate } from './strategy.js';

const SEP = '\u0001';
type Json = Record<string, unknown>;

/** .spec.containers[name="web"].image, as upstream prints field paths in conflicts. */
export function pathText(p: string): string {
  return p.split(SEP).filter((c) => c !== '.').map((c) => {
    if (c.startsWith('f:')) return `.${c.slice(2)}`;
    if (c.startsWith('k:')) {
      const keys = JSON.parse(c.slice(2)) as Json;
      return `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    }
    if (c.startsWith('v:')) return `[=${c.slice(2)}]`;
    return c;
  }).join('');
}

function matchesKeys(item: unknown, keys: Json): boolean {
  return !!item && typeof item === 'object' && Object.entries(keys).every(([k, v]) => JSON.stringify((item as Json)[k]) === JSON.stringify(v));
}

/** Removes the node a FieldsV1 path names (a field, a keyed list element or a set value). */
export function removePath(obj: unknown, path: string): void {
  const parts = path.split(SEP);
  if (parts[parts.length - 1] === '.') parts.pop();
  let node: unknown = obj;
  for (let i = 0; i < parts.length; i++) {
    const c = parts[i];
    const last = i === parts.length - 1;
    if (c.startsWith('f:')) {
      if (!node || typeof node !== 'object' || Array.isArray(node)) return;
      const k = c.slice(2);
      if (last) delete (node as Json)[k];
      else node = (node as Json)[k];
    } else if (c.startsWith('k:') || c.startsWith('v:')) {
      if (!Array.isArray(node)) return;
      const want = JSON.parse(c.slice(2)) as unknown;
      const idx = node.findIndex((it) => (c.startsWith('k:') ? matchesKeys(it, want as Json) : JSON.stringify(it) === JSON.stringify(want)));
      if (idx < 0) return;
      if (last) node.splice(idx, 1);
      else node = node[idx];
    } else return;
  }
}

const isMine = (e: ManagedFieldsEntry, manager: string, sub: string): boolean =>
  e.manager === manager && e.operation === 'Apply' && (e.subresource ?? '') === sub;

/** The object to create when the applied configuration names an object that does not exist. */
export function applyObject(ctx: RestContext, cfg: KubeObject, manager: string): KubeObject {
  void ctx;
  void manager;
  const obj = structuredClone(cfg);
  if (obj.metadata) delete obj.metadata.managedFields;
  return obj;
}

export function applyFor(ctx: RestContext, cfg: KubeObject, manager: string, force: boolean): TryUpdate {
  const { info } = ctx;
  const sub = ctx.subresource === 'status' ? 'status' : '';
  return async (current) => {
    const want = cfg.metadata?.resourceVersion;
    if (want && want !== current.metadata?.resourceVersion) throw new ConflictError({ group: info.group, resource: info.resource }, ctx.name);
    const applied = objectPaths(info, cfg, sub);
    const live = objectPaths(info, current, sub);
    const entries: ManagedFieldsEntry[] = structuredClone(current.metadata?.managedFields ?? []);
    const sets = new Map(entries.map((e) => [e, fromFieldsV1(e.fieldsV1)] as const));
    const conflicts = new Map<ManagedFieldsEntry, string[]>();
    for (const [p, v] of applied) {
      if (p.endsWith(`${SEP}.`)) continue;
      const lv = live.get(p);
      if (lv === undefined || lv === v) continue;
      for (const [e, set] of sets) {
        if (isMine(e, manager, sub) || !set.has(p)) continue;
        conflicts.set(e, [...(conflicts.get(e) ?? []), p]);
      }
    }
    if (conflicts.size && !force) throw conflictError(info.group, info.kind, ctx.name, conflicts);

    const { managedFields: _mf, ...cfgMeta } = cfg.metadata ?? {};
    void _mf;
    let merged = strategicMergePatch(current, { ...cfg, metadata: cfgMeta }, info.schema) as KubeObject;
    const mine = entries.find((e) => isMine(e, manager, sub));
    const ownedByOthers = (p: string): boolean => [...sets].some(([e, s]) => !isMine(e, manager, sub) && s.has(p));
    if (mine) {
      for (const p of sets.get(mine) ?? []) if (!applied.has(p) && !ownedByOthers(p)) removePath(merged, p);
    }
    await admitMutating(ctx, 'UPDATE', merged, current);
    merged = prepareForUpdate(info, merged, current, sub === 'status' ? 'status' : '');
    admit(info, merged, current);
    await admitValidating(ctx, 'UPDATE', merged, current);

    // ownership: this manager owns exactly what it applied; with force, others lose those fields
    const out: ManagedFieldsEntry[] = [];
    for (const e of entries) {
      if (isMine(e, manager, sub)) continue;
      const set = sets.get(e)!;
      if (force) for (const p of applied.keys()) set.delete(p);
      if (set.size) out.push({ ...e, fieldsV1: toFieldsV1(set) });
    }
    const entry: ManagedFieldsEntry = {
      manager, operation: 'Apply', apiVersion: apiVersionOf(info),
      time: mine && sameSet(sets.get(mine)!, applied.keys()) ? mine.time : rfc3339(),
      fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(applied.keys()),
    };
    if (sub) entry.subresource = sub;
    out.splice(mine ? Math.min(entries.indexOf(mine), out.length) : out.length, 0, entry);
    merged.metadata = { ...merged.metadata, managedFields: out };
    return merged;
  };
}

function sameSet(a: Set<string>, b: Iterable<string>): boolean {
  const bs = new Set(b);
  return a.size === bs.size && [...a].every((x) => bs.has(x));
}

function conflictError(group: string, kind: string, name: string, conflicts: Map<ManagedFieldsEntry, string[]>): StatusError {
  const all = [...conflicts].flatMap(([e, ps]) => ps.map((p) => ({ e, p })));
  const n = all.length;
  let msg: string;
  if (n === 1) {
    msg = `Apply failed with 1 conflict: conflict with "${all[0].e.manager}"${all[0].e.operation === 'Update' ? ` using ${all[0].e.apiVersion}` : ''}: ${pathText(all[0].p)}`;
  } else {
    msg = `Apply failed with ${n} conflicts: ` + [...conflicts].map(([e, ps]) =>
      `conflicts with "${e.manager}"${e.operation === 'Update' ? ` using ${e.apiVersion}` : ''}:\n${ps.map((p) => `- ${pathText(p)}`).join('\n')}`).join('\n');
  }
  return new StatusError(409, 'Conflict', msg, {
    name, group, kind,
    causes: all.map(({ e, p }) => ({ reason: 'FieldManagerConflict', message: `conflict with "${e.manager}"${e.operation === 'Update' ? ` using ${e.apiVersion}` : ''}`, field: pathText(p) })),
  });
}
