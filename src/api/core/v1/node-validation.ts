// Node validation (ValidateNode, ValidateNodeUpdate) with upstream's messages and paths.
import {
  type FieldError, type Path, duplicate, forbidden, invalid, notSupported, required, root,
} from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import {
  isConfigMapKey, isDNS1123Label, isIPv4, isQualifiedName, isValidLabelValue, nameIsDNSSubdomain,
} from '../../../machinery/validation.js';
import { Quantity } from '../../../machinery/quantity.js';
import { TAINT_EFFECTS } from './pod-scheduling.js';
import { quantityOrError, validateResourceQuantityValue } from './resource-validation.js';
import { validateCIDR } from './service-validation.js';
import { deepEqual } from '../../../machinery/equality.js';
import type { Node, NodeConfigSource, Taint } from './node.js';

const META_OPTS = { namespaced: false, nameValidator: nameIsDNSSubdomain };

/** validateTaintEffect (an empty effect is not allowed on nodes). */
export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, path: Path): FieldError[] {
  if (!allowEmpty && !effect) return [required(path, '')];
  if (!effect || (TAINT_EFFECTS as readonly string[]).includes(effect)) return [];
  return [notSupported(path, effect, TAINT_EFFECTS)];
}

/** validateNodeTaints: key and value syntax, effect, unique by key and effect. */
export function validateNodeTaints(taints: readonly Taint[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    const p = path.index(i);
    for (const m of isQualifiedName(t.key ?? '')) errs.push(invalid(p.child('key'), t.key ?? '', m));
    const valueErrs = isValidLabelValue(t.value ?? '');
    if (valueErrs.length) errs.push(invalid(p.child('value'), t.value ?? '', valueErrs.join(';')));
    errs.push(...validateTaintEffect(t.effect, false, p.child('effect')));
    const key = `${t.effect ?? ''}\u0000${t.key ?? ''}`;
    if (seen.has(key)) {
      errs.push({ ...duplicate(p, t), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(key);
  });
  return errs;
}

function validateNodeResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['capacity', 'allocatable'] as const) {
    for (const [name, value] of Object.entries(node.status?.[field] ?? {})) {
      const p = root('status', field, name);
      const q = quantityOrError(value, p);
      if (q instanceof Quantity) errs.push(...validateResourceQuantityValue(name, q, p));
      else errs.push(q);
    }
  }
  return errs;
}

function validateConfigMapSource(src: NonNullable<NodeConfigSource['configMap']>, path: Path, inStatus: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (inStatus) {
    if (!src.uid) errs.push(required(path.child('uid'), 'uid must be set in status'));
    if (!src.resourceVersion) errs.push(required(path.child('resourceVersion'), 'resourceVersion must be set in status'));
  } else {
    if (src.uid) errs.push(forbidden(path.child('uid'), 'uid must not be set in spec'));
    if (src.resourceVersion) errs.push(forbidden(path.child('resourceVersion'), 'resourceVersion must not be set in spec'));
  }
  if (!src.namespace) errs.push(required(path.child('namespace'), 'namespace must be set'));
  else for (const m of isDNS1123Label(src.namespace)) errs.push(invalid(path.child('namespace'), src.namespace, m));
  if (!src.name) errs.push(required(path.child('name'), 'name must be set'));
  else for (const m of nameIsDNSSubdomain(src.name, false)) errs.push(invalid(path.child('name'), src.name, m));
  if (!src.kubeletConfigKey) errs.push(required(path.child('kubeletConfigKey'), 'kubeletConfigKey must be set'));
  else for (const m of isConfigMapKey(src.kubeletConfigKey)) errs.push(invalid(path.child('kubeletConfigKey'), src.kubeletConfigKey, m));
  return errs;
}

function validateConfigSource(src: NodeConfigSource, path: Path, inStatus: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (src.configMap) errs.push(...validateConfigMapSource(src.configMap, path.child('configMap'), inStatus));
  else errs.push(invalid(path, src, 'exactly one reference subfield must be non-nil'));
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, META_OPTS);
  // upstream reports taint problems under metadata.taints
  if ((node.spec?.taints ?? []).length) errs.push(...validateNodeTaints(node.spec?.taints ?? [], root('metadata', 'taints')));
  errs.push(...validateNodeResources(node));
  const cidrs = node.spec?.podCIDRs ?? [];
  if (cidrs.length) {
    const path = root('spec', 'podCIDRs');
    cidrs.forEach((c, i) => errs.push(...validateCIDR(c, path.index(i))));
    if (cidrs.length > 1) {
      const dual = cidrs.length === 2 && isIPv4(cidrs[0].split('/')[0]) !== isIPv4(cidrs[1].split('/')[0]);
      if (!dual) errs.push(invalid(path, cidrs, 'may specify no more than one CIDR for each IP family'));
      const seen = new Set<string>();
      cidrs.forEach((c, i) => {
        if (seen.has(c)) errs.push(duplicate(path.index(i), c));
        seen.add(c);
      });
    }
  }
  return errs;
}

export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata, META_OPTS);
  errs.push(...validateNodeResources(node));
  const addrs = node.status?.addresses ?? [];
  addrs.forEach((a, i) => {
    if (addrs.slice(0, i).some((b) => b.type === a.type && b.address === a.address)) {
      errs.push(duplicate(root('status', 'addresses').index(i), a));
    }
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  const cidrMessage = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden(root('spec', 'podCIDRs'), cidrMessage));
    else oldCIDRs.forEach((c, i) => {
      if (c !== newCIDRs[i]) errs.push(forbidden(root('spec', 'podCIDRs'), cidrMessage));
    });
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(forbidden(root('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if (node.spec?.configSource) errs.push(...validateConfigSource(node.spec.configSource, root('spec', 'configSource'), false));
  const cfg = node.status?.config;
  if (cfg) {
    for (const k of ['assigned', 'active', 'lastKnownGood'] as const) {
      const src = cfg[k];
      if (src) errs.push(...validateConfigSource(src, root('status', 'config', k), true));
    }
  }
  if ((node.spec?.taints ?? []).length) errs.push(...validateNodeTaints(node.spec?.taints ?? [], root('metadata', 'taints')));
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(forbidden(root('spec', 'externalID'), 'may not be updated'));
  return errs;
}

/** True when only the fields a kubelet reports changed (useful for callers deciding on events). */
export function nodeSpecChanged(node: Node, old: Node): boolean {
  return !deepEqual(node.spec ?? {}, old.spec ?? {});
}
