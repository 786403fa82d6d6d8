// Protobuf field numbers and Go JSON facts of the io.k8s.api.autoscaling.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const autoscalingV1: PackageTable = {
  alias: 'autoscaling-v1',
  prefix: 'io.k8s.api.autoscaling.v1',
  messages: {
    ContainerResourceMetricSource: 'name=1:s targetAverageUtilization=2*?:i32 targetAverageValue=3*?:resource.Quantity container=5:s',
    ContainerResourceMetricStatus: 'name=1:s currentAverageUtilization=2*?:i32 currentAverageValue=3:resource.Quantity container=4:s',
    CrossVersionObjectReference: 'kind=1:s name=2:s apiVersion=3?:s',
    ExternalMetricSource: 'metricName=1:s metricSelector=2*?:meta-v1.LabelSelector targetValue=3*?:resource.Quantity targetAverageValue=4*?:resource.Quantity',
    ExternalMetricStatus: 'metricName=1:s metricSelector=2*?:meta-v1.LabelSelector currentValue=3:resource.Quantity currentAverageValue=4*?:resource.Quantity',
    HorizontalPodAutoscaler: 'metadata=1?:meta-v1.ObjectMeta spec=2?:HorizontalPodAutoscalerSpec status=3?:HorizontalPodAutoscalerStatus',
    HorizontalPodAutoscalerCondition: 'type=1:s status=2:s lastTransitionTime=3?:meta-v1.Time reason=4?:s message=5?:s',
    HorizontalPodAutoscalerList: 'metadata=1?:meta-v1.ListMeta items=2:[]HorizontalPodAutoscaler',
    HorizontalPodAutoscalerSpec: 'scaleTargetRef=1:CrossVersionObjectReference minReplicas=2*?:i32 maxReplicas=3:i32 targetCPUUtilizationPercentage=4*?:i32',
    HorizontalPodAutoscalerStatus: 'observedGeneration=1*?:i64 lastScaleTime=2*?:meta-v1.Time currentReplicas=3:i32 desiredReplicas=4:i32 currentCPUUtilizationPercentage=5*?:i32',
    MetricSpec: 'type=1:s object=2*?:ObjectMetricSource pods=3*?:PodsMetricSource resource=4*?:ResourceMetricSource containerResource=7*?:ContainerResourceMetricSource external=5*?:ExternalMetricSource',
    MetricStatus: 'type=1:s object=2*?:ObjectMetricStatus pods=3*?:PodsMetricStatus resource=4*?:ResourceMetricStatus containerResource=7*?:ContainerResourceMetricStatus external=5*?:ExternalMetricStatus',
    ObjectMetricSource: 'target=1:CrossVersionObjectReference metricName=2:s targetValue=3:resource.Quantity selector=4*?:meta-v1.LabelSelector averageValue=5*?:resource.Quantity',
    ObjectMetricStatus: 'target=1:CrossVersionObjectReference metricName=2:s currentValue=3:resource.Quantity selector=4*?:meta-v1.LabelSelector averageValue=5*?:resource.Quantity',
    PodsMetricSource: 'metricName=1:s targetAverageValue=2:resource.Quantity selector=3*?:meta-v1.LabelSelector',
    PodsMetricStatus: 'metricName=1:s currentAverageValue=2:resource.Quantity selector=3*?:meta-v1.LabelSelector',
    ResourceMetricSource: 'name=1:s targetAverageUtilization=2*?:i32 targetAverageValue=3*?:resource.Quantity',
    ResourceMetricStatus: 'name=1:s currentAverageUtilization=2*?:i32 currentAverageValue=3:resource.Quantity',
    Scale: 'metadata=1?:meta-v1.ObjectMeta spec=2?:ScaleSpec status=3?:ScaleStatus',
    ScaleSpec: 'replicas=1?:i32',
    ScaleStatus: 'replicas=1:i32 selector=2?:s',
  },
};
