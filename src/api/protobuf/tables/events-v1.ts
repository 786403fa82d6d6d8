// Protobuf field numbers and Go JSON facts of the io.k8s.api.events.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const eventsV1: PackageTable = {
  alias: 'events-v1',
  prefix: 'io.k8s.api.events.v1',
  messages: {
    Event: 'metadata=1:meta-v1.ObjectMeta eventTime=2:meta-v1.MicroTime series=3*?:EventSeries reportingController=4?:s reportingInstance=5?:s action=6?:s reason=7?:s regarding=8?:core-v1.ObjectReference related=9*?:core-v1.ObjectReference note=10?:s type=11?:s deprecatedSource=12?:core-v1.EventSource deprecatedFirstTimestamp=13?:meta-v1.Time deprecatedLastTimestamp=14?:meta-v1.Time deprecatedCount=15?:i32',
    EventList: 'metadata=1?:meta-v1.ListMeta items=2:[]Event',
    EventSeries: 'count=1:i32 lastObservedTime=2:meta-v1.MicroTime',
  },
};
