// policy/v1 Eviction: the body POSTed to pods/{name}/eviction to delete a pod while honoring its
// PodDisruptionBudgets. Never stored.
import { type Static } from '../../schema.js';
import { DeleteOptions, kindSchema } from '../../meta/v1/types.js';
import { type FieldError, required, root } from '../../../machinery/field-errors.js';

export const Eviction = kindSchema('policy', 'v1', 'Eviction', { deleteOptions: DeleteOptions },
  'Eviction asks for a pod to be deleted, subject to its disruption budgets; metadata.name is the pod\'s name.');
export type Eviction = Static<typeof Eviction>;

/** The eviction must name the pod (the API server also checks it equals the pod in the URL). */
export function validateEviction(e: Eviction): FieldError[] {
  return e.metadata?.name ? [] : [required(root('metadata', 'name'), 'name or generateName is required')];
}
