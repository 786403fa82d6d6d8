// core/v1 ServiceAccount: schema, validation, printer and registration.
import { bool, list, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { age } from '../../printing.js';
import type { FieldError } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { LocalObjectReference } from './volume.js';
import { ObjectReference } from './object-reference.js';

export const ServiceAccount = kindSchema('', 'v1', 'ServiceAccount', {
  secrets: list(ObjectReference, {
    mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'],
    description: 'Secrets in the same namespace that pods of this account may use (legacy token secrets).',
  }),
  imagePullSecrets: list(LocalObjectReference, {
    listType: 'atomic', description: 'Secrets added to the imagePullSecrets of pods that run as this account.',
  }),
  automountServiceAccountToken: bool('Whether pods of this account get an API token mounted; a pod can override it.'),
}, 'ServiceAccount is an identity for processes that run in pods, with credentials for the API.');
export type ServiceAccount = Static<typeof ServiceAccount>;

const META_OPTS = { namespaced: true, nameValidator: nameIsDNSSubdomain };

export function validateServiceAccount(sa: ServiceAccount): FieldError[] {
  return validateObjectMeta(sa.metadata, META_OPTS);
}

export function validateServiceAccountUpdate(sa: ServiceAccount, old: ServiceAccount): FieldError[] {
  return validateObjectMetaUpdate(sa.metadata, old.metadata, META_OPTS);
}

export const serviceAccountPrinter: Printer<ServiceAccount> = {
  columns: [nameColumn, col('Secrets', 'Number of secrets of the service account', 'integer'), ageColumn],
  row: (sa, now) => [sa.metadata?.name ?? '', (sa.secrets ?? []).length, age(sa.metadata?.creationTimestamp, now)],
};

export const serviceAccountResource: ResourceInfo<ServiceAccount> = {
  group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', singular: 'serviceaccount',
  namespaced: true, shortNames: ['sa'], categories: [], subresources: ['token'],
  schema: ServiceAccount,
  validate: validateServiceAccount,
  validateUpdate: validateServiceAccountUpdate,
  printer: serviceAccountPrinter,
};
