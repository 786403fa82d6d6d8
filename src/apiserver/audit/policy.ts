// The audit policy (audit.k8s.io/v1 Policy): an ordered list of rules, the first rule that
// matches a request decides its level (None, Metadata, Request, RequestResponse) and the
// stages left out. No matching rule means level None. Matching follows upstream's policy
// checker: users, userGroups, verbs, then either resources/namespaces or nonResourceURLs.
import { parse as parseYaml } from 'yaml';

export const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
export type AuditLevel = typeof LEVELS[number];
export const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] as const;
export type AuditStage = typeof STAGES[number];

export interface GroupResources {
  /** "" is the core group */
  group?: string;
  /** "pods", "pods/log", "*", "*\/status", "pods/*" */
  resources?: string[];
  resourceNames?: string[];
}

export interface PolicyRule {
  level: AuditLevel;
  users?: string[];
  userGroups?: string[];
  verbs?: string[];
  resources?: GroupResources[];
  /** "" matches non-namespaced resources */
  namespaces?: string[];
  /** exact paths or prefixes ending in "*" */
  nonResourceURLs?: string[];
  omitStages?: AuditStage[];
  omitManagedFields?: boolean;
}

export interface Policy {
  apiVersion: 'audit.k8s.io/v1';
  kind: 'Policy';
  metadata?: Record<string, unknown>;
  rules: PolicyRule[];
  omitStages?: AuditStage[];
  omitManagedFields?: boolean;
}

/** What the policy looks at in a request (the authorizer attributes). */
export interface PolicyAttributes {
  user?: { name: string; groups: string[] };
  verb: string;
  isResourceRequest: boolean;
  path: string;
  apiGroup: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

export interface RequestAuditConfig {
  level: AuditLevel;
  omitStages: AuditStage[];
  omitManagedFields: boolean;
}

export class PolicyError extends Error {}

function stringList(v: unknown, field: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new PolicyError(`${field}: must be a list of strings`);
  return v as string[];
}

function stageList(v: unknown, field: string): AuditStage[] | undefined {
  const list = stringList(v, field);
  list?.forEach((s, i) => {
    if (!(STAGES as readonly string[]).includes(s)) {
      throw new PolicyError(`${field}[${i}]: Unsupported value: "${s}": supported values: ${STAGES.map((x) => `"${x}"`).join(', ')}`);
    }
  });
  return list as AuditStage[] | undefined;
}

function checkRule(raw: unknown, i: number): PolicyRule {
  const f = `rules[${i}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new PolicyError(`${f}: must be an object`);
  const r = raw as Record<string, unknown>;
  if (!(LEVELS as readonly unknown[]).includes(r.level)) {
    throw new PolicyError(`${f}.level: ${r.level === undefined ? 'Required value' : `Unsupported value: "${String(r.level)}"`}: supported values: ${LEVELS.map((x) => `"${x}"`).join(', ')}`);
  }
  const rule: PolicyRule = { level: r.level as AuditLevel };
  const users = stringList(r.users, `${f}.users`);
  const userGroups = stringList(r.userGroups, `${f}.userGroups`);
  const verbs = stringList(r.verbs, `${f}.verbs`);
  const namespaces = stringList(r.namespaces, `${f}.namespaces`);
  const nonResourceURLs = stringList(r.nonResourceURLs, `${f}.nonResourceURLs`);
  const omitStages = stageList(r.omitStages, `${f}.omitStages`);
  if (users) rule.users = users;
  if (userGroups) rule.userGroups = userGroups;
  if (verbs) rule.verbs = verbs;
  if (namespaces) rule.namespaces = namespaces;
  if (nonResourceURLs) rule.nonResourceURLs = nonResourceURLs;
  if (omitStages) rule.omitStages = omitStages;
  if (typeof r.omitManagedFields === 'boolean') rule.omitManagedFields = r.omitManagedFields;
  if (r.resources !== undefined && r.resources !== null) {
    if (!Array.isArray(r.resources)) throw new PolicyError(`${f}.resources: must be a list`);
    rule.resources = r.resources.map((g: unknown, j: number) => {
      const gr = (g ?? {}) as Record<string, unknown>;
      const out: GroupResources = { group: typeof gr.group === 'string' ? gr.group : '' };
      const res = stringList(gr.resources, `${f}.resources[${j}].resources`);
      const names = stringList(gr.resourceNames, `${f}.resources[${j}].resourceNames`);
      if (res) out.resources = res;
      if (names) out.resourceNames = names;
      return out;
    });
  }
  if (rule.nonResourceURLs?.length && (rule.resources?.length || rule.namespaces?.length)) {
    throw new PolicyError(`${f}.nonResourceURLs: Invalid value: rules cannot apply to both regular resources and non-resource URLs`);
  }
  return rule;
}

/** Parses and checks a policy file (YAML or JSON). */
export function parsePolicy(text: string): Policy {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new PolicyError(`cannot parse the audit policy: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!doc || typeof doc !== 'object') throw new PolicyError('the audit policy is empty');
  const d = doc as Record<string, unknown>;
  if (d.apiVersion !== 'audit.k8s.io/v1' || d.kind !== 'Policy') {
    throw new PolicyError(`the audit policy must be apiVersion audit.k8s.io/v1, kind Policy (got ${String(d.apiVersion)}, ${String(d.kind)})`);
  }
  if (!Array.isArray(d.rules)) throw new PolicyError('rules: Required value: the policy needs a list of rules');
  const policy: Policy = { apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: d.rules.map(checkRule) };
  const omit = stageList(d.omitStages, 'omitStages');
  if (omit) policy.omitStages = omit;
  if (typeof d.omitManagedFields === 'boolean') policy.omitManagedFields = d.omitManagedFields;
  return policy;
}

