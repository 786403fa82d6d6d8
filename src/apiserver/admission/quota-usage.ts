// What an object counts against a ResourceQuota (the quota evaluators of upstream's
// pkg/quota/v1/evaluator/core plus the generic count/<resource>.<group> counter).
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceQuota } from '../../api/core/v1/resource-quota.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ResourceInfo } from '../../api/scheme.js';
import { parseQuantity, type Quantity } from '../../machinery/quantity.js';

export type Usage = Map<string, Quantity>;

/** Core resources that also have a bare object-count name (pods, services, …). */
const LEGACY_COUNTS = new Set(['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas']);
const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
/** The resources whose per-container presence is required when a quota tracks them. */
export const POD_REQUIRED_WHEN_TRACKED = ['cpu', 'limits.cpu', 'limits.memory', 'memory', 'requests.cpu', 'requests.memory'];

export function countName(info: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return info.group ? `count/${info.resource}.${info.group}` : `count/${info.resource}`;
}

const one = (): Quantity => parseQuantity(1);

function addTo(u: Usage, name: string, q: Quantity): void {
  const cur = u.get(name);
  u.set(name, cur ? cur.add(q) : q);
}

/** Whether a quota resource name is something this kind's evaluator computes. */
export function tracks(info: Pick<ResourceInfo, 'group' | 'resource'>, name: string): boolean {
  if (name === countName(info)) return true;
  if (info.group !== '') return false;
  if (LEGACY_COUNTS.has(info.resource) && name === info.resource) return true;
  switch (info.resource) {
    case 'pods':
      return ['cpu', 'memory', 'ephemeral-storage'].includes(name) || name.startsWith('requests.') || name.startsWith('limits.') || name.startsWith('hugepages-');
    case 'services':
      return name === 'services.nodeports' || name === 'services.loadbalancers';
    case 'persistentvolumeclaims':
      return name === 'requests.storage' || name.includes(STORAGE_CLASS_SUFFIX);
    default:
      return false;
  }
}

type ResourceList = Record<string, string>;

/** A container's requests and limits as quota names (requests.cpu and cpu, limits.cpu, …). */
export function computeUsage(requests: ResourceList | undefined, limits: ResourceList | undefined): Usage {
  const u: Usage = new Map();
  for (const [k, v] of Object.entries(requests ?? {})) {
    const q = parseQuantity(v);
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') {
      addTo(u, k, q);
      addTo(u, `requests.${k}`, q);
    } else if (k.startsWith('hugepages-')) {
      addTo(u, `requests.${k}`, q);
    } else if (k.includes('/') || k.includes('.')) {
      addTo(u, `requests.${k}`, q);
    }
  }
  for (const [k, v] of Object.entries(limits ?? {})) {
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') addTo(u, `limits.${k}`, parseQuantity(v));
  }
  return u;
}

function total(pod: Pod, which: 'requests' | 'limits'): ResourceList {
  const sum = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) addTo(sum, k, parseQuantity(v));
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
      const q = parseQuantity(v);
      const cur = sum.get(k);
      if (!cur || q.cmp(cur) > 0) sum.set(k, q);
    }
  }
  for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) addTo(sum, k, parseQuantity(v));
  return Object.fromEntries([...sum].map(([k, v]) => [k, v.toString()]));
}

/** A pod counts while it is not finished and not past its deletion grace period. */
export function podCounts(pod: Pod, now = Date.now()): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = pod.metadata?.deletionTimestamp;
  if (del) {
    const grace = pod.metadata?.deletionGracePeriodSeconds ?? 0;
    if (Date.parse(del) + grace * 1000 < now) return false;
  }
  return true;
}

