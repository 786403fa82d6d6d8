// Protobuf field numbers and Go JSON facts of the io.k8s.api.coordination.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const coordinationV1: PackageTable = {
  alias: 'coordination-v1',
  prefix: 'io.k8s.api.coordination.v1',
  messages: {
    Lease: 'metadata=1?:meta-v1.ObjectMeta spec=2?:LeaseSpec',
    LeaseList: 'metadata=1?:meta-v1.ListMeta items=2:[]Lease',
    LeaseSpec: 'holderIdentity=1*?:s leaseDurationSeconds=2*?:i32 acquireTime=3*?:meta-v1.MicroTime renewTime=4*?:meta-v1.MicroTime leaseTransitions=5*?:i32 strategy=6*?:s preferredHolder=7*?:s',
  },
};
