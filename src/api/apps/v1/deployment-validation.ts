// Validation of Deployments and ReplicaSets (pkg/apis/apps/validation and the registry
// strategies' selector immutability for apps/v1), with upstream's messages and field paths.
import type { LabelSelector } from '../../meta/v1/types.js';
import { type FieldError, type Path, forbidden, invalid, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import type { Deployment, DeploymentStrategy } from './deployment.js';
import type { ReplicaSet } from './replica-set.js';
import { validatePodTemplateSpec, type PodTemplateSpec } from './pod-template.js';
import { goIntOrString, goLabelSelector, goQuote, invalidGo, notSupportedGo } from './go-format.js';
import {
  asSelector, immutableSelector, intOrPercentValue, nonNegative, notMoreThan100Percent, templateLabelsMatch,
  validateControllerSelector, validatePositiveIntOrPercent,
} from './workload-validation.js';

const META = { namespaced: true, nameValidator: nameIsDNSSubdomain };

/** ValidatePodTemplateSpecForReplicaSet: the selector/labels match, the pod template, restartPolicy Always. */
export function validateTemplateForReplicaSet(
  template: PodTemplateSpec | undefined, selector: LabelSelector | undefined, path: Path, selectorPath: Path,
): FieldError[] {
  const sel = asSelector(selector);
  if (!sel) return [invalidGo(selectorPath, selector, goLabelSelector(selector), 'invalid label selector')];
  if (!template) return [required(path, '')];
  const errs = templateLabelsMatch(sel, template.metadata?.labels, path.child('metadata', 'labels'));
  errs.push(...validatePodTemplateSpec(template, path));
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupportedGo(path.child('spec', 'restartPolicy'), restart, goQuote(restart), ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(path.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function validateDeploymentStrategy(s: DeploymentStrategy | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const type = s?.type ?? '';
  switch (type) {
    case 'Recreate':
      if (s?.rollingUpdate) errs.push(forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case 'RollingUpdate': {
      const ru = s?.rollingUpdate;
      if (!ru) {
        errs.push(required(path.child('rollingUpdate'), 'this should be defaulted and never be nil'));
        break;
      }
      const p = path.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalidGo(p.child('maxUnavailable'), ru.maxUnavailable, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      break;
    }
    default: {
      const text = `apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
      errs.push(notSupportedGo(path, s, text, ['Recreate', 'RollingUpdate']));
    }
  }
  return errs;
}

function validateDeploymentSpec(d: Deployment): FieldError[] {
  const spec = d.spec ?? ({} as NonNullable<Deployment['spec']>);
  const p = root('spec');
  const errs = nonNegative(spec.replicas ?? 0, p.child('replicas'));
  errs.push(...validateControllerSelector(spec.selector, p.child('selector'), 'deployment'));
  errs.push(...validateTemplateForReplicaSet(spec.template as PodTemplateSpec | undefined, spec.selector, p.child('template'), p.child('selector')));
  errs.push(...validateDeploymentStrategy(spec.strategy, p.child('strategy')));
  errs.push(...nonNegative(spec.minReadySeconds ?? 0, p.child('minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, p.child('revisionHistoryLimit')));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, p.child('progressDeadlineSeconds')));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid(p.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeployment(d: Deployment): FieldError[] {
  return [...validateObjectMeta(d.metadata, META), ...validateDeploymentSpec(d)];
}

export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata, META),
    ...validateDeploymentSpec(d),
    ...immutableSelector(d.spec?.selector, old.spec?.selector, root('spec', 'selector')),
  ];
}

function validateReplicaSetSpec(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec ?? ({} as NonNullable<ReplicaSet['spec']>);
  const p = root('spec');
  const errs = nonNegative(spec.replicas ?? 0, p.child('replicas'));
  errs.push(...nonNegative(spec.minReadySeconds ?? 0, p.child('minReadySeconds')));
  // upstream reuses the deployment wording here
  errs.push(...validateControllerSelector(spec.selector, p.child('selector'), 'deployment'));
  errs.push(...validateTemplateForReplicaSet((spec.template ?? {}) as PodTemplateSpec, spec.selector, p.child('template'), p.child('selector')));
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [...validateObjectMeta(rs.metadata, META), ...validateReplicaSetSpec(rs)];
}

export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata, META),
    ...validateReplicaSetSpec(rs),
    ...immutableSelector(rs.spec?.selector, old.spec?.selector, root('spec', 'selector')),
  ];
}