/** Everything an object uses, by quota resource name. */
export function usageOf(info: Pick<ResourceInfo, 'group' | 'resource'>, obj: KubeObject | undefined): Usage {
  const u: Usage = new Map();
  if (!obj) return u;
  u.set(countName(info), one());
  if (info.group !== '') return u;
  switch (info.resource) {
    case 'pods': {
      const pod = obj as Pod;
      if (!podCounts(pod)) return u;
      u.set('pods', one());
      for (const [k, v] of computeUsage(total(pod, 'requests'), total(pod, 'limits'))) addTo(u, k, v);
      return u;
    }
    case 'services': {
      u.set('services', one());
      const spec = (obj.spec ?? {}) as { type?: string; ports?: unknown[] };
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') u.set('services.nodeports', parseQuantity((spec.ports ?? []).length));
      if (spec.type === 'LoadBalancer') u.set('services.loadbalancers', one());
      return u;
    }
    case 'persistentvolumeclaims': {
      u.set('persistentvolumeclaims', one());
      const spec = (obj.spec ?? {}) as { storageClassName?: string; resources?: { requests?: ResourceList } };
      const storage = spec.resources?.requests?.storage;
      const cls = spec.storageClassName;
      if (cls) u.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, one());
      if (storage) {
        u.set('requests.storage', parseQuantity(storage));
        if (cls) u.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, parseQuantity(storage));
      }
      return u;
    }
    default:
      if (LEGACY_COUNTS.has(info.resource)) u.set(info.resource, one());
      return u;
  }
}

function isBestEffort(pod: Pod): boolean {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].every((c) =>
    !Object.keys(c.resources?.requests ?? {}).length && !Object.keys(c.resources?.limits ?? {}).length);
}

function scopeMatches(pod: Pod, scope: string, operator: string, values: string[]): boolean {
  if (scope === 'PriorityClass') {
    const name = pod.spec?.priorityClassName ?? '';
    switch (operator) {
      case 'In': return values.includes(name);
      case 'NotIn': return !values.includes(name);
      case 'Exists': return name !== '';
      case 'DoesNotExist': return name === '';
      default: return false;
    }
  }
  const terminating = pod.spec?.activeDeadlineSeconds !== undefined && pod.spec.activeDeadlineSeconds !== null && pod.spec.activeDeadlineSeconds >= 0;
  let yes: boolean;
  switch (scope) {
    case 'Terminating': yes = terminating; break;
    case 'NotTerminating': yes = !terminating; break;
    case 'BestEffort': yes = isBestEffort(pod); break;
    case 'NotBestEffort': yes = !isBestEffort(pod); break;
    default: yes = false;
  }
  return operator === 'DoesNotExist' || operator === 'NotIn' ? !yes : yes;
}

/** Whether a quota's scopes select the object (quotas with scopes only ever select pods). */
export function quotaSelects(rq: ResourceQuota, info: Pick<ResourceInfo, 'group' | 'resource'>, obj: KubeObject): boolean {
  const reqs = [
    ...(rq.spec?.scopes ?? []).map((s) => ({ scopeName: s as string, operator: 'Exists', values: [] as string[] })),
    ...(rq.spec?.scopeSelector?.matchExpressions ?? []).map((e) => ({ scopeName: e.scopeName as string, operator: e.operator as string, values: e.values ?? [] })),
  ];
  if (!reqs.length) return true;
  if (info.group !== '' || info.resource !== 'pods') return false;
  return reqs.every((r) => scopeMatches(obj as Pod, r.scopeName, r.operator, r.values));
}

/** `must specify limits.cpu for: a,b; requests.memory for: a` or undefined when every container says. */
export function missingPodResources(pod: Pod, tracked: string[]): string | undefined {
  const required = tracked.filter((r) => POD_REQUIRED_WHEN_TRACKED.includes(r));
  if (!required.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const have = computeUsage(c.resources?.requests, c.resources?.limits);
    for (const r of required) {
      if (!have.has(r)) missing.set(r, (missing.get(r) ?? new Set()).add(c.name));
    }
  }
  if (!missing.size) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...(missing.get(r) ?? [])].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** name=value pairs, sorted and comma-joined, as upstream's prettyPrint. */
export function prettyPrint(u: Usage): string {
  return [...u.keys()].sort().map((k) => `${k}=${u.get(k)?.toString()}`).join(',');
}

export function toUsage(list: Record<string, string> | undefined): Usage {
  return new Map(Object.entries(list ?? {}).map(([k, v]) => [k, parseQuantity(v)]));
}

export function fromUsage(u: Usage): Record<string, string> {
  return Object.fromEntries([...u.keys()].sort().map((k) => [k, u.get(k)?.toString() ?? '0']));
}
