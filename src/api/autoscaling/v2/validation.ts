// Validation of HorizontalPodAutoscalers (pkg/apis/autoscaling/validation), with upstream's
// messages and field paths. autoscaling/v1 objects are validated through their v2 form.
import { type FieldError, type Path, forbidden, invalid, notSupported, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain, nameIsPathSegment, isQualifiedName } from '../../../machinery/validation.js';
import { compare, isQuantity } from '../../../machinery/quantity.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';
import type {
  CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerSpec,
  HPAScalingRules, MetricIdentifier, MetricSpec, MetricTarget,
} from './hpa.js';

const META = { namespaced: true, nameValidator: nameIsDNSSubdomain };
export const MAX_PERIOD_SECONDS = 1800;
export const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

/** ValidateCrossVersionObjectReference. */
export function validateCrossVersionObjectReference(ref: CrossVersionObjectReference | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of ['kind', 'name'] as const) {
    const v = ref?.[key] ?? '';
    if (!v) errs.push(required(p.child(key), ''));
    else for (const m of nameIsPathSegment(v, false)) errs.push(invalid(p.child(key), v, m));
  }
  return errs;
}

const positive = (q: string | undefined) => q !== undefined && isQuantity(q) && compare(q, 0) === 1;

function validateMetricTarget(t: MetricTarget | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const type: string = t?.type ?? '';
  if (!type) errs.push(required(p.child('type'), 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') {
    errs.push(invalid(p.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (t?.value !== undefined && !positive(t.value)) errs.push(invalid(p.child('value'), t.value, 'must be positive'));
  if (t?.averageValue !== undefined && !positive(t.averageValue)) errs.push(invalid(p.child('averageValue'), t.averageValue, 'must be positive'));
  if (t?.averageUtilization !== undefined && t.averageUtilization < 1) {
    errs.push(invalid(p.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetricIdentifier(id: MetricIdentifier | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = id?.name ?? '';
  if (!name) errs.push(required(p.child('name'), 'must specify a metric name'));
  else for (const m of nameIsPathSegment(name, false)) errs.push(invalid(p.child('name'), name, m));
  errs.push(...validateLabelSelector(id?.selector, p.child('selector')));
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/** ValidateContainerResourceName, in the cases HPAs meet. */
function validateResourceName(name: string, p: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(p, name, m));
  if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
    errs.push(invalid(p, name, 'must be a standard resource for containers'));
  }
  return errs;
}

function validateResourceLike(src: { name?: string; target?: MetricTarget; container?: string }, p: Path, container: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!src.name) errs.push(required(p.child('name'), 'must specify a resource name'));
  else errs.push(...validateResourceName(src.name, p.child('name')));
  if (container) {
    if (!src.container) errs.push(required(p.child('container'), 'must specify a container'));
  }
  errs.push(...validateMetricTarget(src.target, p.child('target')));
  const t = src.target;
  if (t?.averageUtilization === undefined && t?.averageValue === undefined) {
    errs.push(required(p.child('target', 'averageUtilization'), 'must set either a target raw value or a target utilization'));
  }
  if (t?.averageUtilization !== undefined && t.averageValue !== undefined) {
    errs.push(forbidden(p.child('target', 'averageValue'), 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

function validateSource(spec: MetricSpec, key: 'object' | 'pods' | 'resource' | 'containerResource' | 'external', p: Path): FieldError[] {
  switch (key) {
    case 'object': {
      const src = spec.object!;
      const errs = [
        ...validateCrossVersionObjectReference(src.describedObject, p.child('describedObject')),
        ...validateMetricIdentifier(src.metric, p.child('metric')),
        ...validateMetricTarget(src.target, p.child('target')),
      ];
      if (src.target?.value === undefined && src.target?.averageValue === undefined) {
        errs.push(required(p.child('target', 'averageValue'), 'must set either a target value or averageValue'));
      }
      return errs;
    }
    case 'pods': {
      const src = spec.pods!;
      const errs = [...validateMetricIdentifier(src.metric, p.child('metric')), ...validateMetricTarget(src.target, p.child('target'))];
      if (src.target?.averageValue === undefined) errs.push(required(p.child('target', 'averageValue'), 'must specify a positive target averageValue'));
      return errs;
    }
    case 'external': {
      const src = spec.external!;
      const errs = [...validateMetricIdentifier(src.metric, p.child('metric')), ...validateMetricTarget(src.target, p.child('target'))];
      if (src.target?.value === undefined && src.target?.averageValue === undefined) {
        errs.push(required(p.child('target', 'averageValue'), 'must set either a target value for metric or a per-pod target'));
      }
      if (src.target?.value !== undefined && src.target.averageValue !== undefined) {
        errs.push(forbidden(p.child('target', 'value'), 'may not set both a target value for metric and a per-pod target'));
      }
      return errs;
    }
    case 'resource':
      return validateResourceLike(spec.resource!, p, false);
    case 'containerResource':
      return validateResourceLike(spec.containerResource!, p, true);
  }
}

const TYPE_FIELD: Record<string, 'object' | 'pods' | 'resource' | 'containerResource' | 'external'> = {
  Object: 'object', Pods: 'pods', Resource: 'resource', ContainerResource: 'containerResource', External: 'external',
};

function validateMetricSpec(spec: MetricSpec, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const type: string = spec.type ?? '';
  if (!type) errs.push(required(p.child('type'), 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type)) errs.push(notSupported(p.child('type'), type, METRIC_SOURCE_TYPES));
  const present = (['object', 'external', 'pods', 'resource', 'containerResource'] as const).filter((k) => spec[k] !== undefined);
  // upstream validates only the first source it finds
  if (present.length > 0) errs.push(...validateSource(spec, present[0], p.child(present[0])));
  const expected = TYPE_FIELD[type];
  if (expected && spec[expected] === undefined) errs.push(required(p.child(expected), 'must populate information for the given metric source'));
  if (!expected) errs.push(notSupported(p.child('type'), type, METRIC_SOURCE_TYPES));
  if (present.length !== 1) {
    for (const k of present) if (k !== expected) errs.push(forbidden(p.child(k), 'must populate the given metric source only'));
  }
  return errs;
}

function validateScalingRules(rules: HPAScalingRules | undefined, p: Path): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const win = rules.stabilizationWindowSeconds;
  if (win !== undefined && win < 0) errs.push(invalid(p.child('stabilizationWindowSeconds'), win, 'must be greater than or equal to zero'));
  if (win !== undefined && win > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(invalid(p.child('stabilizationWindowSeconds'), win, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  const select: string | undefined = rules.selectPolicy;
  if (select !== undefined && !['Disabled', 'Max', 'Min'].includes(select)) errs.push(notSupported(p.child('selectPolicy'), select, ['Disabled', 'Max', 'Min']));
  const pp = p.child('policies');
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(required(pp, 'must specify at least one Policy'));
  policies.forEach((pol, i) => {
    const ip = pp.index(i);
    const type: string = pol.type ?? '';
    if (type !== 'Pods' && type !== 'Percent') errs.push(notSupported(ip.child('type'), type, ['Percent', 'Pods']));
    if ((pol.value ?? 0) <= 0) errs.push(invalid(ip.child('value'), pol.value ?? 0, 'must be greater than zero'));
    if ((pol.periodSeconds ?? 0) <= 0) errs.push(invalid(ip.child('periodSeconds'), pol.periodSeconds ?? 0, 'must be greater than zero'));
    if ((pol.periodSeconds ?? 0) > MAX_PERIOD_SECONDS) {
      errs.push(invalid(ip.child('periodSeconds'), pol.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
    }
  });
  return errs;
}

function validateBehavior(b: HorizontalPodAutoscalerBehavior | undefined, p: Path): FieldError[] {
  if (!b) return [];
  return [...validateScalingRules(b.scaleUp, p.child('scaleUp')), ...validateScalingRules(b.scaleDown, p.child('scaleDown'))];
}

/** validateHorizontalPodAutoscalerSpec. minReplicas must be at least 1 (HPAScaleToZero is alpha, off). */
export function validateHorizontalPodAutoscalerSpec(spec: HorizontalPodAutoscalerSpec | undefined, p: Path = root('spec')): FieldError[] {
  const s = spec ?? ({} as HorizontalPodAutoscalerSpec);
  const errs: FieldError[] = [];
  if (s.minReplicas !== undefined && s.minReplicas < 1) errs.push(invalid(p.child('minReplicas'), s.minReplicas, 'must be greater than or equal to 1'));
  const max = s.maxReplicas ?? 0;
  if (max < 1) errs.push(invalid(p.child('maxReplicas'), max, 'must be greater than 0'));
  if (s.minReplicas !== undefined && max < s.minReplicas) errs.push(invalid(p.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(s.scaleTargetRef, p.child('scaleTargetRef')));
  (s.metrics ?? []).forEach((m, i) => errs.push(...validateMetricSpec(m, p.child('metrics').index(i))));
  errs.push(...validateBehavior(s.behavior, p.child('behavior')));
  return errs;
}

export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMeta(hpa.metadata, META), ...validateHorizontalPodAutoscalerSpec(hpa.spec)];
}

export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMetaUpdate(hpa.metadata, old.metadata, META), ...validateHorizontalPodAutoscalerSpec(hpa.spec)];
}
