// Validation of a pod's scheduling constraints: node and pod (anti-)affinity, label
// selectors inside them, tolerations and topology spread constraints.
import {
  type FieldError, type Path, duplicate, forbidden, invalid, notSupported, required,
} from '../../../machinery/field-errors.js';
import { isDNS1123Label, isValidLabelValue, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';
import { qualifiedNameErrors } from './container-validation.js';
import type {
  Affinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm, PreferredSchedulingTerm,
  Toleration, TopologySpreadConstraint, WeightedPodAffinityTerm,
} from './pod-scheduling.js';
import { TAINT_EFFECTS } from './pod-scheduling.js';


export function validateNodeSelectorRequirement(r: NodeSelectorRequirement, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const n = r.values?.length ?? 0;
  switch (r.operator) {
    case 'In': case 'NotIn':
      if (n === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (n > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt': case 'Lt':
      if (n !== 1) errs.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(path.child('operator'), r.operator, 'not a valid selector operator'));
  }
  errs.push(...qualifiedNameErrors(r.key, path.child('key')));
  (r.values ?? []).forEach((v, i) => {
    for (const m of isValidLabelValue(v)) errs.push(invalid(path.child('values').index(i), v, m));
  });
  return errs;
}

function validateNodeFieldSelectorRequirement(r: NodeSelectorRequirement, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (r.operator === 'In' || r.operator === 'NotIn') {
    if ((r.values?.length ?? 0) !== 1) errs.push(required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(invalid(path.child('operator'), r.operator, 'not a valid selector operator'));
  }
  if (r.key !== 'metadata.name') errs.push(invalid(path.child('key'), r.key, 'not a valid field selector key'));
  else {
    (r.values ?? []).forEach((v, i) => {
      for (const m of nameIsDNSSubdomain(v, false)) errs.push(invalid(path.child('values').index(i), v, m));
    });
  }
  return errs;
}

export function validateNodeSelectorTerm(term: NodeSelectorTerm, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, path.child('matchExpressions').index(j))));
  (term.matchFields ?? []).forEach((r, j) => errs.push(...validateNodeFieldSelectorRequirement(r, path.child('matchFields').index(j))));
  return errs;
}

/** ValidateNodeSelector (also used by PersistentVolume node affinity). */
export function validateNodeSelector(sel: NodeSelector, path: Path): FieldError[] {
  const termPath = path.child('nodeSelectorTerms');
  if (!sel.nodeSelectorTerms?.length) return [required(termPath, 'must have at least one node selector term')];
  return sel.nodeSelectorTerms.flatMap((t, i) => validateNodeSelectorTerm(t, termPath.index(i)));
}

function validatePreferredSchedulingTerms(terms: PreferredSchedulingTerm[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (terms ?? []).forEach((t, i) => {
    if (t.weight <= 0 || t.weight > 100) errs.push(invalid(path.index(i).child('weight'), t.weight, 'must be in the range 1-100'));
    errs.push(...validateNodeSelectorTerm(t.preference ?? {}, path.index(i).child('preference')));
  });
  return errs;
}

function validatePodAffinityTerm(t: PodAffinityTerm, path: Path): FieldError[] {
  const errs = validateLabelSelector(t.labelSelector, path.child('labelSelector'));
  errs.push(...validateLabelSelector(t.namespaceSelector, path.child('namespaceSelector')));
  for (const ns of t.namespaces ?? []) for (const m of isDNS1123Label(ns)) errs.push(invalid(path.child('namespace'), ns, m));
  if (!t.topologyKey) errs.push(required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...qualifiedNameErrors(t.topologyKey ?? '', path.child('topologyKey')));
  return errs;
}

function validatePodAffinityTerms(required_: PodAffinityTerm[] | undefined, preferred: WeightedPodAffinityTerm[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (required_ ?? []).forEach((t, i) => errs.push(...validatePodAffinityTerm(t, path.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))));
  (preferred ?? []).forEach((w, i) => {
    const p = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    if (w.weight <= 0 || w.weight > 100) errs.push(invalid(p.child('weight'), w.weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(w.podAffinityTerm ?? { topologyKey: '' }, p.child('podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(a: Affinity | undefined, path: Path): FieldError[] {
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = a.nodeAffinity;
  if (na) {
    const p = path.child('nodeAffinity');
    if (na.requiredDuringSchedulingIgnoredDuringExecution) {
      errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, p.child('requiredDuringSchedulingIgnoredDuringExecution')));
    }
    errs.push(...validatePreferredSchedulingTerms(na.preferredDuringSchedulingIgnoredDuringExecution, p.child('preferredDuringSchedulingIgnoredDuringExecution')));
  }
  if (a.podAffinity) {
    errs.push(...validatePodAffinityTerms(a.podAffinity.requiredDuringSchedulingIgnoredDuringExecution, a.podAffinity.preferredDuringSchedulingIgnoredDuringExecution, path.child('podAffinity')));
  }
  if (a.podAntiAffinity) {
    errs.push(...validatePodAffinityTerms(a.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution, a.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution, path.child('podAntiAffinity')));
  }
  return errs;
}

/** ValidateTolerations */
export function validateTolerations(tolerations: Toleration[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = path.index(i);
    if (t.key) errs.push(...qualifiedNameErrors(t.key, p.child('key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(invalid(p.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      errs.push(invalid(p.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (t.operator ?? '') {
      case 'Equal': case '': {
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(invalid(p.child('operator'), t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(invalid(p.child('operator'), t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(p.child('operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !(TAINT_EFFECTS as readonly string[]).includes(t.effect)) errs.push(notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
  });
  return errs;
}

export function validateTopologySpreadConstraints(constraints: TopologySpreadConstraint[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const p = path.index(i);
    if (!(c.maxSkew > 0)) errs.push(invalid(p.child('maxSkew'), c.maxSkew, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(invalid(p.child('minDomains'), c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
      }
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[f];
      if (v !== undefined && v !== 'Honor' && v !== 'Ignore') errs.push(notSupported(p.child(f), v, ['Honor', 'Ignore']));
    }
    errs.push(...validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  });
  return errs;
}
