// core/v1 references to other objects: ObjectReference (events, bindings, endpoints,
// service-account secrets, a PV's claimRef) and the typed references of PVC data sources.
import { definer, packageOf, obj, req, str, type Static } from '../../schema.js';

const def = definer(packageOf('', 'v1'));

export const ObjectReference = def('ObjectReference', obj({
  kind: str('Kind of the referent, e.g. Pod.'),
  namespace: str('Namespace of the referent.'),
  name: str('Name of the referent.'),
  uid: str('UID of the referent.'),
  apiVersion: str('API version of the referent.'),
  resourceVersion: str('The resourceVersion of the referent this reference was made to, if any.'),
  fieldPath: str('A part of the referent rather than the whole object, e.g. spec.containers{web}.'),
}, { description: 'ObjectReference points at another object, or at a field of it.', mapType: 'atomic' }));
export type ObjectReference = Static<typeof ObjectReference>;

export const TypedLocalObjectReference = def('TypedLocalObjectReference', obj({
  apiGroup: str('API group of the referent; empty means the core group.'),
  kind: req(str('Kind of the referent.')),
  name: req(str('Name of the referent.')),
}, { description: 'TypedLocalObjectReference names an object of a given kind in the same namespace.', mapType: 'atomic' }));
export type TypedLocalObjectReference = Static<typeof TypedLocalObjectReference>;

export const TypedObjectReference = def('TypedObjectReference', obj({
  apiGroup: str('API group of the referent; empty means the core group.'),
  kind: req(str('Kind of the referent.')),
  name: req(str('Name of the referent.')),
  namespace: str('Namespace of the referent; needs a ReferenceGrant when it differs from the referrer\'s.'),
}, { description: 'TypedObjectReference names an object of a given kind, possibly in another namespace.' }));
export type TypedObjectReference = Static<typeof TypedObjectReference>;