function pathMatches(path: string, spec: string): boolean {
  if (spec === '*' || spec === path) return true;
  return spec.endsWith('*') && path.startsWith(spec.replace(/\*+$/, ''));
}

function resourceMatches(rule: PolicyRule, a: PolicyAttributes): boolean {
  if (!a.isResourceRequest) return false;
  if (rule.namespaces?.length && !rule.namespaces.includes(a.namespace)) return false;
  if (!rule.resources?.length) return true;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  for (const gr of rule.resources) {
    if ((gr.group ?? '') !== a.apiGroup) continue;
    if (!gr.resources?.length) return true;
    if (gr.resourceNames?.length && !gr.resourceNames.includes(a.name)) continue;
    for (const res of gr.resources) {
      if (res === combined || res === '*') return true;
      if (a.subresource && res.startsWith('*/') && res.slice(2) === a.subresource) return true;
      if (res.endsWith('/*') && res.slice(0, -2) === a.resource) return true;
    }
  }
  return false;
}

/** True when the rule applies to the request (upstream's ruleMatches). */
export function ruleMatches(rule: PolicyRule, a: PolicyAttributes): boolean {
  if (rule.users?.length && (!a.user || !rule.users.includes(a.user.name))) return false;
  if (rule.userGroups?.length && (!a.user || !a.user.groups.some((g) => rule.userGroups!.includes(g)))) return false;
  if (rule.verbs?.length && !rule.verbs.includes(a.verb)) return false;
  if (rule.namespaces?.length || rule.resources?.length) return resourceMatches(rule, a);
  if (rule.nonResourceURLs?.length) return !a.isResourceRequest && rule.nonResourceURLs.some((s) => pathMatches(a.path, s));
  return true;
}

/** The level and omitted stages for a request: the first matching rule, else None. */
export function evaluatePolicy(policy: Policy, a: PolicyAttributes): RequestAuditConfig {
  for (const rule of policy.rules) {
    if (!ruleMatches(rule, a)) continue;
    return {
      level: rule.level,
      omitStages: [...new Set([...(policy.omitStages ?? []), ...(rule.omitStages ?? [])])],
      omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields ?? false,
    };
  }
  return { level: 'None', omitStages: [], omitManagedFields: false };
}

/** The level order: None < Metadata < Request < RequestResponse. */
export function levelAtLeast(level: AuditLevel, min: AuditLevel): boolean {
  return LEVELS.indexOf(level) >= LEVELS.indexOf(min);
}
