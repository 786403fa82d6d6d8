// The API server's binding of server-side apply's field ownership
// (src/machinery/patch: managed-fields.ts, apply.ts) to its resources: the schema and
// apiVersion of the resource, and the top-level fields a write cannot own through the
// endpoint it used (status on the main resource, everything but status on .../status).
import type { KubeObject } from '../api/meta/v1/types.js';
import { apiVersionOf, type ResourceInfo } from '../api/scheme.js';
import { updateManagedFields, type ManagedFieldsOptions } from '../machinery/patch/managed-fields.js';

/** Options for the field manager of a write to info's resource through subresource ('' for the main one). */
export function fieldManagerOptions(info: ResourceInfo, subresource: string, ...objs: (object | undefined)[]): ManagedFieldsOptions {
  let ignoredFields = ['status'];
  if (subresource === 'status') {
    const keys = new Set(objs.flatMap((o) => (o ? Object.keys(o) : [])));
    ignoredFields = [...keys].filter((k) => k !== 'status' && k !== 'metadata');
  }
  const opts: ManagedFieldsOptions = { apiVersion: apiVersionOf(info), ignoredFields };
  if (subresource) opts.subresource = subresource;
  return opts;
}

/**
 * Records a write by manager on next (old = the stored object, absent on create): the
 * manager gains the fields it changed and every other manager loses them. An Apply has
 * recorded its fields already (apply.ts).
 */
export function recordManager(
  info: ResourceInfo, next: KubeObject, old: KubeObject | undefined, manager: string,
  operation: 'Update' | 'Apply', subresource: string,
): void {
  if (operation === 'Apply') return;
  const out = updateManagedFields(old, next, manager, 'Update', info.schema, fieldManagerOptions(info, subresource, old, next));
  const meta = (next.metadata ??= {});
  const mf = out.metadata?.managedFields;
  if (mf) meta.managedFields = mf;
  else delete meta.managedFields;
}
