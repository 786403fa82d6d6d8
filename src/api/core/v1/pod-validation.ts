// Validation of pods and pod templates (upstream ValidatePodSpec, ValidatePodTemplateSpec,
// ValidatePodCreate, ValidatePodUpdate and ValidatePodStatusUpdate), with upstream's messages.
import {
  type FieldError, type Path, duplicate, forbidden, invalid, notSupported, required, root,
} from '../../../machinery/field-errors.js';
import { validateAnnotations, validateLabels, validateObjectMeta } from '../../../machinery/object-meta.js';
import { isDNS1123Subdomain, isValidIP, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import type { ObjectMeta } from '../../meta/v1/types.js';
import type { Pod, PodSecurityContext, PodSpec, PodTemplateSpec, PodDNSConfig, PodStatus } from './pod.js';
import { DNS_POLICIES, RESTART_POLICIES } from './pod.js';
import {
  type ContainerContext, idErrors, imageWhitespace, qualifiedNameErrors, validateAppArmorProfile, validateContainers,
  validateEphemeralContainers, validateInitContainers, validateSeccompProfile,
} from './container-validation.js';
import { validateResourceRequirements } from './resource-validation.js';
import { dnsLabelErrors } from './volume-validation.js';
import { validateVolumes } from './pod-volume-validation.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './pod-scheduling-validation.js';

export interface PodSpecValidationOptions {
  /** metadata of the pod itself (not a template): used for generic ephemeral volume names */
  podMeta?: ObjectMeta;
  /** the spec belongs to a Pod rather than a template: hostNetwork ports must then match exactly */
  resourceIsPod?: boolean;
}

export interface PodTemplateValidationOptions {
  /** restart policies the owning workload allows, e.g. ['Always'] for Deployments, ['OnFailure', 'Never'] for Jobs */
  restartPolicies?: string[];
}

const MAX_INT32 = 2147483647;
const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_RE = new RegExp(`^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`);
const subdomainErrors = (v: string, p: Path): FieldError[] => isDNS1123Subdomain(v).map((m) => invalid(p, v, m));
const ipErrors = (v: string, p: Path): FieldError[] => isValidIP(v).map((m) => invalid(p, v, m));

function validatePodSecurityContext(sc: PodSecurityContext | undefined, spec: PodSpec, path: Path): FieldError[] {
  if (!sc) return [];
  const errs = [
    ...idErrors(sc.fsGroup, path.child('fsGroup')),
    ...idErrors(sc.runAsUser, path.child('runAsUser')),
    ...idErrors(sc.runAsGroup, path.child('runAsGroup')),
  ];
  (sc.supplementalGroups ?? []).forEach((g, i) => errs.push(...idErrors(g, path.child('supplementalGroups').index(i))));
  if (spec.shareProcessNamespace && spec.hostPID) {
    errs.push(invalid(path.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const seen = new Set<string>();
  (sc.sysctls ?? []).forEach((s, i) => {
    const p = path.child('sysctls').index(i);
    if (!s.name) errs.push(required(p.child('name')));
    else if (s.name.length > 253 || !SYSCTL_RE.test(s.name)) errs.push(invalid(p.child('name'), s.name, `must have at most 253 characters and match regex ${SYSCTL_RE.source}`));
    else if (seen.has(s.name)) errs.push(duplicate(p.child('name'), s.name));
    seen.add(s.name);
  });
  if (sc.fsGroupChangePolicy !== undefined && sc.fsGroupChangePolicy !== 'Always' && sc.fsGroupChangePolicy !== 'OnRootMismatch') {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, path.child('appArmorProfile')));
  if (sc.supplementalGroupsPolicy !== undefined && sc.supplementalGroupsPolicy !== 'Merge' && sc.supplementalGroupsPolicy !== 'Strict') {
    errs.push(notSupported(path.child('supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  return errs;
}

function validateDNSConfig(cfg: PodDNSConfig | undefined, policy: string | undefined, path: Path): FieldError[] {
  if (policy === 'None') {
    if (!cfg) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!cfg.nameservers?.length) return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(invalid(path.child('nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...ipErrors(n, path.child('nameservers').index(i))));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(invalid(path.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(invalid(path.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => {
    if (s === '.') return;
    // RelaxedDNSSearchValidation (on in v1.33) also accepts underscores.
    const name = s.replace(/\.$/, '');
    for (const m of isDNS1123Subdomain(name.replaceAll('_', 'a'))) errs.push(invalid(path.child('searches').index(i), name, m));
  });
  (cfg.options ?? []).forEach((o, i) => {
    if (!o.name) errs.push(required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec: the rules every pod spec obeys, in a pod or in a template. */
export function validatePodSpec(spec: PodSpec, path: Path, opts: PodSpecValidationOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    errs.push(required(path.child('terminationGracePeriodSeconds')));
  }
  const { volumes, errors } = validateVolumes(spec.volumes, opts.podMeta, path.child('volumes'));
  errs.push(...errors);
  const ctx: ContainerContext = {
    volumes,
    gracePeriod: spec.terminationGracePeriodSeconds ?? undefined,
    restartPolicy: spec.restartPolicy,
    hostUsers: spec.hostUsers !== false,
  };
  const claimNames = new Set<string>();
  (spec.resourceClaims ?? []).forEach((c, i) => {
    const p = path.child('resourceClaims').index(i);
    if (!c.name) errs.push(required(p.child('name')));
    else if (claimNames.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else {
      errs.push(...dnsLabelErrors(c.name, p.child('name')));
      claimNames.add(c.name);
    }
    if (c.resourceClaimName !== undefined && c.resourceClaimTemplateName !== undefined) {
      errs.push(invalid(p, c, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    }
    if (c.resourceClaimName === undefined && c.resourceClaimTemplateName === undefined) {
      errs.push(invalid(p, c, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    }
  });
  errs.push(...validateContainers(spec.containers, ctx, path.child('containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, path.child('initContainers')));
  errs.push(...validateEphemeralContainers(spec.ephemeralContainers, spec.containers, spec.initContainers, ctx, path.child('ephemeralContainers')));
  if (spec.hostNetwork) {
    (spec.containers ?? []).forEach((c, i) => {
      (c.ports ?? []).forEach((port, j) => {
        const hp = port.hostPort ?? 0;
        if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(invalid(path.child('containers').index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const rp = spec.restartPolicy ?? '';
  if (!rp) errs.push(required(path.child('restartPolicy')));
  else if (!(RESTART_POLICIES as readonly string[]).includes(rp)) errs.push(notSupported(path.child('restartPolicy'), rp, RESTART_POLICIES));
  const dp = spec.dnsPolicy ?? '';
  if (!dp) errs.push(required(path.child('dnsPolicy')));
  else if (!(DNS_POLICIES as readonly string[]).includes(dp)) errs.push(notSupported(path.child('dnsPolicy'), dp, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, spec, path.child('securityContext')));
  errs.push(...validateAffinity(spec.affinity, path.child('affinity')));
  errs.push(...validateDNSConfig(spec.dnsConfig, spec.dnsPolicy, path.child('dnsConfig')));
  (spec.readinessGates ?? []).forEach((g, i) => errs.push(...qualifiedNameErrors(g.conditionType, path.child('readinessGates').index(i).child('conditionType'))));
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((g, i) => {
    const p = path.child('schedulingGates').index(i);
    errs.push(...qualifiedNameErrors(g.name, p));
    if (gates.has(g.name)) errs.push(duplicate(p, g.name));
    gates.add(g.name);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, path.child('topologySpreadConstraints')));
  if (spec.hostUsers === false) {
    if (spec.hostNetwork) errs.push(forbidden(path.child('hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID) errs.push(forbidden(path.child('HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC) errs.push(forbidden(path.child('HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  for (const [field, value] of [['serviceAccountName', spec.serviceAccountName], ['nodeName', spec.nodeName], ['priorityClassName', spec.priorityClassName], ['runtimeClassName', spec.runtimeClassName]] as const) {
    if (value) for (const m of nameIsDNSSubdomain(value, false)) errs.push(invalid(path.child(field), value, m));
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(path.child('activeDeadlineSeconds'), ads, `must be between 1 and ${MAX_INT32}, inclusive`));
  }
  if (spec.hostname) errs.push(...dnsLabelErrors(spec.hostname, path.child('hostname')));
  if (spec.subdomain) errs.push(...dnsLabelErrors(spec.subdomain, path.child('subdomain')));
  errs.push(...validateTolerations(spec.tolerations, path.child('tolerations')));
  (spec.hostAliases ?? []).forEach((h, i) => {
    const p = path.child('hostAliases').index(i);
    errs.push(...ipErrors(h.ip ?? '', p.child('ip')));
    (h.hostnames ?? []).forEach((n, j) => errs.push(...subdomainErrors(n, p.child('hostnames').index(j))));
  });
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== 'PreemptLowerPriority' && spec.preemptionPolicy !== 'Never') {
    errs.push(spec.preemptionPolicy ? notSupported(path.child('preemptionPolicy'), spec.preemptionPolicy, ['PreemptLowerPriority', 'Never']) : required(path.child('preemptionPolicy')));
  }
  if (spec.overhead) errs.push(...validateResourceRequirements({ limits: spec.overhead }, path.child('overhead')));
  if (spec.os) {
    if (!spec.os.name) errs.push(required(path.child('os', 'name'), 'cannot be empty'));
    else if (spec.os.name !== 'linux' && spec.os.name !== 'windows') errs.push(notSupported(path.child('os'), spec.os.name, ['linux', 'windows']));
  }
  return errs;
}

export function validatePodSpecificAnnotations(annotations: Record<string, string> | undefined, spec: PodSpec, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mirror = annotations?.['kubernetes.io/config.mirror'];
  if (mirror !== undefined && !spec.nodeName) {
    errs.push(invalid(path.key('kubernetes.io/config.mirror'), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (cost !== undefined && !(/^[+-]?\d+$/.test(cost) && Math.abs(Number(cost)) <= 2 ** 31 && Number(cost) <= MAX_INT32)) {
    errs.push(invalid(path.key('controller.kubernetes.io/pod-deletion-cost'), cost, 'must be a 32bit integer'));
  }
  return errs;
}

/** ValidatePodTemplateSpec, plus the workload's restart-policy restriction when given. */
export function validatePodTemplateSpec(tpl: PodTemplateSpec, path: Path, opts: PodTemplateValidationOptions = {}): FieldError[] {
  const meta = tpl.metadata ?? {};
  const spec = tpl.spec ?? ({} as PodSpec);
  const errs = [
    ...validateLabels(meta.labels, path.child('labels')),
    ...validateAnnotations(meta.annotations, path.child('annotations')),
    ...validatePodSpecificAnnotations(meta.annotations, spec, path.child('annotations')),
    ...validatePodSpec(spec, path.child('spec')),
  ];
  if (spec.ephemeralContainers?.length) errs.push(forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  if (opts.restartPolicies && !opts.restartPolicies.includes(spec.restartPolicy ?? '')) {
    errs.push(notSupported(path.child('spec', 'restartPolicy'), spec.restartPolicy ?? '', opts.restartPolicies));
  }
  return errs;
}

/** validatePodMetadataAndSpec: shared by create and update. */
export function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const spec = pod.spec ?? ({} as PodSpec);
  const specPath = root('spec');
  const errs = validateObjectMeta(pod.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain });
  errs.push(...validatePodSpecificAnnotations(pod.metadata?.annotations, spec, root('metadata', 'annotations')));
  errs.push(...validatePodSpec(spec, specPath, { podMeta: pod.metadata, resourceIsPod: true }));
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v, vi) => {
      (v.projected?.sources ?? []).forEach((s, si) => {
        if (s.serviceAccountToken) {
          errs.push(forbidden(specPath.child('volumes').index(vi).child('projected', 'sources').index(si).child('serviceAccountToken'), 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  (spec.containers ?? []).forEach((c, i) => errs.push(...imageWhitespace(c, specPath.child('containers').index(i))));
  (spec.initContainers ?? []).forEach((c, i) => errs.push(...imageWhitespace(c, specPath.child('initContainers').index(i))));
  return errs;
}

export function validateStatusIPs(status: PodStatus | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const podIPs = status?.podIPs ?? [];
  podIPs.forEach((ip, i) => errs.push(...ipErrors(ip.ip, root('status', 'podIPs').index(i))));
  if (podIPs.length > 1) {
    const v4 = podIPs.filter((p) => !p.ip.includes(':')).length;
    if (podIPs.length > 2 || v4 !== 1) errs.push(invalid(root('status', 'podIPs'), podIPs, 'may specify no more than one IP for each IP family'));
    const seen = new Set<string>();
    podIPs.forEach((p, i) => {
      if (seen.has(p.ip)) errs.push(duplicate(root('status', 'podIPs').index(i), p));
      seen.add(p.ip);
    });
  }
  const hostIPs = status?.hostIPs ?? [];
  if (hostIPs.length) {
    if ((status?.hostIP ?? '') !== hostIPs[0].ip) errs.push(invalid(root('status', 'hostIPs').index(0).child('ip'), hostIPs[0].ip, 'must be equal to `hostIP`'));
    hostIPs.forEach((ip, i) => errs.push(...ipErrors(ip.ip, root('status', 'hostIPs').index(i))));
  }
  return errs;
}

/** ValidatePodCreate */
export function validatePod(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = pod.spec ?? ({} as PodSpec);
  if (spec.ephemeralContainers?.length) errs.push(forbidden(root('spec', 'ephemeralContainers'), 'cannot be set on create'));
  if (spec.nodeName && spec.schedulingGates?.length) {
    errs.push(forbidden(root('spec', 'nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  errs.push(...validateStatusIPs(pod.status));
  return errs;
}
