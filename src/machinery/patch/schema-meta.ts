// Reading patch metadata from the API schemas (src/api/schema.ts): which schema
// describes a field, an array's items or a map's values, and the
// x-kubernetes-patch-* / x-kubernetes-list-* extensions on it. A missing schema
// (undefined) means "not known": lists are then atomic and maps merge.
import type { TSchema } from '../../api/schema.js';

export type Schema = TSchema | undefined;

interface SchemaShape {
  type?: string | string[];
  properties?: Record<string, TSchema>;
  additionalProperties?: TSchema | boolean;
  items?: TSchema;
  allOf?: TSchema[];
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

function shape(s: Schema): SchemaShape | undefined {
  if (!s) return undefined;
  const sh = s as unknown as SchemaShape;
  // A single-element allOf is how some generators wrap a referenced schema.
  if (!sh.properties && !sh.items && !sh.additionalProperties && sh.allOf?.length === 1) {
    return { ...sh, ...(sh.allOf[0] as unknown as SchemaShape) };
  }
  return sh;
}

/** The schema of field `key` of an object, or of a map's values; undefined when unknown. */
export function fieldSchema(s: Schema, key: string): Schema {
  const sh = shape(s);
  if (!sh) return undefined;
  if (sh.properties && Object.hasOwn(sh.properties, key)) return sh.properties[key];
  if (sh.additionalProperties && typeof sh.additionalProperties === 'object') return sh.additionalProperties;
  return undefined;
}

/** The schema of an array's elements; undefined when unknown. */
export function itemSchema(s: Schema): Schema {
  return shape(s)?.items;
}

/** True when the schema describes a map (additionalProperties) rather than a struct. */
export function isMapSchema(s: Schema): boolean {
  const sh = shape(s);
  return !!sh && !sh.properties && !!sh.additionalProperties && typeof sh.additionalProperties === 'object';
}

export interface PatchMeta {
  /** 'merge' or 'replace'; '' when not given (lists replace, maps merge) */
  strategy: '' | 'merge' | 'replace';
  /** whether the strategy includes retainKeys */
  retainKeys: boolean;
  mergeKey: string;
}

/** The strategic-merge metadata of a field's schema. Throws on an unknown combination. */
export function patchMeta(s: Schema): PatchMeta {
  const sh = shape(s);
  const raw = sh?.['x-kubernetes-patch-strategy'] ?? '';
  const parts = raw ? raw.split(',').map((p) => p.trim()) : [];
  let retainKeys = false;
  let strategy: PatchMeta['strategy'] = '';
  for (const p of parts) {
    if (p === 'retainKeys') retainKeys = true;
    else if (p === 'merge' || p === 'replace') strategy = p;
    else throw new Error(`unexpected patch strategy: ${raw}`);
  }
  return { strategy, retainKeys, mergeKey: sh?.['x-kubernetes-patch-merge-key'] ?? '' };
}

export interface ListMeta {
  listType: 'atomic' | 'set' | 'map';
  mapKeys: string[];
}

/**
 * How server-side apply treats a list: x-kubernetes-list-type when set; otherwise
 * a patch-merge list with a merge key is a map keyed by it, a merge list of scalars
 * is a set, and anything else is atomic.
 */
export function listMeta(s: Schema): ListMeta {
  const sh = shape(s);
  const pm = patchMeta(s);
  const lt = sh?.['x-kubernetes-list-type'];
  if (lt === 'map') return { listType: 'map', mapKeys: sh?.['x-kubernetes-list-map-keys'] ?? (pm.mergeKey ? [pm.mergeKey] : []) };
  if (lt === 'set') return { listType: 'set', mapKeys: [] };
  if (lt === 'atomic') return { listType: 'atomic', mapKeys: [] };
  if (pm.strategy === 'merge') {
    return pm.mergeKey ? { listType: 'map', mapKeys: [pm.mergeKey] } : { listType: 'set', mapKeys: [] };
  }
  return { listType: 'atomic', mapKeys: [] };
}

/** True when an object is atomic for server-side apply (x-kubernetes-map-type: atomic). */
export function isAtomicMap(s: Schema): boolean {
  return shape(s)?.['x-kubernetes-map-type'] === 'atomic';
}
