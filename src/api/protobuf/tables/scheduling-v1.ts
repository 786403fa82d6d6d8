// Protobuf field numbers and Go JSON facts of the io.k8s.api.scheduling.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const schedulingV1: PackageTable = {
  alias: 'scheduling-v1',
  prefix: 'io.k8s.api.scheduling.v1',
  messages: {
    PriorityClass: 'metadata=1?:meta-v1.ObjectMeta value=2:i32 globalDefault=3?:b description=4?:s preemptionPolicy=5*?:s',
    PriorityClassList: 'metadata=1?:meta-v1.ListMeta items=2:[]PriorityClass',
  },
};
