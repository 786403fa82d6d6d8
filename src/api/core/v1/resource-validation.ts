// Validation of compute resource requirements (upstream ValidateContainerResourceRequirements
// and its helpers): resource names, quantity syntax and sign, integer resources, and
// requests ≤ limits (= limits for resources that cannot be overcommitted).
import { type FieldError, type Path, forbidden, invalid, required } from '../../../machinery/field-errors.js';
import { isQualifiedName } from '../../../machinery/validation.js';
import { type Quantity, QuantityParseError, parseQuantity } from '../../../machinery/quantity.js';
import type { ResourceRequirements } from './container.js';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_QUOTA_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'services.nodeports', 'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);

export const isHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-');
/** Native resources have no domain or a kubernetes.io domain. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
export const isStandardContainerResourceName = (name: string): boolean => STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);

/** Extended resources (example.com/gpu): outside kubernetes.io, not quota-prefixed, a valid qualified name. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);
export const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

function isStandardResourceName(name: string): boolean {
  return isStandardContainerResourceName(name) || STANDARD_QUOTA_RESOURCES.has(name) || name.startsWith('requests.hugepages-');
}

export function validateContainerResourceName(name: string, path: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!isStandardResourceName(name)) return [invalid(path, name, 'must be a standard resource type or fully qualified')];
    if (!isStandardContainerResourceName(name)) return [invalid(path, name, 'must be a standard resource for containers')];
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    return [invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return [];
}

/** Parses a quantity, or returns the error a client would see for it. */
export function quantityOrError(value: string | number, path: Path): Quantity | FieldError {
  try {
    return parseQuantity(value);
  } catch (e) {
    if (e instanceof QuantityParseError) return invalid(path, value, e.message);
    throw e;
  }
}

/** ValidateResourceQuantityValue: not negative, whole numbers for integer resources. */
export function validateResourceQuantityValue(name: string, q: Quantity, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), 'must be greater than or equal to 0'));
  if (isIntegerResourceName(name) && q.scaledValueBig(-3) % 1000n !== 0n) errs.push(invalid(path, q.toString(), 'must be an integer'));
  return errs;
}

export function validateResourceRequirements(res: ResourceRequirements | undefined, path: Path): FieldError[] {
  if (!res) return [];
  const errs: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = new Map<string, Quantity>();
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, value] of Object.entries(res.limits ?? {})) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityOrError(value, p);
    if (!('mantissa' in q)) {
      errs.push(q);
      continue;
    }
    limits.set(name, q);
    errs.push(...validateResourceQuantityValue(name, q, p));
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, value] of Object.entries(res.requests ?? {})) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    const q = quantityOrError(value, p);
    if (!('mantissa' in q)) {
      errs.push(q);
      continue;
    }
    errs.push(...validateResourceQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit) {
      const c = q.cmp(limit);
      if (c !== 0 && !isOvercommitAllowed(name)) {
        errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
      } else if (c > 0) {
        errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
      }
    } else if (!isOvercommitAllowed(name) && !(name in (res.limits ?? {}))) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  (res.claims ?? []).forEach((c, i) => {
    if (!c.name) errs.push(required(path.child('claims').index(i)));
  });
  return errs;
}
