// PodSecurity: a namespace's pod-security.kubernetes.io/enforce|warn|audit labels (with
// optional -version) pick a Pod Security Standards level; pods that break the enforce level
// are refused, the warn level turns into Warning headers, and workload templates
// (Deployment, Job, …) only ever get warnings. Nothing is exempt by default, as upstream.
import type { Pod } from '../../api/core/v1/pod.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { ForbiddenError, InvalidError } from '../../machinery/errors.js';
import { invalid, root, type FieldError } from '../../machinery/field-errors.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../chain.js';
import { evaluatePod, formatViolations, type Level } from './pod-security-checks.js';
import { cachedGet, infoFor, listAll, type AdmissionDeps } from './util.js';

const PREFIX = 'pod-security.kubernetes.io/';
const LEVELS: Level[] = ['privileged', 'baseline', 'restricted'];
/** How many offending pods a namespace label change lists in its warnings (upstream caps them too). */
const MAX_POD_WARNINGS = 10;

export interface LevelVersion {
  level: Level;
  version: string;
}

export interface NamespacePolicy {
  enforce: LevelVersion;
  warn: LevelVersion;
  audit: LevelVersion;
}

export const levelString = (lv: LevelVersion): string => `${lv.level}:${lv.version}`;

/** The policy a namespace's labels ask for; bad values are reported and fall back to restricted. */
export function policyOf(labels: Record<string, string> | undefined): { policy: NamespacePolicy; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const path = root('metadata', 'labels');
  const one = (mode: 'enforce' | 'warn' | 'audit'): LevelVersion => {
    const lk = `${PREFIX}${mode}`;
    const vk = `${lk}-version`;
    let level: Level = 'privileged';
    let version = 'latest';
    const lv = labels?.[lk];
    if (lv !== undefined) {
      if ((LEVELS as string[]).includes(lv)) level = lv as Level;
      else {
        errs.push(invalid(path.key(lk), lv, 'must be one of privileged, baseline, restricted'));
        level = 'restricted';
      }
    }
    const vv = labels?.[vk];
    if (vv !== undefined) {
      if (vv === 'latest' || /^v1\.(0|[1-9]\d*)$/.test(vv)) version = vv;
      else errs.push(invalid(path.key(vk), vv, 'must be "latest" or "v1.x"'));
    }
    return { level, version };
  };
  return { policy: { enforce: one('enforce'), warn: one('warn'), audit: one('audit') }, errs };
}

/** Where each workload kind keeps its pod template. */
function templateOf(a: AdmissionAttributes): { metadata?: Pod['metadata']; spec?: Pod['spec'] } | undefined {
  const o = a.object as Record<string, unknown> | undefined;
  if (!o) return undefined;
  type T = { metadata?: Pod['metadata']; spec?: Pod['spec'] };
  const gr = `${a.info.group}/${a.info.resource}`;
  switch (gr) {
    case '/podtemplates': return o.template as T | undefined;
    case '/replicationcontrollers':
    case 'apps/deployments':
    case 'apps/replicasets':
    case 'apps/statefulsets':
    case 'apps/daemonsets':
    case 'batch/jobs':
      return (o.spec as { template?: T } | undefined)?.template;
    case 'batch/cronjobs':
      return (o.spec as { jobTemplate?: { spec?: { template?: T } } } | undefined)?.jobTemplate?.spec?.template;
    default: return undefined;
  }
}

/** Pod updates only matter when they could change what runs: new images or ephemeral containers. */
function significantPodUpdate(pod: Pod, old: Pod): boolean {
  const images = (p: Pod): string => JSON.stringify([
    (p.spec?.initContainers ?? []).map((c) => c.image), (p.spec?.containers ?? []).map((c) => c.image),
    p.spec?.ephemeralContainers ?? [],
  ]);
  return images(pod) !== images(old);
}

