// The kinds of policy/v1: what the scheme registers for this group/version.
//
// Eviction is virtual: it is the body of the pods/eviction subresource (core/v1), registered here
// so the API server can decode and validate it; it has no storage and should not be listed in
// policy/v1 discovery.
import type { ResourceInfo } from '../../scheme.js';
import {
  PodDisruptionBudget, podDisruptionBudgetPrinter, validatePodDisruptionBudget, validatePodDisruptionBudgetUpdate,
} from './pod-disruption-budget.js';
import { Eviction, validateEviction } from './eviction.js';

export const resources: ResourceInfo[] = [
  {
    group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget',
    namespaced: true, shortNames: ['pdb'], categories: [], subresources: ['status'],
    schema: PodDisruptionBudget, validate: validatePodDisruptionBudget, validateUpdate: validatePodDisruptionBudgetUpdate,
    printer: podDisruptionBudgetPrinter,
  },
  {
    group: 'policy', version: 'v1', kind: 'Eviction', resource: 'evictions', singular: 'eviction', namespaced: true,
    shortNames: [], categories: [], subresources: [], verbs: ['create'], virtual: true,
    schema: Eviction, validate: validateEviction,
  },
];
