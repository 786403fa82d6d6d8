// Resource-name rules of quotas and limit ranges (upstream's core helper sets):
// which names are standard, which are quota-tracked, and which scopes fit which resources.
import { type FieldError, type Path, invalid } from '../../../machinery/field-errors.js';
import { isQualifiedName } from '../../../machinery/validation.js';
import { type Quantity } from '../../../machinery/quantity.js';
import { quantityOrError, validateContainerResourceName } from './resource-validation.js';

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services',
  'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);
const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services',
  'replicationcontrollers', 'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
export const QUOTA_SCOPES = [
  'Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass',
] as const;
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

const isQuotaHugePage = (name: string) => name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
export const isStandardResourceName = (name: string): boolean => STANDARD_RESOURCES.has(name) || isQuotaHugePage(name);
export const isStandardQuotaResourceName = (name: string): boolean => STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePage(name);
export const isStandardQuotaScope = (scope: string): boolean => (QUOTA_SCOPES as readonly string[]).includes(scope);

/** IsResourceQuotaScopeValidForResource */
export function isScopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating': case 'NotTerminating': case 'NotBestEffort': case 'PriorityClass': case 'CrossNamespacePodAffinity':
      return resource === 'pods' || POD_COMPUTE.has(resource);
    case 'BestEffort':
      return resource === 'pods';
    case 'VolumeAttributesClass':
      return resource === 'persistentvolumeclaims' || resource === 'requests.storage';
    default:
      return true;
  }
}

/** validateResourceName: a qualified name, standard unless it has a domain. */
export function validateResourceName(name: string, path: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !isStandardResourceName(name)) return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  return [];
}

/** ValidateResourceQuotaResourceName */
export function validateQuotaResourceName(name: string, path: Path): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) return [...errs, invalid(path, name, 'must be a standard resource for quota')];
  return errs;
}

/** validateLimitRangeResourceName: container rules for Pod and Container limits. */
export function validateLimitRangeResourceName(limitType: string, name: string, path: Path): FieldError[] {
  return limitType === 'Pod' || limitType === 'Container' ? validateContainerResourceName(name, path) : validateResourceName(name, path);
}

/** Parses every quantity of a resource list; parse problems become field errors. */
export function parseResourceList(list: Record<string, string> | undefined, path: Path, errs: FieldError[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = quantityOrError(value, path.key(name));
    if ('mantissa' in q) out.set(name, q);
    else errs.push(q);
  }
  return out;
}
