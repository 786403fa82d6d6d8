// meta.k8s.io/v1 FieldSelectorRequirement: one requirement of a field selector in object form.
import { definer, obj, req, str, list, type Static } from '../../schema.js';

const def = definer('io.k8s.apimachinery.pkg.apis.meta.v1');

export const FieldSelectorRequirement = def('FieldSelectorRequirement', obj({
  key: req(str('The field selector key that the requirement applies to.')),
  operator: req(str('The relation of the key to the values: In, NotIn, Exists or DoesNotExist.')),
  values: list(str(), { listType: 'atomic', description: 'The values for In and NotIn; empty for Exists and DoesNotExist.' }),
}, { description: 'FieldSelectorRequirement is a selector on a field: a key, an operator and values.' }));
export type FieldSelectorRequirement = Static<typeof FieldSelectorRequirement>;
