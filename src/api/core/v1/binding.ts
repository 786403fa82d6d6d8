// core/v1 Binding: the request that binds a pod to a node (POST pods/<name>/binding or
// namespaces/<ns>/bindings). Not stored: the registry sets pod.spec.nodeName from it.
import { req, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import type { ResourceInfo } from '../../scheme.js';
import { type FieldError, notSupported, required, root } from '../../../machinery/field-errors.js';
import { ObjectReference } from './object-reference.js';
import { ConflictError } from '../../../machinery/errors.js';
import { rfc3339 } from '../../../machinery/object-meta.js';
import type { KubeObject } from '../../meta/v1/types.js';
import type { Pod, PodCondition } from './pod.js';

export const Binding = kindSchema('', 'v1', 'Binding', {
  target: req(ObjectReference),
}, 'Binding ties one object to another, e.g. a pod to the node that runs it; only create is served.');
export type Binding = Static<typeof Binding>;

/** ValidatePodBinding: the target must be a Node (or kind left empty) with a name. */
export function validateBinding(b: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = b.target?.kind ?? '';
  if (kind && kind !== 'Node') errs.push(notSupported(root('target', 'kind'), kind, ['Node', '<empty>']));
  if (!b.target?.name) errs.push(required(root('target', 'name'), ''));
  return errs;
}

/**
 * What POST pods/<name>/binding does to the pod (upstream's setPodHostAndAnnotations): sets
 * spec.nodeName once, marks it PodScheduled and copies the binding's annotations.
 */
export function bindPod(pod: Pod, body: KubeObject, now: Date): void {
  const binding = body as Binding;
  const name = pod.metadata?.name ?? '';
  const gr = { group: '', resource: 'pods/binding' };
  if (pod.metadata?.deletionTimestamp) throw new ConflictError(gr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  const spec = (pod.spec ??= { containers: [] });
  if (spec.nodeName) throw new ConflictError(gr, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  spec.nodeName = binding.target.name;
  const status = (pod.status ??= {});
  // upstream writes lastProbeTime: null here
  const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now) } as unknown as PodCondition;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), scheduled];
  const annotations = binding.metadata?.annotations;
  if (annotations) pod.metadata = { ...pod.metadata, annotations: { ...pod.metadata?.annotations, ...annotations } };
}

export const bindingResource: ResourceInfo<Binding> = {
  group: '', version: 'v1', kind: 'Binding', resource: 'bindings', singular: 'binding',
  namespaced: true, shortNames: [], categories: [], subresources: [], verbs: ['create'],
  schema: Binding,
  validate: validateBinding,
  virtual: true,
};
