// labelSelector and fieldSelector query parameters turned into one object predicate.
// Field selectors support metadata.name, metadata.namespace and the kind's own
// selectable fields (ResourceInfo.selectableFields), with =, == and != as upstream.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { ResourceInfo } from '../api/scheme.js';
import { BadRequestError } from '../machinery/errors.js';
import { parseSelector } from '../machinery/labels.js';
import { parseFieldSelector, type FieldSelector } from '../machinery/fields.js';

export type ObjectFilter = (obj: KubeObject) => boolean;

/** The fields of obj a field selector can use. */
export function objectFields(info: ResourceInfo, obj: KubeObject): Record<string, string> {
  const f: Record<string, string> = { 'metadata.name': obj.metadata?.name ?? '' };
  if (info.namespaced) f['metadata.namespace'] = obj.metadata?.namespace ?? '';
  return { ...f, ...(info.selectableFields?.(obj) ?? {}) };
}

/** A sample object's selectable field names, for the error message listing what is supported. */
function knownFields(info: ResourceInfo): string[] {
  let extra: string[] = [];
  try {
    extra = Object.keys(info.selectableFields?.({ metadata: {} }) ?? {});
  } catch {
    extra = [];
  }
  return ['metadata.name', ...(info.namespaced ? ['metadata.namespace'] : []), ...extra];
}

export function buildFilter(info: ResourceInfo, labelSelector: string | null, fieldSelector: string | null): ObjectFilter | undefined {
  const filters: ObjectFilter[] = [];
  if (labelSelector && labelSelector.trim()) {
    let sel;
    try {
      sel = parseSelector(labelSelector);
    } catch (e) {
      throw new BadRequestError(`unable to parse requirement: ${(e as Error).message}`);
    }
    if (!sel.empty()) filters.push((o) => sel.matches(o.metadata?.labels ?? {}));
  }
  if (fieldSelector && fieldSelector.trim()) {
    let sel: FieldSelector;
    try {
      sel = parseFieldSelector(fieldSelector);
    } catch (e) {
      throw new BadRequestError(`invalid field selector: ${(e as Error).message}`);
    }
    const known = knownFields(info);
    for (const r of sel.requirements()) {
      if (!known.includes(r.field)) {
        throw new BadRequestError(`"${r.field}" is not a known field selector: only ${known.map((k) => `"${k}"`).join(', ')}`);
      }
    }
    if (!sel.empty()) filters.push((o) => sel.matches(objectFields(info, o)));
  }
  if (!filters.length) return undefined;
  return (o) => filters.every((f) => f(o));
}
