// Validation of pod updates (upstream ValidatePodUpdate, ValidatePodStatusUpdate and
// ValidatePodEphemeralContainersUpdate): a pod's spec is immutable except for container
// images, activeDeadlineSeconds (only shortened), added tolerations, removed scheduling
// gates and a negative grace period corrected to 1.
import {
  type FieldError, type Path, forbidden, invalid, required, root,
} from '../../../machinery/field-errors.js';
import { validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import type { Container, Pod, PodSpec, Toleration } from './pod.js';
import { validateTolerations } from './pod-scheduling-validation.js';
import { validatePodMetadataAndSpec, validatePodSpecificAnnotations, validateStatusIPs } from './pod-validation.js';

const MAX_INT32 = 2147483647;
const MIRROR = 'kubernetes.io/config.mirror';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Go's reflect-style equality of JSON data, where an absent list or map equals an empty one. */
export function specEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => specEqual(v, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) if (!specEqual(ao[k], bo[k])) return false;
  return true;
}

const GO_NAMES: Record<string, string> = {
  dnsPolicy: 'DNSPolicy', dnsConfig: 'DNSConfig', hostPID: 'HostPID', hostIPC: 'HostIPC', os: 'OS',
  setHostnameAsFQDN: 'SetHostnameAsFQDN', serviceAccount: 'DeprecatedServiceAccount',
};
const goName = (k: string): string => GO_NAMES[k] ?? k.charAt(0).toUpperCase() + k.slice(1);

/** A short diff of two specs in the spirit of go-cmp's output, one changed top-level field per pair of lines. */
export function specDiff(oldSpec: Record<string, unknown>, newSpec: Record<string, unknown>, typeName = 'core.PodSpec'): string {
  const lines = [`  ${typeName}{`];
  for (const k of new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])) {
    if (specEqual(oldSpec[k], newSpec[k])) continue;
    if (oldSpec[k] !== undefined) lines.push(`- \t${goName(k)}: ${JSON.stringify(oldSpec[k])},`);
    if (newSpec[k] !== undefined) lines.push(`+ \t${goName(k)}: ${JSON.stringify(newSpec[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

function validateAnnotationUpdates(pod: Pod, old: Pod, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const now = pod.metadata?.annotations ?? {};
  const before = old.metadata?.annotations ?? {};
  for (const [k, v] of Object.entries(before)) {
    if (k in now && now[k] === v) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(forbidden(path.key(k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR) errs.push(forbidden(path.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(now)) {
    if (k in before) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(forbidden(path.key(k), 'may not add AppArmor annotations'));
    if (k === MIRROR) errs.push(forbidden(path.key(k), 'may not add mirror pod annotation'));
  }
  errs.push(...validatePodSpecificAnnotations(now, pod.spec ?? ({} as PodSpec), path));
  return errs;
}

function validateContainerUpdates(now: Container[] | undefined, before: Container[] | undefined, path: Path): { errs: FieldError[]; stop: boolean } {
  if ((now?.length ?? 0) !== (before?.length ?? 0)) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  (now ?? []).forEach((c, i) => {
    if (!c.image) errs.push(required(path.index(i).child('image')));
    const image = c.image ?? '';
    if (image.trim().length !== image.length) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(now: Toleration[] | undefined, before: Toleration[] | undefined, path: Path): FieldError[] {
  for (const o of before ?? []) {
    const found = (now ?? []).some((n) => specEqual({ ...o, tolerationSeconds: n.tolerationSeconds }, n));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(now, path);
}

/** ValidatePodUpdate */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain });
  errs.push(...validatePodMetadataAndSpec(pod).filter((e) => !e.field.startsWith('metadata.') || !errs.some((x) => x.field === e.field && x.detail === e.detail)));
  errs.push(...validateAnnotationUpdates(pod, old, root('metadata', 'annotations')));
  const spec = pod.spec ?? ({} as PodSpec);
  const oldSpec = old.spec ?? ({} as PodSpec);
  const specPath = root('spec');
  for (const kind of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(spec[kind], oldSpec[kind], specPath.child(kind));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), ads, `must be between 0 and ${MAX_INT32}, inclusive`));
      return errs;
    }
    if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds !== null && oldSpec.activeDeadlineSeconds < ads) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds !== undefined && oldSpec.activeDeadlineSeconds !== null) {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, specPath.child('tolerations')));
  if (spec.schedulingGates?.length) {
    const oldGates = new Set((oldSpec.schedulingGates ?? []).map((g) => g.name));
    spec.schedulingGates.forEach((g, i) => {
      if (!oldGates.has(g.name)) {
        errs.push(forbidden(specPath.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
      }
    });
  }
  if (specEqual(spec, oldSpec)) return errs;

  const munged: PodSpec = structuredClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers[i].image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i]?.image }));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if ((oldSpec.schedulingGates?.length ?? 0) > 0) {
    // Gated pods may gain node selector entries and narrow their node affinity.
    const added = Object.entries(munged.nodeSelector ?? {}).filter(([k]) => !(k in (oldSpec.nodeSelector ?? {})));
    if (Object.entries(oldSpec.nodeSelector ?? {}).every(([k, v]) => munged.nodeSelector?.[k] === v) && added.length) {
      munged.nodeSelector = oldSpec.nodeSelector;
    }
  }
  if (!specEqual(munged, oldSpec)) {
    errs.push(forbidden(specPath, 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n'
      + specDiff(oldSpec as Record<string, unknown>, munged as Record<string, unknown>)));
  }
  return errs;
}

/** ValidatePodStatusUpdate: metadata rules, no direct nodeName change, valid nominated node and IPs. */
export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain });
  errs.push(...validateAnnotationUpdates(pod, old, root('metadata', 'annotations')));
  if ((pod.spec?.nodeName ?? '') !== (old.spec?.nodeName ?? '')) errs.push(forbidden(root('status', 'nodeName'), 'may not be changed directly'));
  const nominated = pod.status?.nominatedNodeName ?? '';
  if (nominated && nominated !== (old.status?.nominatedNodeName ?? '')) {
    for (const m of nameIsDNSSubdomain(nominated, false)) errs.push(invalid(root('status', 'nominatedNodeName'), nominated, m));
  }
  errs.push(...validateStatusIPs(pod.status));
  return errs;
}

/** ValidatePodEphemeralContainersUpdate: existing ephemeral containers may be neither removed nor changed. */
export function validatePodEphemeralContainersUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain });
  errs.push(...validatePodMetadataAndSpec(pod));
  errs.push(...validateAnnotationUpdates(pod, old, root('metadata', 'annotations')));
  if (old.metadata?.annotations?.[MIRROR] !== undefined) return [forbidden('', 'static pods do not support ephemeral containers')];
  const path = root('spec', 'ephemeralContainers');
  const byName = new Map((pod.spec?.ephemeralContainers ?? []).map((c) => [c.name, c]));
  for (const o of old.spec?.ephemeralContainers ?? []) {
    const n = byName.get(o.name);
    if (!n) errs.push(forbidden(path, `existing ephemeral containers "${o.name}" may not be removed\n`));
    else if (!specEqual(o, n)) {
      errs.push(forbidden(path, `existing ephemeral containers "${o.name}" may not be changed\n${specDiff(o as Record<string, unknown>, n as Record<string, unknown>, 'core.EphemeralContainer')}`));
    }
  }
  return errs;
}
