// LimitRanger: the LimitRanges of a namespace give containers their default requests and
// limits (mutating) and bound what pods and claims may ask for (validating).
import type { Pod } from '../../api/core/v1/pod.js';
import type { LimitRange, LimitRangeItem } from '../../api/core/v1/limit-range.js';
import { parseQuantity, type Quantity } from '../../machinery/quantity.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../chain.js';
import { aggregate, forbidden, infoFor, isResource, listAll, type AdmissionDeps, type Container } from './util.js';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

type ResourceList = Record<string, string>;

interface Claim {
  metadata?: { deletionTimestamp?: string };
  spec?: { resources?: { requests?: ResourceList } };
}

function applies(a: AdmissionAttributes): 'pod' | 'pvc' | undefined {
  if (a.subresource || !a.object || a.object.metadata?.deletionTimestamp) return undefined;
  if (isResource(a, '', 'pods')) return a.operation === 'CREATE' ? 'pod' : undefined;
  if (isResource(a, '', 'persistentvolumeclaims') && (a.operation === 'CREATE' || a.operation === 'UPDATE')) return 'pvc';
  return undefined;
}

/** default → limits and defaultRequest → requests of every Container item, later items winning. */
export function containerDefaults(lr: LimitRange): { limits: ResourceList; requests: ResourceList } {
  const limits: ResourceList = {};
  const requests: ResourceList = {};
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(limits, item.default ?? {});
    Object.assign(requests, item.defaultRequest ?? {});
  }
  return { limits, requests };
}

function mergeContainer(c: Container, d: { limits: ResourceList; requests: ResourceList }, prefix: string, notes: string[]): void {
  const res = (c.resources ??= {});
  const limits: ResourceList = (res.limits ??= {});
  const requests: ResourceList = (res.requests ??= {});
  // a request left out next to an explicit limit defaults to that limit (API defaulting), not to the range
  const explicitLimits = new Set(Object.keys(limits));
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(d.limits)) {
    if (!(k in limits)) {
      limits[k] = v;
      setLimits.push(k);
    }
  }
  for (const [k, v] of Object.entries(d.requests)) {
    if (!(k in requests) && !explicitLimits.has(k)) {
      requests[k] = v;
      setRequests.push(k);
    }
  }
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
}

