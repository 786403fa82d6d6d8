// Validation of downward API references: ObjectFieldSelector (fieldRef) and
// ResourceFieldSelector (resourceFieldRef), used by env vars and downwardAPI volumes.
import { type FieldError, type Path, invalid, notSupported, required } from '../../../machinery/field-errors.js';
import { isQualifiedName } from '../../../machinery/validation.js';
import { parseQuantity } from '../../../machinery/quantity.js';
import type { ObjectFieldSelector, ResourceFieldSelector } from './volume.js';

/** Field paths the v1 downward API can convert. */
const CONVERTIBLE = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

/** Field paths an env var may reference. */
export const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];

/** fieldpath.SplitMaybeSubscriptedPath: metadata.labels['app'] → [metadata.labels, app]. */
export function splitSubscriptedPath(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return { path: s.slice(0, at), subscript: s.slice(at + 2) };
}

function convertFieldLabel(version: string, label: string): { label?: string; error?: string } {
  if (version !== 'v1') return { error: `unsupported pod version: ${version}` };
  const sub = splitSubscriptedPath(label);
  if (sub) {
    return sub.path === 'metadata.annotations' || sub.path === 'metadata.labels'
      ? { label } : { error: `field label does not support subscript: ${label}` };
  }
  if (CONVERTIBLE.has(label)) return { label };
  if (label === 'spec.host') return { label: 'spec.nodeName' };
  return { error: `field label not supported: ${label}` };
}

export function validateObjectFieldSelector(fs: ObjectFieldSelector, expressions: readonly string[], path: Path): FieldError[] {
  if (!fs.apiVersion) return [required(path.child('apiVersion'))];
  if (!fs.fieldPath) return [required(path.child('fieldPath'))];
  const conv = convertFieldLabel(fs.apiVersion, fs.fieldPath);
  if (conv.error) return [invalid(path.child('fieldPath'), fs.fieldPath, `error converting fieldPath: ${conv.error}`)];
  const internal = conv.label ?? '';
  const sub = splitSubscriptedPath(internal);
  if (sub) {
    const key = sub.path === 'metadata.annotations' ? sub.subscript.toLowerCase() : sub.subscript;
    return isQualifiedName(key).map((m) => invalid(path, key, m));
  }
  if (!expressions.includes(internal)) return [notSupported(path.child('fieldPath'), internal, [...expressions].sort())];
  return [];
}

const RESOURCE_EXPRESSIONS = [
  'limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory',
];
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
const SIZE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const SIZE_DIVISOR_TEXT = SIZE_DIVISORS.join(', ');

function validateDivisor(resource: string, divisor: string | undefined, path: Path): FieldError[] {
  if (divisor === undefined) return [];
  let text: string;
  try {
    const q = parseQuantity(divisor);
    if (q.isZero()) return [];
    text = q.toString();
  } catch {
    return [];
  }
  const p = path.child('divisor');
  switch (resource) {
    case 'limits.cpu': case 'requests.cpu':
      if (!['1m', '1'].includes(text)) return [invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource")];
      break;
    case 'limits.memory': case 'requests.memory':
      if (!SIZE_DIVISORS.includes(text)) return [invalid(p, resource, `only divisor's values ${SIZE_DIVISOR_TEXT} are supported with the memory resource`)];
      break;
    case 'limits.ephemeral-storage': case 'requests.ephemeral-storage':
      if (!SIZE_DIVISORS.includes(text)) return [invalid(p, resource, `only divisor's values ${SIZE_DIVISOR_TEXT} are supported with the local ephemeral storage resource`)];
      break;
  }
  if (HUGEPAGES_PREFIXES.some((pre) => resource.startsWith(pre)) && !SIZE_DIVISORS.includes(text)) {
    return [invalid(p, resource, `only divisor's values ${SIZE_DIVISOR_TEXT} are supported with the hugepages resource`)];
  }
  return [];
}

/** validateContainerResourceFieldSelector; `volume` requires containerName. */
export function validateResourceFieldSelector(fs: ResourceFieldSelector, path: Path, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (volume && !fs.containerName) errs.push(required(path.child('containerName')));
  else if (!fs.resource) errs.push(required(path.child('resource')));
  else if (!RESOURCE_EXPRESSIONS.includes(fs.resource) && !HUGEPAGES_PREFIXES.some((pre) => fs.resource.startsWith(pre))) {
    errs.push(notSupported(path.child('resource'), fs.resource, RESOURCE_EXPRESSIONS));
  }
  errs.push(...validateDivisor(fs.resource ?? '', fs.divisor, path));
  return errs;
}
