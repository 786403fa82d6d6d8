// API Priority and Fairness, the configuration: upstream's mandatory and suggested
// FlowSchemas (first match by precedence) map a request to a priority level and a flow
// (the user); each PriorityLevelConfiguration owns a share of the server's concurrency.
// Built in, not read from flowcontrol.apiserver.k8s.io objects.
import { createHash } from 'node:crypto';
import type { UserInfo } from '../authn.js';
import type { RequestInfo } from '../request-info.js';

export interface PriorityLevelConfig {
  name: string;
  /** exempt levels are never limited */
  exempt: boolean;
  /** nominalConcurrencyShares */
  shares: number;
  /** requests one flow may have waiting; 0 = reject at once (LimitResponse Reject) */
  queueLengthLimit: number;
}

/** Upstream's suggested priority levels (v1.33) and the two mandatory ones. */
export const PRIORITY_LEVELS: readonly PriorityLevelConfig[] = [
  { name: 'exempt', exempt: true, shares: 0, queueLengthLimit: 0 },
  { name: 'node-high', exempt: false, shares: 40, queueLengthLimit: 50 },
  { name: 'system', exempt: false, shares: 30, queueLengthLimit: 50 },
  { name: 'leader-election', exempt: false, shares: 10, queueLengthLimit: 50 },
  { name: 'workload-high', exempt: false, shares: 40, queueLengthLimit: 50 },
  { name: 'workload-low', exempt: false, shares: 100, queueLengthLimit: 50 },
  { name: 'global-default', exempt: false, shares: 20, queueLengthLimit: 50 },
  { name: 'catch-all', exempt: false, shares: 5, queueLengthLimit: 0 },
];

export interface Classification {
  flowSchema: string;
  priorityLevel: string;
  /** the flow distinguisher: requests of one flow queue together */
  flow: string;
}

interface FlowSchema {
  name: string;
  priorityLevel: string;
  matches(user: UserInfo, ri: RequestInfo): boolean;
}

const LEADER_ELECTION_VERBS = new Set(['get', 'create', 'update']);
const isLeaderElectionObject = (ri: RequestInfo): boolean =>
  ri.isResourceRequest && LEADER_ELECTION_VERBS.has(ri.verb) && (
    (ri.apiGroup === 'coordination.k8s.io' && ri.resource === 'leases') || (ri.apiGroup === '' && (ri.resource === 'endpoints' || ri.resource === 'configmaps')));
const inGroup = (u: UserInfo, g: string): boolean => u.groups.includes(g);
const HEALTH = /^\/(healthz|readyz|livez)(\/|$)/;

/** Upstream's FlowSchemas in matchingPrecedence order. */
const FLOW_SCHEMAS: readonly FlowSchema[] = [
  { name: 'exempt', priorityLevel: 'exempt', matches: (u) => inGroup(u, 'system:masters') },
  { name: 'probes', priorityLevel: 'exempt', matches: (_u, ri) => !ri.isResourceRequest && ri.verb === 'get' && HEALTH.test(ri.path) },
  {
    name: 'system-leader-election', priorityLevel: 'leader-election',
    matches: (u, ri) => (u.name === 'system:kube-controller-manager' || u.name === 'system:kube-scheduler' || u.name.startsWith('system:serviceaccount:kube-system:'))
      && ri.namespace === 'kube-system' && isLeaderElectionObject(ri),
  },
  { name: 'workload-leader-election', priorityLevel: 'leader-election', matches: (u, ri) => inGroup(u, 'system:serviceaccounts') && isLeaderElectionObject(ri) },
  {
    name: 'system-node-high', priorityLevel: 'node-high',
    matches: (u, ri) => inGroup(u, 'system:nodes') && ri.isResourceRequest
      && ((ri.apiGroup === '' && ri.resource === 'nodes') || (ri.apiGroup === 'coordination.k8s.io' && ri.resource === 'leases')),
  },
  { name: 'system-nodes', priorityLevel: 'system', matches: (u) => inGroup(u, 'system:nodes') },
  { name: 'kube-controller-manager', priorityLevel: 'workload-high', matches: (u) => u.name === 'system:kube-controller-manager' },
  { name: 'kube-scheduler', priorityLevel: 'workload-high', matches: (u) => u.name === 'system:kube-scheduler' },
  { name: 'kube-system-service-accounts', priorityLevel: 'workload-high', matches: (u) => inGroup(u, 'system:serviceaccounts:kube-system') },
  { name: 'service-accounts', priorityLevel: 'workload-low', matches: (u) => inGroup(u, 'system:serviceaccounts') },
  { name: 'global-default', priorityLevel: 'global-default', matches: (u) => inGroup(u, 'system:authenticated') || inGroup(u, 'system:unauthenticated') },
  { name: 'catch-all', priorityLevel: 'catch-all', matches: () => true },
];

const UNAUTHENTICATED: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Picks the FlowSchema, priority level and flow of a request. */
export function classify(user: UserInfo | undefined, ri: RequestInfo): Classification {
  const u = user ?? UNAUTHENTICATED;
  const fs = FLOW_SCHEMAS.find((s) => s.matches(u, ri))!;
  return { flowSchema: fs.name, priorityLevel: fs.priorityLevel, flow: u.name };
}

/** Concurrency seats per non-exempt level: ceil(serverLimit × shares / Σ shares), as upstream computes NominalCL. */
export function nominalLimits(serverLimit: number, levels: readonly PriorityLevelConfig[] = PRIORITY_LEVELS): Map<string, number> {
  const sum = levels.reduce((n, l) => n + (l.exempt ? 0 : l.shares), 0);
  return new Map(levels.filter((l) => !l.exempt).map((l) => [l.name, Math.max(1, Math.ceil((serverLimit * l.shares) / sum))]));
}

/** A stable UID for a built-in configuration object (the X-Kubernetes-PF-*-UID headers). */
export function configUID(kind: string, name: string): string {
  const key = `${kind}/${name}`;
  let uid = uids.get(key);
  if (!uid) uids.set(key, uid = computeUID(kind, name));
  return uid;
}

const uids = new Map<string, string>();

function computeUID(kind: string, name: string): string {
  const h = createHash('sha1').update(`kubets/${kind}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
