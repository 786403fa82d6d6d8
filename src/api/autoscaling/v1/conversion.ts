// Conversion between autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscalers, as upstream's
// (pkg/apis/autoscaling/v1/conversion.go through the internal type). v1 has room only for a CPU
// utilization target; the other metrics, the current metrics, the conditions and the behavior
// round-trip through the autoscaling.alpha.kubernetes.io/* annotations. A v1 HPA without any
// metric gets the implicit 80% CPU target when converted to v2.
import type { HorizontalPodAutoscaler as V1 } from './hpa.js';
import type {
  HorizontalPodAutoscaler as V2, HorizontalPodAutoscalerBehavior, HPAScalingRules, MetricSpec, MetricStatus,
  HorizontalPodAutoscalerCondition,
} from '../v2/hpa.js';
import type { LabelSelector } from '../../meta/v1/types.js';
import { DEFAULT_CPU_UTILIZATION } from '../v2/defaults.js';

export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];

type Ref = { kind: string; name: string; apiVersion?: string };

/** autoscaling/v1 MetricSpec: the pre-v2 metric shape kept in the metrics annotation. */
export interface V1MetricSpec {
  type: string;
  object?: { target: Ref; metricName: string; targetValue: string; selector?: LabelSelector; averageValue?: string };
  pods?: { metricName: string; targetAverageValue: string; selector?: LabelSelector };
  resource?: { name: string; targetAverageUtilization?: number; targetAverageValue?: string };
  containerResource?: { name: string; targetAverageUtilization?: number; targetAverageValue?: string; container: string };
  external?: { metricName: string; metricSelector?: LabelSelector; targetValue?: string; targetAverageValue?: string };
}

/** autoscaling/v1 MetricStatus, kept in the current-metrics annotation. */
export interface V1MetricStatus {
  type: string;
  object?: { target: Ref; metricName: string; currentValue: string; selector?: LabelSelector; averageValue?: string };
  pods?: { metricName: string; currentAverageValue: string; selector?: LabelSelector };
  resource?: { name: string; currentAverageUtilization?: number; currentAverageValue: string };
  containerResource?: { name: string; currentAverageUtilization?: number; currentAverageValue: string; container: string };
  external?: { metricName: string; metricSelector?: LabelSelector; currentValue: string; currentAverageValue?: string };
}

