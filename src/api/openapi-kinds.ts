// Kinds the OpenAPI documents need beyond the registered ones: the list kind of every
// stored resource (PodList …) and, when no group declares it, autoscaling/v1 Scale.
import { Type } from '@sinclair/typebox';
import { definer, defNameOf, int32, obj, req, str, list, type TSchema } from './schema.js';
import { kindSchema, ListMeta } from './meta/v1/types.js';
import type { ResourceInfo } from './scheme.js';

const lists = new WeakMap<TSchema, TSchema>();

/** <Kind>List: apiVersion, kind, metadata (ListMeta) and items, with its group/version/kind. */
export function listKindSchema(r: ResourceInfo): TSchema {
  const cached = lists.get(r.schema);
  if (cached) return cached;
  const name = defNameOf(r.schema) ?? `io.k8s.api.unknown.${r.version}.${r.kind}`;
  const pkg = name.slice(0, name.lastIndexOf('.'));
  const schema = definer(pkg)(`${r.kind}List`, obj({
    apiVersion: str('The versioned schema of this object, e.g. v1 or apps/v1.'),
    items: req(list(r.schema, { description: `The list of ${r.kind} objects.` })),
    kind: str('The REST resource this object represents, in CamelCase.'),
    metadata: ListMeta,
  }, {
    description: `${r.kind}List is a list of ${r.kind} objects.`,
    'x-kubernetes-group-version-kind': [{ group: r.group, kind: `${r.kind}List`, version: r.version }],
  }));
  lists.set(r.schema, schema);
  return schema;
}

let scale: TSchema | undefined;

/** autoscaling/v1 Scale, the body of every scale subresource. */
export function scaleSchema(): TSchema {
  if (scale) return scale;
  const def = definer('io.k8s.api.autoscaling.v1');
  const ScaleSpec = def('ScaleSpec', obj({ replicas: int32('The desired number of instances.') }, { description: 'ScaleSpec describes the attributes of a scale subresource.' }));
  const ScaleStatus = def('ScaleStatus', obj({
    replicas: req(int32('The actual number of observed instances.')),
    selector: str('The label query over pods that should match the replicas count, in the string form of a label selector.'),
  }, { description: 'ScaleStatus represents the current status of a scale subresource.' }));
  scale = kindSchema('autoscaling', 'v1', 'Scale', { spec: ScaleSpec, status: ScaleStatus },
    'Scale represents a scaling request for a resource.');
  return scale;
}

/** meta/v1 Patch: the body of PATCH requests (any of the patch formats). */
export const patchSchema: TSchema = definer('io.k8s.apimachinery.pkg.apis.meta.v1')('Patch', Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  description: 'Patch is the body of a PATCH request: a JSON patch, a merge patch, a strategic merge patch or an apply configuration.',
}));
