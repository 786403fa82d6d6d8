// Protobuf field numbers and Go JSON facts of the io.k8s.api.policy.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const policyV1: PackageTable = {
  alias: 'policy-v1',
  prefix: 'io.k8s.api.policy.v1',
  messages: {
    Eviction: 'metadata=1?:meta-v1.ObjectMeta deleteOptions=2*?:meta-v1.DeleteOptions',
    PodDisruptionBudget: 'metadata=1?:meta-v1.ObjectMeta spec=2?:PodDisruptionBudgetSpec status=3?:PodDisruptionBudgetStatus',
    PodDisruptionBudgetList: 'metadata=1?:meta-v1.ListMeta items=2:[]PodDisruptionBudget',
    PodDisruptionBudgetSpec: 'minAvailable=1*?:intstr.IntOrString selector=2*?:meta-v1.LabelSelector maxUnavailable=3*?:intstr.IntOrString unhealthyPodEvictionPolicy=4*?:s',
    PodDisruptionBudgetStatus: 'observedGeneration=1?:i64 disruptedPods=2?:map[meta-v1.Time] disruptionsAllowed=3:i32 currentHealthy=4:i32 desiredHealthy=5:i32 expectedPods=6:i32 conditions=7?:[]meta-v1.Condition',
  },
};
