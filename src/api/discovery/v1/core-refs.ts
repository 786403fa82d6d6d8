// core/v1 structs that the groups here embed: TopologySelectorTerm is declared here because
// core/v1 does not declare it (yet); ObjectReference and EventSource come from core/v1 itself.
// They carry core/v1 definition names, so the OpenAPI documents show them where
// upstream does; the OpenAPI builder keeps one definition per name.
import { definer, obj, req, str, list, packageOf, type Static } from '../../schema.js';

const def = definer(packageOf('', 'v1'));

export const TopologySelectorLabelRequirement = def('TopologySelectorLabelRequirement', obj({
  key: req(str('The label key.')),
  values: req(list(str(), { listType: 'atomic', description: 'Values the label may have; one must match.' })),
}, { description: 'A topology label and the values it may take.' }));

export const TopologySelectorTerm = def('TopologySelectorTerm', obj({
  matchLabelExpressions: list(TopologySelectorLabelRequirement, { listType: 'atomic', description: 'Label requirements, all of which must hold.' }),
}, { description: 'A topology selector term: the conjunction of its requirements.', mapType: 'atomic' }));
export type TopologySelectorTerm = Static<typeof TopologySelectorTerm>;

export { ObjectReference, TypedLocalObjectReference } from '../../core/v1/object-reference.js';
export { EventSource } from '../../core/v1/event.js';