/** Applies one LimitRange's container defaults to a pod, recording them in the limit-ranger annotation. */
export function applyPodDefaults(pod: Pod, lr: LimitRange): void {
  const d = containerDefaults(lr);
  if (!Object.keys(d.limits).length && !Object.keys(d.requests).length) return;
  const notes: string[] = [];
  for (const c of pod.spec?.containers ?? []) mergeContainer(c, d, 'container', notes);
  for (const c of pod.spec?.initContainers ?? []) mergeContainer(c, d, 'init container', notes);
  if (notes.length) {
    pod.metadata ??= {};
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

/** Milli-values when every number fits (cpu-like), whole values otherwise, as requestLimitEnforcedValues. */
function observed(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [number, number, number] {
  const MAX_MILLI = 2 ** 63 / 1000;
  const small = [req, lim, enforced].every((q) => !q || q.value() <= MAX_MILLI);
  const v = (q?: Quantity): number => (q ? (small ? q.milliValue() : q.value()) : 0);
  return [v(req), v(lim), v(enforced)];
}

const q = (list: ResourceList | undefined, k: string): Quantity | undefined => (list && k in list ? parseQuantity(list[k]) : undefined);

function minConstraint(type: string, name: string, enforcedText: string, requests: ResourceList | undefined, limits: ResourceList | undefined): string | undefined {
  const enforced = parseQuantity(enforcedText);
  const req = q(requests, name);
  const lim = q(limits, name);
  const [r, l, e] = observed(req, lim, enforced);
  if (!req) return `minimum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  if (lim && l < e) return `minimum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforcedText: string, requests: ResourceList | undefined, limits: ResourceList | undefined): string | undefined {
  const enforced = parseQuantity(enforcedText);
  const req = q(requests, name);
  const lim = q(limits, name);
  const [r, l, e] = observed(req, lim, enforced);
  if (!lim) return `maximum ${name} usage per ${type} is ${enforced}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${enforced}, but limit is ${lim}`;
  if (req && r > e) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforcedText: string, requests: ResourceList | undefined): string | undefined {
  const enforced = parseQuantity(enforcedText);
  const req = q(requests, name);
  const [r, , e] = observed(req, undefined, enforced);
  if (!req) return `maximum ${name} usage per ${type} is ${enforced}.  No request is specified`;
  if (r > e) return `maximum ${name} usage per ${type} is ${enforced}, but request is ${req}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforcedText: string, requests: ResourceList | undefined, limits: ResourceList | undefined): string | undefined {
  const enforced = parseQuantity(enforcedText);
  const req = q(requests, name);
  const lim = q(limits, name);
  const [r, l] = observed(req, lim, enforced);
  if (!req || r === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no request is specified or request is 0`;
  if (!lim || l === 0) return `${name} max limit to request ratio per ${type} is ${enforced}, but no limit is specified or limit is 0`;
  const ratio = l / r;
  const max = enforced.value() <= 2 ** 63 / 1000 ? enforced.milliValue() / 1000 : enforced.value();
  if (ratio > max) return `${name} max limit to request ratio per ${type} is ${enforced}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function checkBounds(item: LimitRangeItem, type: string, requests: ResourceList | undefined, limits: ResourceList | undefined, out: string[]): void {
  const push = (m: string | undefined): void => {
    if (m) out.push(m);
  };
  for (const [k, v] of Object.entries(item.min ?? {})) push(minConstraint(type, k, v, requests, limits));
  for (const [k, v] of Object.entries(item.max ?? {})) push(maxConstraint(type, k, v, requests, limits));
  for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) push(ratioConstraint(type, k, v, requests, limits));
}

function sumInto(total: Record<string, Quantity>, list: ResourceList | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) total[k] = total[k] ? total[k].add(parseQuantity(v)) : parseQuantity(v);
}

/** The pod's effective requests or limits: the containers' sum, raised to any larger init container. */
function podTotal(pod: Pod, which: 'requests' | 'limits'): ResourceList {
  const sum: Record<string, Quantity> = {};
  for (const c of pod.spec?.containers ?? []) sumInto(sum, c.resources?.[which]);
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
      const qv = parseQuantity(v);
      if (!sum[k] || qv.cmp(sum[k]) > 0) sum[k] = qv;
    }
  }
  return Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, v.toString()]));
}

/** The bound violations of a pod against one LimitRange (empty when it fits). */
export function podViolations(pod: Pod, lr: LimitRange): string[] {
  const out: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        checkBounds(item, 'Container', c.resources?.requests, c.resources?.limits, out);
      }
    } else if (item.type === 'Pod') {
      checkBounds(item, 'Pod', podTotal(pod, 'requests'), podTotal(pod, 'limits'), out);
    }
  }
  return out;
}

export function claimViolations(pvc: Claim, lr: LimitRange): string[] {
  const out: string[] = [];
  const requests = pvc.spec?.resources?.requests;
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of Object.entries(item.min ?? {})) {
      const m = minConstraint('PersistentVolumeClaim', k, v, requests, {});
      if (m) out.push(m);
    }
    for (const [k, v] of Object.entries(item.max ?? {})) {
      const m = maxRequestConstraint('PersistentVolumeClaim', k, v, requests);
      if (m) out.push(m);
    }
  }
  return out;
}

export function limitRanger({ registry, scheme }: AdmissionDeps): AdmissionPlugin {
  const lrInfo = infoFor(scheme, '', 'v1', 'limitranges');
  const ranges = (ns: string): Promise<LimitRange[]> => listAll<LimitRange>(registry, lrInfo, ns);
  return {
    name: 'LimitRanger',
    async admit(a) {
      if (applies(a) !== 'pod') return;
      for (const lr of await ranges(a.namespace)) applyPodDefaults(a.object as Pod, lr);
    },
    async validate(a) {
      const kind = applies(a);
      if (!kind) return;
      for (const lr of await ranges(a.namespace)) {
        const errs = kind === 'pod' ? podViolations(a.object as Pod, lr) : claimViolations(a.object as Claim, lr);
        if (errs.length) throw forbidden(a, aggregate(errs));
      }
    },
  };
}