/** Drops undefined members so the JSON matches Go's omitempty output. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function specToV1(m: MetricSpec): V1MetricSpec {
  const out: V1MetricSpec = { type: m.type };
  if (m.object) {
    out.object = clean({ target: m.object.describedObject, metricName: m.object.metric.name, targetValue: m.object.target.value ?? '0',
      selector: m.object.metric.selector, averageValue: m.object.target.averageValue });
  }
  if (m.pods) out.pods = clean({ metricName: m.pods.metric.name, targetAverageValue: m.pods.target.averageValue ?? '0', selector: m.pods.metric.selector });
  if (m.resource) {
    out.resource = clean({ name: m.resource.name, targetAverageUtilization: m.resource.target.averageUtilization, targetAverageValue: m.resource.target.averageValue });
  }
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = clean({ name: c.name, targetAverageUtilization: c.target.averageUtilization, targetAverageValue: c.target.averageValue, container: c.container });
  }
  if (m.external) {
    out.external = clean({ metricName: m.external.metric.name, metricSelector: m.external.metric.selector,
      targetValue: m.external.target.value, targetAverageValue: m.external.target.averageValue });
  }
  return out;
}

function specFromV1(m: V1MetricSpec): MetricSpec {
  const out = { type: m.type } as MetricSpec;
  if (m.object) {
    out.object = {
      describedObject: m.object.target,
      metric: clean({ name: m.object.metricName, selector: m.object.selector }),
      target: clean({ type: m.object.averageValue === undefined ? 'Value' as const : 'AverageValue' as const, value: m.object.targetValue, averageValue: m.object.averageValue }),
    };
  }
  if (m.pods) {
    out.pods = { metric: clean({ name: m.pods.metricName, selector: m.pods.selector }), target: { type: 'AverageValue', averageValue: m.pods.targetAverageValue } };
  }
  const resourceTarget = (r: { targetAverageUtilization?: number; targetAverageValue?: string }) => clean({
    type: r.targetAverageUtilization !== undefined ? 'Utilization' as const : 'AverageValue' as const,
    averageUtilization: r.targetAverageUtilization, averageValue: r.targetAverageValue,
  });
  if (m.resource) out.resource = { name: m.resource.name, target: resourceTarget(m.resource) };
  if (m.containerResource) out.containerResource = { name: m.containerResource.name, container: m.containerResource.container, target: resourceTarget(m.containerResource) };
  if (m.external) {
    out.external = {
      metric: clean({ name: m.external.metricName, selector: m.external.metricSelector }),
      target: clean({ type: m.external.targetValue !== undefined ? 'Value' as const : 'AverageValue' as const,
        value: m.external.targetValue, averageValue: m.external.targetAverageValue }),
    };
  }
  return out;
}

function statusToV1(m: MetricStatus): V1MetricStatus {
  const out: V1MetricStatus = { type: m.type };
  if (m.object) {
    out.object = clean({ target: m.object.describedObject, metricName: m.object.metric.name, currentValue: m.object.current.value ?? '0',
      selector: m.object.metric.selector, averageValue: m.object.current.averageValue });
  }
  if (m.pods) out.pods = clean({ metricName: m.pods.metric.name, currentAverageValue: m.pods.current.averageValue ?? '0', selector: m.pods.metric.selector });
  if (m.resource) {
    out.resource = clean({ name: m.resource.name, currentAverageUtilization: m.resource.current.averageUtilization, currentAverageValue: m.resource.current.averageValue ?? '0' });
  }
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = clean({ name: c.name, currentAverageUtilization: c.current.averageUtilization, currentAverageValue: c.current.averageValue ?? '0', container: c.container });
  }
  if (m.external) {
    out.external = clean({ metricName: m.external.metric.name, metricSelector: m.external.metric.selector,
      currentValue: m.external.current.value ?? '0', currentAverageValue: m.external.current.averageValue });
  }
  return out;
}

function statusFromV1(m: V1MetricStatus): MetricStatus {
  const out = { type: m.type } as MetricStatus;
  if (m.object) {
    out.object = { describedObject: m.object.target, metric: clean({ name: m.object.metricName, selector: m.object.selector }),
      current: clean({ value: m.object.currentValue, averageValue: m.object.averageValue }) };
  }
  if (m.pods) out.pods = { metric: clean({ name: m.pods.metricName, selector: m.pods.selector }), current: { averageValue: m.pods.currentAverageValue } };
  if (m.resource) out.resource = { name: m.resource.name, current: clean({ averageUtilization: m.resource.currentAverageUtilization, averageValue: m.resource.currentAverageValue }) };
  if (m.containerResource) {
    const c = m.containerResource;
    out.containerResource = { name: c.name, container: c.container, current: clean({ averageUtilization: c.currentAverageUtilization, averageValue: c.currentAverageValue }) };
  }
  if (m.external) {
    out.external = { metric: clean({ name: m.external.metricName, selector: m.external.metricSelector }),
      current: clean({ value: m.external.currentValue, averageValue: m.external.currentAverageValue }) };
  }
  return out;
}

// The behavior annotation holds upstream's internal type marshaled without JSON tags: Go field names.
function rulesToGo(r: HPAScalingRules | undefined): unknown {
  if (!r) return null;
  return {
    StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
    SelectPolicy: r.selectPolicy ?? null,
    Policies: r.policies ? r.policies.map((p) => ({ Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds })) : null,
    Tolerance: r.tolerance ?? null,
  };
}

function rulesFromGo(g: unknown): HPAScalingRules | undefined {
  if (!g || typeof g !== 'object') return undefined;
  const r = g as Record<string, unknown>;
  const policies = Array.isArray(r.Policies)
    ? (r.Policies as Record<string, unknown>[]).map((p) => ({ type: p.Type as 'Pods' | 'Percent', value: p.Value as number, periodSeconds: p.PeriodSeconds as number }))
    : undefined;
  return clean({
    stabilizationWindowSeconds: (r.StabilizationWindowSeconds ?? undefined) as number | undefined,
    selectPolicy: (r.SelectPolicy ?? undefined) as HPAScalingRules['selectPolicy'],
    policies,
    tolerance: (r.Tolerance ?? undefined) as string | undefined,
  });
}

function parseJSON<T>(s: string | undefined): T | undefined {
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s) as T;
  } catch {
    return undefined;
  }
}

function withoutRoundTrip(annotations: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!annotations) return undefined;
  const out = Object.fromEntries(Object.entries(annotations).filter(([k]) => !ROUND_TRIP.includes(k)));
  return Object.keys(out).length ? out : undefined;
}

/** v1 → v2. */
export function hpaV1ToV2(v1: V1): V2 {
  const ann = v1.metadata?.annotations ?? {};
  const spec = v1.spec;
  const metrics: MetricSpec[] = [];
  const others = parseJSON<V1MetricSpec[]>(ann[METRIC_SPECS_ANNOTATION]);
  if (Array.isArray(others)) metrics.push(...others.map(specFromV1));
  if (spec?.targetCPUUtilizationPercentage !== undefined) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  if (metrics.length === 0) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } });
  }
  const behaviorGo = parseJSON<Record<string, unknown>>(ann[BEHAVIOR_ANNOTATION]);
  const behavior: HorizontalPodAutoscalerBehavior | undefined = behaviorGo && typeof behaviorGo === 'object'
    ? clean({ scaleUp: rulesFromGo(behaviorGo.ScaleUp), scaleDown: rulesFromGo(behaviorGo.ScaleDown) })
    : undefined;

  const st = v1.status;
  let currentMetrics: MetricStatus[] | undefined;
  if (st?.currentCPUUtilizationPercentage !== undefined) {
    currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
  }
  const current = parseJSON<V1MetricStatus[]>(ann[METRIC_STATUSES_ANNOTATION]);
  if (Array.isArray(current)) currentMetrics = current.map(statusFromV1);
  const conditions = parseJSON<HorizontalPodAutoscalerCondition[]>(ann[CONDITIONS_ANNOTATION]);

  const metadata = { ...(v1.metadata ?? {}) };
  const kept = withoutRoundTrip(metadata.annotations);
  if (kept) metadata.annotations = kept;
  else delete metadata.annotations;

  const out: V2 = {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata,
    spec: clean({
      scaleTargetRef: spec?.scaleTargetRef ?? { kind: '', name: '' }, minReplicas: spec?.minReplicas, maxReplicas: spec?.maxReplicas ?? 0,
      metrics, behavior,
    }),
  };
  if (st) {
    out.status = clean({
      observedGeneration: st.observedGeneration, lastScaleTime: st.lastScaleTime, currentReplicas: st.currentReplicas,
      desiredReplicas: st.desiredReplicas ?? 0, currentMetrics, conditions: Array.isArray(conditions) ? conditions : undefined,
    });
  }
  return out;
}

