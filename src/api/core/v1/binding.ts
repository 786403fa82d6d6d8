// core/v1 Binding: the request that binds a pod to a node (POST pods/<name>/binding or
// namespaces/<ns>/bindings). Not stored: the registry sets pod.spec.nodeName from it.
import { req, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import type { ResourceInfo } from '../../scheme.js';
import { type FieldError, notSupported, required, root } from '../../../machinery/field-errors.js';
import { ObjectReference } from './object-reference.js';

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

export const bindingResource: ResourceInfo<Binding> = {
  group: '', version: 'v1', kind: 'Binding', resource: 'bindings', singular: 'binding',
  namespaced: true, shortNames: [], categories: [], subresources: [], verbs: ['create'],
  schema: Binding,
  validate: validateBinding,
  virtual: true,
};
