// Protobuf field numbers and Go JSON facts of the io.k8s.api.storage.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const storageV1: PackageTable = {
  alias: 'storage-v1',
  prefix: 'io.k8s.api.storage.v1',
  messages: {
    CSIDriver: 'metadata=1?:meta-v1.ObjectMeta spec=2:CSIDriverSpec',
    CSIDriverList: 'metadata=1?:meta-v1.ListMeta items=2:[]CSIDriver',
    CSIDriverSpec: 'attachRequired=1*?:b podInfoOnMount=2*?:b volumeLifecycleModes=3?:[]s storageCapacity=4*?:b fsGroupPolicy=5*?:s tokenRequests=6?:[]TokenRequest requiresRepublish=7*?:b seLinuxMount=8*?:b nodeAllocatableUpdatePeriodSeconds=9*?:i64',
    CSINode: 'metadata=1?:meta-v1.ObjectMeta spec=2:CSINodeSpec',
    CSINodeDriver: 'name=1:s nodeID=2:s topologyKeys=3:[]s allocatable=4*?:VolumeNodeResources',
    CSINodeList: 'metadata=1?:meta-v1.ListMeta items=2:[]CSINode',
    CSINodeSpec: 'drivers=1:[]CSINodeDriver',
    CSIStorageCapacity: 'metadata=1?:meta-v1.ObjectMeta nodeTopology=2*?:meta-v1.LabelSelector storageClassName=3:s capacity=4*?:resource.Quantity maximumVolumeSize=5*?:resource.Quantity',
    CSIStorageCapacityList: 'metadata=1?:meta-v1.ListMeta items=2:[]CSIStorageCapacity',
    StorageClass: 'metadata=1?:meta-v1.ObjectMeta provisioner=2:s parameters=3?:map[s] reclaimPolicy=4*?:s mountOptions=5?:[]s allowVolumeExpansion=6*?:b volumeBindingMode=7*?:s allowedTopologies=8?:[]core-v1.TopologySelectorTerm',
    StorageClassList: 'metadata=1?:meta-v1.ListMeta items=2:[]StorageClass',
    TokenRequest: 'audience=1:s expirationSeconds=2*?:i64',
    VolumeAttachment: 'metadata=1?:meta-v1.ObjectMeta spec=2:VolumeAttachmentSpec status=3?:VolumeAttachmentStatus',
    VolumeAttachmentList: 'metadata=1?:meta-v1.ListMeta items=2:[]VolumeAttachment',
    VolumeAttachmentSource: 'persistentVolumeName=1*?:s inlineVolumeSpec=2*?:core-v1.PersistentVolumeSpec',
    VolumeAttachmentSpec: 'attacher=1:s source=2:VolumeAttachmentSource nodeName=3:s',
    VolumeAttachmentStatus: 'attached=1:b attachmentMetadata=2?:map[s] attachError=3*?:VolumeError detachError=4*?:VolumeError',
    VolumeError: 'time=1?:meta-v1.Time message=2?:s errorCode=3*?:i32',
    VolumeNodeResources: 'count=1*?:i32',
  },
};
