// Validation of DaemonSets, StatefulSets and ControllerRevisions (pkg/apis/apps/validation),
// with upstream's messages and field paths.
import { type FieldError, type Path, forbidden, invalid, notSupported, required, root } from '../../../machinery/field-errors.js';
import { validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { IMMUTABLE, nameIsDNSLabel, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import type { DaemonSet, DaemonSetUpdateStrategy } from './daemon-set.js';
import type { StatefulSet, StatefulSetSpec, RollingUpdateStatefulSetStrategy } from './stateful-set.js';
import type { ControllerRevision } from './controller-revision.js';
import { validatePodTemplateSpec, type PodTemplateSpec } from './pod-template.js';
import { validatePodSpecificAnnotations } from '../../core/v1/pod-validation.js';
import { goIntOrString, goLabelSelector, goQuote, invalidGo, notSupportedGo } from './go-format.js';
import {
  asSelector, immutableSelector, intOrPercentValue, nonNegative, notMoreThan100Percent, templateLabelsMatch,
  validateControllerSelector, validatePositiveIntOrPercent,
} from './workload-validation.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';
import { semanticDeepEqual } from '../../../machinery/equality.js';

const DS_META = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const STS_META = { namespaced: true, nameValidator: nameIsDNSLabel };

function validateDaemonSetUpdateStrategy(s: DaemonSetUpdateStrategy | undefined, path: Path): FieldError[] {
  const type = s?.type ?? '';
  if (type === 'OnDelete') return [];
  if (type === 'RollingUpdate') {
    const ru = s?.rollingUpdate;
    if (!ru) return [required(path.child('rollingUpdate'), '')];
    const p = path.child('rollingUpdate');
    const errs = [
      ...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')),
      ...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')),
      ...notMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')),
      ...notMoreThan100Percent(ru.maxSurge, p.child('maxSurge')),
    ];
    const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
    const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
    if (hasUnavailable && hasSurge) {
      errs.push(invalidGo(p.child('maxSurge'), ru.maxSurge, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
    } else if (!hasUnavailable && !hasSurge) {
      errs.push(required(p.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
    }
    return errs;
  }
  const text = `apps.DaemonSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`;
  return [notSupportedGo(path, s, text, ['RollingUpdate', 'OnDelete'])];
}

function validateDaemonSetSpec(ds: DaemonSet): FieldError[] {
  const spec = ds.spec ?? ({} as NonNullable<DaemonSet['spec']>);
  const p = root('spec');
  const template = (spec.template ?? {}) as PodTemplateSpec;
  const errs = validateLabelSelector(spec.selector, p.child('selector'));
  const sel = asSelector(spec.selector);
  if (sel && !sel.matches(template.metadata?.labels ?? {})) {
    errs.push(...templateLabelsMatch(sel, template.metadata?.labels, p.child('template', 'metadata', 'labels')));
  }
  if (spec.selector && Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0) {
    errs.push(invalidGo(p.child('selector'), spec.selector, goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, p.child('template')));
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupportedGo(p.child('template', 'spec', 'restartPolicy'), restart, goQuote(restart), ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(p.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...nonNegative(spec.minReadySeconds ?? 0, p.child('minReadySeconds')));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy, p.child('updateStrategy')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, p.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  return [...validateObjectMeta(ds.metadata, DS_META), ...validateDaemonSetSpec(ds)];
}

export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  return [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata, DS_META),
    ...validateDaemonSetSpec(ds),
    ...immutableSelector(ds.spec?.selector, old.spec?.selector, root('spec', 'selector')),
  ];
}

function goRollingUpdateStatefulSet(ru: RollingUpdateStatefulSetStrategy): string {
  const mu = ru.maxUnavailable === undefined ? '(*intstr.IntOrString)(nil)' : `&${goIntOrString(ru.maxUnavailable)}`;
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${mu}}`;
}

function validateStatefulSetSpec(spec: StatefulSetSpec): FieldError[] {
  const p = root('spec');
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy ?? '';
  if (policy === '') errs.push(required(p.child('podManagementPolicy'), ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalid(p.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = spec.updateStrategy;
  const type = strategy?.type ?? '';
  const ru = strategy?.rollingUpdate;
  if (type === '') errs.push(required(p.child('updateStrategy'), ''));
  else if (type === 'OnDelete') {
    if (ru) errs.push(invalidGo(p.child('updateStrategy', 'rollingUpdate'), ru, goRollingUpdateStatefulSet(ru), "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    if (ru) {
      const rp = p.child('updateStrategy', 'rollingUpdate');
      errs.push(...nonNegative(ru.partition ?? 0, rp.child('partition')));
      if (ru.maxUnavailable !== undefined) {
        const mp = rp.child('maxUnavailable');
        errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, mp));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalidGo(mp, ru.maxUnavailable, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        errs.push(...notMoreThan100Percent(ru.maxUnavailable, mp));
      }
    }
  } else {
    errs.push(invalid(p.child('updateStrategy'), strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const key of ['whenDeleted', 'whenScaled'] as const) {
      const v = retention[key] ?? '';
      if (v !== 'Retain' && v !== 'Delete') errs.push(notSupported(p.child('persistentVolumeClaimRetentionPolicy', key), v, ['Retain', 'Delete']));
    }
  }
  errs.push(...nonNegative(spec.replicas ?? 0, p.child('replicas')));
  errs.push(...nonNegative(spec.minReadySeconds ?? 0, p.child('minReadySeconds')));
  if (spec.ordinals) errs.push(...nonNegative(spec.ordinals.start ?? 0, p.child('ordinals', 'start')));
  errs.push(...validateControllerSelector(spec.selector, p.child('selector'), 'statefulset'));
  const template = (spec.template ?? {}) as PodTemplateSpec;
  const sel = asSelector(spec.selector);
  if (!sel) errs.push(invalidGo(p.child('selector'), spec.selector, goLabelSelector(spec.selector), ''));
  else {
    // upstream checks only the template's labels and annotations here, not the whole pod spec
    // (the volumes would fail: claims from volumeClaimTemplates are not among them)
    const tp = p.child('template');
    errs.push(...templateLabelsMatch(sel, template.metadata?.labels, tp.child('metadata', 'labels')));
    errs.push(...validateLabels(template.metadata?.labels, tp.child('labels')));
    errs.push(...validateAnnotations(template.metadata?.annotations, tp.child('annotations')));
    if (template.spec) errs.push(...validatePodSpecificAnnotations(template.metadata?.annotations, template.spec, tp.child('annotations')));
  }
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupportedGo(p.child('template', 'spec', 'restartPolicy'), restart, goQuote(restart), ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(p.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

export function validateStatefulSet(ss: StatefulSet): FieldError[] {
  return [...validateObjectMeta(ss.metadata, STS_META), ...validateStatefulSetSpec(ss.spec ?? ({} as StatefulSetSpec))];
}

export const STATEFUL_SET_SPEC_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

export function validateStatefulSetUpdate(ss: StatefulSet, old: StatefulSet): FieldError[] {
  // the name is not checked again on update (older objects may have subdomain names)
  const errs = validateObjectMetaUpdate(ss.metadata, old.metadata, DS_META);
  const spec = ss.spec ?? ({} as StatefulSetSpec);
  const oldSpec = old.spec ?? ({} as StatefulSetSpec);
  errs.push(...validateStatefulSetSpec(spec));
  const mutable = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];
  // serviceName is a plain string upstream: "" and unset are the same value
  const strip = (s: StatefulSetSpec) => ({
    ...Object.fromEntries(Object.entries(s).filter(([k]) => !mutable.includes(k))),
    serviceName: s.serviceName ?? '',
  });
  if (!semanticDeepEqual(strip(spec), strip(oldSpec))) errs.push(forbidden(root('spec'), STATEFUL_SET_SPEC_FORBIDDEN));
  return errs;
}

export function validateControllerRevision(cr: ControllerRevision): FieldError[] {
  const errs = validateObjectMeta(cr.metadata, DS_META);
  if (cr.data === undefined || cr.data === null) errs.push(required(root('data'), 'data is mandatory'));
  errs.push(...nonNegative(cr.revision ?? 0, root('revision')));
  return errs;
}

export function validateControllerRevisionUpdate(cr: ControllerRevision, old: ControllerRevision): FieldError[] {
  const errs = [...validateObjectMetaUpdate(cr.metadata, old.metadata, DS_META), ...validateControllerRevision(cr)];
  if (!semanticDeepEqual(cr.data ?? null, old.data ?? null)) errs.push(invalid(root('data'), cr.data, IMMUTABLE));
  return errs;
}
