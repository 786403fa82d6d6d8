// core/v1 TopologySelectorTerm: where a StorageClass may provision volumes.
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
