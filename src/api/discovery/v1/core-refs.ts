// The few core/v1 structs that the groups in this folder's neighbours embed
// (ObjectReference, EventSource, TypedLocalObjectReference, TopologySelectorTerm).
// They carry core/v1 definition names, so the OpenAPI documents show them where
// upstream does; the OpenAPI builder keeps one definition per name.
import { definer, obj, req, str, list, packageOf, type Static } from '../../schema.js';

const def = definer(packageOf('', 'v1'));

export const ObjectReference = def('ObjectReference', obj({
  kind: str('Kind of the referent.'),
  namespace: str('Namespace of the referent.'),
  name: str('Name of the referent.'),
  uid: str('UID of the referent.'),
  apiVersion: str('API version of the referent.'),
  resourceVersion: str('Specific resourceVersion this reference was made to, if any.'),
  fieldPath: str('A part of the object rather than the whole, e.g. spec.containers{name}.'),
}, { description: 'ObjectReference points at another object.', mapType: 'atomic' }));
export type ObjectReference = Static<typeof ObjectReference>;

export const EventSource = def('EventSource', obj({
  component: str('The component that reported the event.'),
  host: str('The node that reported the event.'),
}, { description: 'EventSource names who reported an event.' }));
export type EventSource = Static<typeof EventSource>;

export const TypedLocalObjectReference = def('TypedLocalObjectReference', obj({
  apiGroup: str('The API group of the referent; empty for the core group.'),
  kind: req(str('Kind of the referent.')),
  name: req(str('Name of the referent.')),
}, { description: 'A reference to an object of a given kind in the same namespace.', mapType: 'atomic' }));
export type TypedLocalObjectReference = Static<typeof TypedLocalObjectReference>;

export const TopologySelectorLabelRequirement = def('TopologySelectorLabelRequirement', obj({
  key: req(str('The label key.')),
  values: req(list(str(), { listType: 'atomic', description: 'Values the label may have; one must match.' })),
}, { description: 'A topology label and the values it may take.' }));

export const TopologySelectorTerm = def('TopologySelectorTerm', obj({
  matchLabelExpressions: list(TopologySelectorLabelRequirement, { listType: 'atomic', description: 'Label requirements, all of which must hold.' }),
}, { description: 'A topology selector term: the conjunction of its requirements.', mapType: 'atomic' }));
export type TopologySelectorTerm = Static<typeof TopologySelectorTerm>;
