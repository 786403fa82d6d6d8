// The kinds of policy/v1: what the scheme registers for this group/version.
//
// Eviction is not a resource of policy/v1 (upstream's discovery does not list it): it is the
// create-only body of the core pods/eviction subresource, like TokenRequest for
// serviceaccounts/token, so it is exported in subresourceKinds, with validateEviction.
import type { ResourceInfo } from '../../scheme.js';
import {
  PodDisruptionBudget, podDisruptionBudgetPrinter, validatePodDisruptionBudget, validatePodDisruptionBudgetUpdate,
} from './pod-disruption-budget.js';
import { Eviction, validateEviction } from './eviction.js';

export { Eviction, validateEviction } from './eviction.js';

export const resources: ResourceInfo[] = [
  {
    group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget',
    namespaced: true, shortNames: ['pdb'], categories: [], subresources: ['status'],
    schema: PodDisruptionBudget, validate: validatePodDisruptionBudget, validateUpdate: validatePodDisruptionBudgetUpdate,
    printer: podDisruptionBudgetPrinter,
  },
];

/** Kinds that only appear as the body of a subresource of another group's resource. */
export const subresourceKinds = [
  {
    group: '', version: 'v1', resource: 'pods', subresource: 'eviction', schema: Eviction,
    kind: { group: 'policy', version: 'v1', kind: 'Eviction' }, validate: validateEviction,
  },
];
