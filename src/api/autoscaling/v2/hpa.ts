// autoscaling/v2 HorizontalPodAutoscaler: scales a workload on resource, pod, object and external metrics.
import { definer, packageOf, obj, req, str, int32, int64, list, oneOf, quantity, time, type Static } from '../../schema.js';
import { kindSchema, LabelSelector } from '../../meta/v1/types.js';

const def = definer(packageOf('autoscaling', 'v2'));

export const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] as const;
export const METRIC_TARGET_TYPES = ['Utilization', 'Value', 'AverageValue'] as const;
export const SCALING_POLICY_TYPES = ['Pods', 'Percent'] as const;
export const SELECT_POLICIES = ['Disabled', 'Max', 'Min'] as const;

export const CrossVersionObjectReference = def('CrossVersionObjectReference', obj({
  kind: req(str('Kind of the referent, e.g. Deployment.')),
  name: req(str('Name of the referent.')),
  apiVersion: str('API version of the referent, e.g. apps/v1.'),
}, { description: 'Identifies the object to scale or the object a metric describes.' }));
export type CrossVersionObjectReference = Static<typeof CrossVersionObjectReference>;

export const MetricIdentifier = def('MetricIdentifier', obj({
  name: req(str('The name of the metric.')),
  selector: LabelSelector,
}, { description: 'A metric by name, optionally narrowed by labels.' }));
export type MetricIdentifier = Static<typeof MetricIdentifier>;

export const MetricTarget = def('MetricTarget', obj({
  type: req(oneOf(METRIC_TARGET_TYPES, 'Utilization, Value or AverageValue.')),
  value: quantity,
  averageValue: quantity,
  averageUtilization: int32('Target average utilization in percent of the pods\' requests (Resource metrics only).'),
}, { description: 'The target value of a metric.' }));
export type MetricTarget = Static<typeof MetricTarget>;

export const MetricValueStatus = def('MetricValueStatus', obj({
  value: quantity,
  averageValue: quantity,
  averageUtilization: int32('Current average utilization in percent of the pods\' requests.'),
}, { description: 'The current value of a metric.' }));
export type MetricValueStatus = Static<typeof MetricValueStatus>;

export const ObjectMetricSource = def('ObjectMetricSource', obj({
  describedObject: req(CrossVersionObjectReference),
  target: req(MetricTarget),
  metric: req(MetricIdentifier),
}, { description: 'A metric describing one Kubernetes object, e.g. requests per second of an Ingress.' }));
export const PodsMetricSource = def('PodsMetricSource', obj({
  metric: req(MetricIdentifier),
  target: req(MetricTarget),
}, { description: 'A metric averaged over the pods being scaled.' }));
export const ResourceMetricSource = def('ResourceMetricSource', obj({
  name: req(str('The resource, e.g. cpu or memory.')),
  target: req(MetricTarget),
}, { description: 'A resource (cpu, memory) as known from the pods\' requests and limits.' }));
export const ContainerResourceMetricSource = def('ContainerResourceMetricSource', obj({
  name: req(str('The resource, e.g. cpu or memory.')),
  target: req(MetricTarget),
  container: req(str('The container whose usage counts.')),
}, { description: 'A resource of one container of each pod being scaled.' }));
export const ExternalMetricSource = def('ExternalMetricSource', obj({
  metric: req(MetricIdentifier),
  target: req(MetricTarget),
}, { description: 'A metric not tied to any Kubernetes object, e.g. a queue length.' }));

export const MetricSpec = def('MetricSpec', obj({
  type: req(oneOf(METRIC_SOURCE_TYPES, 'Which of the sources below is set.')),
  object: ObjectMetricSource,
  pods: PodsMetricSource,
  resource: ResourceMetricSource,
  containerResource: ContainerResourceMetricSource,
  external: ExternalMetricSource,
}, { description: 'One metric to scale on.' }));
export type MetricSpec = Static<typeof MetricSpec>;

export const HPAScalingPolicy = def('HPAScalingPolicy', obj({
  type: req(oneOf(SCALING_POLICY_TYPES, 'Pods or Percent.')),
  value: req(int32('How much may change in one period; greater than zero.')),
  periodSeconds: req(int32('The period the policy holds over, 1 to 1800 seconds.')),
}, { description: 'A single limit on how fast the HPA may scale.' }));
export type HPAScalingPolicy = Static<typeof HPAScalingPolicy>;

