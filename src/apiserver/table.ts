// Server-side printing and the "as=" media types kubectl and the garbage collector ask
// for: meta.k8s.io Table (rows from the kind's printer; Name and Created At otherwise)
// and PartialObjectMetadata(List).
import type { KubeObject, ObjectMeta } from '../api/meta/v1/types.js';
import type { ResourceInfo, TableColumn } from '../api/scheme.js';
import { BadRequestError, NotAcceptableError } from '../machinery/errors.js';
import { parseAccept } from './http.js';

export type OutputForm =
  | { as: 'object' }
  | { as: 'table'; version: 'v1' | 'v1beta1' }
  | { as: 'partial'; version: 'v1' | 'v1beta1' };

/** Picks the representation from Accept, in the client's order of preference. */
export function negotiateOutput(accept: string | undefined): OutputForm {
  const ranges = parseAccept(accept);
  if (!ranges.length) return { as: 'object' };
  for (const r of ranges) {
    if (r.type !== 'application/json' && r.type !== '*/*' && r.type !== 'application/*' && r.type !== 'application/yaml') continue;
    const as = r.params.as;
    if (!as) return { as: 'object' };
    if (r.params.g !== 'meta.k8s.io') continue;
    const v = r.params.v === 'v1beta1' ? 'v1beta1' : r.params.v === 'v1' ? 'v1' : undefined;
    if (!v) continue;
    if (as === 'Table') return { as: 'table', version: v };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { as: 'partial', version: v };
  }
  if (ranges.some((r) => r.type === 'application/vnd.kubernetes.protobuf' && !r.params.as)) return { as: 'object' };
  throw new NotAcceptableError('only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf');
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw new BadRequestError(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`);
}

export function partialObject(obj: KubeObject, version: string): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata ?? {} };
}

export function partialList(items: KubeObject[], meta: Record<string, unknown>, version: string): Record<string, unknown> {
  return {
    kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${version}`, metadata: meta,
    items: items.map((o) => partialObject(o, version)),
  };
}

const NAME_DESCRIPTION = 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const CREATED_DESCRIPTION = 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** Upstream's default table: Name and Created At. */
export const DEFAULT_COLUMNS: TableColumn[] = [
  { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 },
  { name: 'Created At', type: 'date', description: CREATED_DESCRIPTION, priority: 0 },
];

export function tableColumns(info: ResourceInfo): TableColumn[] {
  return info.printer?.columns ?? DEFAULT_COLUMNS;
}

function rowOf(info: ResourceInfo, obj: KubeObject, include: IncludeObject, version: string, now: Date): Record<string, unknown> {
  let cells: unknown[];
  if (info.printer) {
    try {
      cells = info.printer.row(obj, now);
    } catch {
      cells = [obj.metadata?.name ?? '', ...info.printer.columns.slice(1).map(() => '')];
    }
  } else {
    cells = [obj.metadata?.name ?? '', (obj.metadata as ObjectMeta | undefined)?.creationTimestamp ?? null];
  }
  const row: Record<string, unknown> = { cells };
  if (include === 'Object') row.object = obj;
  else if (include === 'Metadata') row.object = partialObject(obj, version);
  return row;
}

/** A meta.k8s.io Table of objects; columns are left out when withColumns is false (watch events after the first). */
export function toTable(
  info: ResourceInfo, objs: KubeObject[], listMeta: Record<string, unknown>, include: IncludeObject,
  version = 'v1', withColumns = true, now = new Date(),
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: listMeta,
    columnDefinitions: withColumns ? tableColumns(info) : null,
    rows: objs.map((o) => rowOf(info, o, include, version, now)),
  };
}
