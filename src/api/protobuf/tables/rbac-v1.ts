// Protobuf field numbers and Go JSON facts of the io.k8s.api.rbac.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const rbacV1: PackageTable = {
  alias: 'rbac-v1',
  prefix: 'io.k8s.api.rbac.v1',
  messages: {
    AggregationRule: 'clusterRoleSelectors=1?:[]meta-v1.LabelSelector',
    ClusterRole: 'metadata=1?:meta-v1.ObjectMeta rules=2:[]PolicyRule aggregationRule=3*?:AggregationRule',
    ClusterRoleBinding: 'metadata=1?:meta-v1.ObjectMeta subjects=2?:[]Subject roleRef=3:RoleRef',
    ClusterRoleBindingList: 'metadata=1?:meta-v1.ListMeta items=2:[]ClusterRoleBinding',
    ClusterRoleList: 'metadata=1?:meta-v1.ListMeta items=2:[]ClusterRole',
    PolicyRule: 'verbs=1:[]s apiGroups=2?:[]s resources=3?:[]s resourceNames=4?:[]s nonResourceURLs=5?:[]s',
    Role: 'metadata=1?:meta-v1.ObjectMeta rules=2:[]PolicyRule',
    RoleBinding: 'metadata=1?:meta-v1.ObjectMeta subjects=2?:[]Subject roleRef=3:RoleRef',
    RoleBindingList: 'metadata=1?:meta-v1.ListMeta items=2:[]RoleBinding',
    RoleList: 'metadata=1?:meta-v1.ListMeta items=2:[]Role',
    RoleRef: 'apiGroup=1:s kind=2:s name=3:s',
    Subject: 'kind=1:s apiGroup=2?:s name=3:s namespace=4?:s',
  },
};