const isCpuUtilization = (m: MetricSpec) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target.averageUtilization !== undefined;

/** v2 → v1. */
export function hpaV2ToV1(v2: V2): V1 {
  const spec = v2.spec;
  const annotations = { ...(withoutRoundTrip(v2.metadata?.annotations) ?? {}) };
  const metrics = spec?.metrics ?? [];
  let target: number | undefined;
  const cpu = metrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  if (cpu?.resource?.target.averageUtilization !== undefined) target = cpu.resource.target.averageUtilization;
  const others = metrics.filter((m) => !isCpuUtilization(m)).map(specToV1);
  if (others.length) annotations[METRIC_SPECS_ANNOTATION] = JSON.stringify(others);
  const st = v2.status;
  if (st?.currentMetrics?.length) annotations[METRIC_STATUSES_ANNOTATION] = JSON.stringify(st.currentMetrics.map(statusToV1));
  if (spec?.behavior) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify({ ScaleUp: rulesToGo(spec.behavior.scaleUp), ScaleDown: rulesToGo(spec.behavior.scaleDown) });
  if (st?.conditions?.length) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(st.conditions.map((c) => clean({ ...c })));

  let currentCPU: number | undefined;
  for (const m of st?.currentMetrics ?? []) {
    if (m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current.averageUtilization !== undefined) currentCPU = m.resource.current.averageUtilization;
  }
  const metadata = { ...(v2.metadata ?? {}) };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  const out: V1 = {
    apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata,
    spec: clean({ scaleTargetRef: spec?.scaleTargetRef ?? { kind: '', name: '' }, minReplicas: spec?.minReplicas, maxReplicas: spec?.maxReplicas ?? 0, targetCPUUtilizationPercentage: target }),
  };
  if (st) {
    out.status = clean({
      observedGeneration: st.observedGeneration, lastScaleTime: st.lastScaleTime, currentReplicas: st.currentReplicas ?? 0,
      desiredReplicas: st.desiredReplicas ?? 0, currentCPUUtilizationPercentage: currentCPU,
    });
  }
  return out;
}