export function podSecurity({ registry, scheme }: AdmissionDeps): AdmissionPlugin {
  const nsInfo = infoFor(scheme, '', 'v1', 'namespaces');
  const podInfo = infoFor(scheme, '', 'v1', 'pods');

  async function policyFor(ns: string): Promise<NamespacePolicy | undefined> {
    const obj = await cachedGet<KubeObject>(registry, nsInfo, '', ns);
    return obj ? policyOf(obj.metadata?.labels).policy : undefined;
  }

  async function validateNamespace(a: AdmissionAttributes): Promise<void> {
    if (a.subresource || !a.object || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
    const { policy, errs } = policyOf(a.object.metadata?.labels);
    if (errs.length) throw new InvalidError('', 'Namespace', a.object.metadata?.name ?? a.name, errs);
    if (a.operation !== 'UPDATE' || policy.enforce.level === 'privileged') return;
    const before = policyOf(a.oldObject?.metadata?.labels).policy;
    if (levelString(before.enforce) === levelString(policy.enforce)) return;
    const pods = await listAll<Pod>(registry, podInfo, a.name);
    const bad: string[] = [];
    for (const p of pods) {
      const vs = evaluatePod(policy.enforce.level, p.metadata, p.spec, policy.enforce.version);
      if (vs.length) bad.push(`${p.metadata?.name}: ${vs.map((v) => v.reason).join(', ')}`);
    }
    if (!bad.length) return;
    a.warnings.push(`existing pods in namespace "${a.name}" violate the new PodSecurity enforce level "${levelString(policy.enforce)}"`);
    a.warnings.push(...bad.slice(0, MAX_POD_WARNINGS));
    if (bad.length > MAX_POD_WARNINGS) a.warnings.push(`(and ${bad.length - MAX_POD_WARNINGS} other pods)`);
  }

  async function validatePod(a: AdmissionAttributes): Promise<void> {
    if (!a.object || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
    if (a.subresource && a.subresource !== 'ephemeralcontainers') return;
    const pod = a.object as Pod;
    if (a.operation === 'UPDATE' && a.oldObject && !significantPodUpdate(pod, a.oldObject as Pod)) return;
    const policy = await policyFor(a.namespace);
    if (!policy) return;
    const enforce = evaluatePod(policy.enforce.level, pod.metadata, pod.spec, policy.enforce.version);
    if (enforce.length) {
      throw new ForbiddenError({ group: '', resource: 'pods' }, a.name || pod.metadata?.name || '',
        `violates PodSecurity "${levelString(policy.enforce)}": ${formatViolations(enforce)}`);
    }
    if (levelString(policy.warn) === levelString(policy.enforce)) return;
    const warn = evaluatePod(policy.warn.level, pod.metadata, pod.spec, policy.warn.version);
    if (warn.length) a.warnings.push(`would violate PodSecurity "${levelString(policy.warn)}": ${formatViolations(warn)}`);
  }

  async function validateTemplate(a: AdmissionAttributes): Promise<void> {
    if (a.subresource || (a.operation !== 'CREATE' && a.operation !== 'UPDATE')) return;
    const tpl = templateOf(a);
    if (!tpl) return;
    if (a.operation === 'UPDATE' && a.oldObject) {
      const before = templateOf({ ...a, object: a.oldObject });
      if (JSON.stringify(before) === JSON.stringify(tpl)) return;
    }
    const policy = await policyFor(a.namespace);
    if (!policy) return;
    const seen = new Set<string>();
    for (const lv of [policy.enforce, policy.warn]) {
      const key = levelString(lv);
      if (seen.has(key)) continue;
      seen.add(key);
      const vs = evaluatePod(lv.level, tpl.metadata, tpl.spec, lv.version);
      if (vs.length) a.warnings.push(`would violate PodSecurity "${key}": ${formatViolations(vs)}`);
    }
  }

  return {
    name: 'PodSecurity',
    async validate(a) {
      if (a.info.group === '' && a.info.resource === 'namespaces') return validateNamespace(a);
      if (a.info.group === '' && a.info.resource === 'pods') return validatePod(a);
      if (a.info.namespaced) return validateTemplate(a);
    },
  };
}