export const HPAScalingRules = def('HPAScalingRules', obj({
  stabilizationWindowSeconds: int32('Seconds of past recommendations considered, 0 to 3600.'),
  selectPolicy: oneOf(SELECT_POLICIES, 'Max (the default), Min or Disabled.'),
  policies: list(HPAScalingPolicy, { listType: 'atomic' }),
  tolerance: quantity,
}, { description: 'How the HPA scales in one direction.' }));
export type HPAScalingRules = Static<typeof HPAScalingRules>;

export const HorizontalPodAutoscalerBehavior = def('HorizontalPodAutoscalerBehavior', obj({
  scaleUp: HPAScalingRules,
  scaleDown: HPAScalingRules,
}, { description: 'Scaling speed limits and stabilization, up and down.' }));
export type HorizontalPodAutoscalerBehavior = Static<typeof HorizontalPodAutoscalerBehavior>;

export const HorizontalPodAutoscalerSpec = def('HorizontalPodAutoscalerSpec', obj({
  scaleTargetRef: req(CrossVersionObjectReference),
  minReplicas: int32('Lower bound of replicas; defaults to 1.'),
  maxReplicas: req(int32('Upper bound of replicas; at least minReplicas.')),
  metrics: list(MetricSpec, { listType: 'atomic', description: 'The metrics to scale on; 80% average CPU when empty.' }),
  behavior: HorizontalPodAutoscalerBehavior,
}, { description: 'The desired behavior of an HPA.' }));
export type HorizontalPodAutoscalerSpec = Static<typeof HorizontalPodAutoscalerSpec>;

export const ObjectMetricStatus = def('ObjectMetricStatus', obj({
  metric: req(MetricIdentifier),
  current: req(MetricValueStatus),
  describedObject: req(CrossVersionObjectReference),
}));
export const PodsMetricStatus = def('PodsMetricStatus', obj({
  metric: req(MetricIdentifier),
  current: req(MetricValueStatus),
}));
export const ResourceMetricStatus = def('ResourceMetricStatus', obj({
  name: req(str()),
  current: req(MetricValueStatus),
}));
export const ContainerResourceMetricStatus = def('ContainerResourceMetricStatus', obj({
  name: req(str()),
  current: req(MetricValueStatus),
  container: req(str()),
}));
export const ExternalMetricStatus = def('ExternalMetricStatus', obj({
  metric: req(MetricIdentifier),
  current: req(MetricValueStatus),
}));

export const MetricStatus = def('MetricStatus', obj({
  type: req(oneOf(METRIC_SOURCE_TYPES, 'Which of the sources below is set.')),
  object: ObjectMetricStatus,
  pods: PodsMetricStatus,
  resource: ResourceMetricStatus,
  containerResource: ContainerResourceMetricStatus,
  external: ExternalMetricStatus,
}, { description: 'The last read value of one metric.' }));
export type MetricStatus = Static<typeof MetricStatus>;

export const HorizontalPodAutoscalerCondition = def('HorizontalPodAutoscalerCondition', obj({
  type: req(str('AbleToScale, ScalingActive or ScalingLimited.')),
  status: req(str('True, False or Unknown.')),
  lastTransitionTime: time,
  reason: str(),
  message: str(),
}, { description: 'One aspect of the state of an HPA.' }));
export type HorizontalPodAutoscalerCondition = Static<typeof HorizontalPodAutoscalerCondition>;

export const HorizontalPodAutoscalerStatus = def('HorizontalPodAutoscalerStatus', obj({
  observedGeneration: int64('The generation the autoscaler last acted on.'),
  lastScaleTime: time,
  currentReplicas: int32('Replicas of the target last seen.'),
  desiredReplicas: req(int32('Replicas the autoscaler last computed.')),
  currentMetrics: list(MetricStatus, { listType: 'atomic' }),
  conditions: list(HorizontalPodAutoscalerCondition, { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] }),
}, { description: 'The observed state of an HPA.' }));
export type HorizontalPodAutoscalerStatus = Static<typeof HorizontalPodAutoscalerStatus>;

export const HorizontalPodAutoscaler = kindSchema('autoscaling', 'v2', 'HorizontalPodAutoscaler',
  { spec: HorizontalPodAutoscalerSpec, status: HorizontalPodAutoscalerStatus },
  'HorizontalPodAutoscaler scales a workload between minReplicas and maxReplicas to meet metric targets.');
export type HorizontalPodAutoscaler = Static<typeof HorizontalPodAutoscaler>;
