// autoscaling/v1 HorizontalPodAutoscaler: the CPU-only form. Other metrics, behavior and
// conditions travel in annotations (see conversion.ts).
import { definer, packageOf, obj, req, str, int32, int64, time, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';

const def = definer(packageOf('autoscaling', 'v1'));

export const CrossVersionObjectReference = def('CrossVersionObjectReference', obj({
  kind: req(str('Kind of the referent, e.g. Deployment.')),
  name: req(str('Name of the referent.')),
  apiVersion: str('API version of the referent, e.g. apps/v1.'),
}, { description: 'Identifies the object to scale.', mapType: 'atomic' }));
export type CrossVersionObjectReference = Static<typeof CrossVersionObjectReference>;

export const HorizontalPodAutoscalerSpec = def('HorizontalPodAutoscalerSpec', obj({
  scaleTargetRef: req(CrossVersionObjectReference),
  minReplicas: int32('Lower bound of replicas; defaults to 1.'),
  maxReplicas: req(int32('Upper bound of replicas; at least minReplicas.')),
  targetCPUUtilizationPercentage: int32('Target average CPU utilization in percent of the pods\' requests; 80 when unset.'),
}, { description: 'The desired behavior of an HPA.' }));
export type HorizontalPodAutoscalerSpec = Static<typeof HorizontalPodAutoscalerSpec>;

export const HorizontalPodAutoscalerStatus = def('HorizontalPodAutoscalerStatus', obj({
  observedGeneration: int64('The generation the autoscaler last acted on.'),
  lastScaleTime: time,
  currentReplicas: req(int32('Replicas of the target last seen.')),
  desiredReplicas: req(int32('Replicas the autoscaler last computed.')),
  currentCPUUtilizationPercentage: int32('Current average CPU utilization in percent of the pods\' requests.'),
}, { description: 'The observed state of an HPA.' }));
export type HorizontalPodAutoscalerStatus = Static<typeof HorizontalPodAutoscalerStatus>;

export const HorizontalPodAutoscaler = kindSchema('autoscaling', 'v1', 'HorizontalPodAutoscaler',
  { spec: HorizontalPodAutoscalerSpec, status: HorizontalPodAutoscalerStatus },
  'HorizontalPodAutoscaler scales a workload between minReplicas and maxReplicas to meet a CPU target.');
export type HorizontalPodAutoscaler = Static<typeof HorizontalPodAutoscaler>;
