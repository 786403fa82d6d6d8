// Protobuf field numbers and Go JSON facts of the io.k8s.api.discovery.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const discoveryV1: PackageTable = {
  alias: 'discovery-v1',
  prefix: 'io.k8s.api.discovery.v1',
  messages: {
    Endpoint: 'addresses=1:[]s conditions=2?:EndpointConditions hostname=3*?:s targetRef=4*?:core-v1.ObjectReference deprecatedTopology=5?:map[s] nodeName=6*?:s zone=7*?:s hints=8*?:EndpointHints',
    EndpointConditions: 'ready=1*?:b serving=2*?:b terminating=3*?:b',
    EndpointHints: 'forZones=1?:[]ForZone forNodes=2?:[]ForNode',
    EndpointPort: 'name=1*?:s protocol=2*?:s port=3*?:i32 appProtocol=4*?:s',
    EndpointSlice: 'metadata=1?:meta-v1.ObjectMeta addressType=4:s endpoints=2:[]Endpoint ports=3:[]EndpointPort',
    EndpointSliceList: 'metadata=1?:meta-v1.ListMeta items=2:[]EndpointSlice',
    ForNode: 'name=1:s',
    ForZone: 'name=1:s',
  },
};
