// rbac.authorization.k8s.io/v1 schemas: Role, ClusterRole, RoleBinding, ClusterRoleBinding.
import { definer, obj, req, str, list, packageOf, type Static } from '../../schema.js';
import { kindSchema, LabelSelector } from '../../meta/v1/types.js';

const def = definer(packageOf('rbac.authorization.k8s.io', 'v1'));

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const PolicyRule = def('PolicyRule', obj({
  verbs: req(list(str(), { listType: 'atomic', description: 'Verbs allowed, e.g. get, list, watch; "*" for all.' })),
  apiGroups: list(str(), { listType: 'atomic', description: 'API groups of the resources; "" is the core group, "*" all groups.' }),
  resources: list(str(), { listType: 'atomic', description: 'Resources the rule applies to, e.g. pods or pods/log; "*" for all.' }),
  resourceNames: list(str(), { listType: 'atomic', description: 'Optional allow-list of object names.' }),
  nonResourceURLs: list(str(), { listType: 'atomic', description: 'Non-resource URLs such as /healthz (ClusterRoles only); "*" as a final segment matches a prefix.' }),
}, { description: 'PolicyRule holds the verbs allowed on a set of resources or non-resource URLs.' }));
export type PolicyRule = Static<typeof PolicyRule>;

export const AggregationRule = def('AggregationRule', obj({
  clusterRoleSelectors: list(LabelSelector, { listType: 'atomic', description: 'ClusterRoles matching any selector have their rules aggregated into this one.' }),
}, { description: 'AggregationRule describes how to build the rules of a ClusterRole from other ClusterRoles.' }));

export const Subject = def('Subject', obj({
  kind: req(str('The kind of subject: User, Group or ServiceAccount.')),
  apiGroup: str('The API group of the subject: "" for ServiceAccount, rbac.authorization.k8s.io for User and Group.'),
  name: req(str('The name of the subject.')),
  namespace: str('The namespace of a ServiceAccount subject.'),
}, { description: 'Subject is a user, group or service account a binding grants a role to.', mapType: 'atomic' }));
export type Subject = Static<typeof Subject>;

export const RoleRef = def('RoleRef', obj({
  apiGroup: req(str('The API group of the role: rbac.authorization.k8s.io.')),
  kind: req(str('Role or ClusterRole.')),
  name: req(str('The name of the role.')),
}, { description: 'RoleRef names the role a binding grants.', mapType: 'atomic' }));
export type RoleRef = Static<typeof RoleRef>;

const rules = list(PolicyRule, { listType: 'atomic', description: 'The rules of this role.' });
const subjects = list(Subject, { listType: 'atomic', description: 'The subjects the role is granted to.' });

export const Role = kindSchema(RBAC_GROUP, 'v1', 'Role', { rules },
  'Role is a namespaced set of policy rules, granted by a RoleBinding.');
export type Role = Static<typeof Role>;

export const ClusterRole = kindSchema(RBAC_GROUP, 'v1', 'ClusterRole', { rules, aggregationRule: AggregationRule },
  'ClusterRole is a cluster-wide set of policy rules, granted by a RoleBinding (in a namespace) or a ClusterRoleBinding.');
export type ClusterRole = Static<typeof ClusterRole>;

export const RoleBinding = kindSchema(RBAC_GROUP, 'v1', 'RoleBinding', { subjects, roleRef: req(RoleRef) },
  'RoleBinding grants the rules of a Role or ClusterRole to subjects within one namespace.');
export type RoleBinding = Static<typeof RoleBinding>;

export const ClusterRoleBinding = kindSchema(RBAC_GROUP, 'v1', 'ClusterRoleBinding', { subjects, roleRef: req(RoleRef) },
  'ClusterRoleBinding grants the rules of a ClusterRole to subjects in the whole cluster.');
export type ClusterRoleBinding = Static<typeof ClusterRoleBinding>;
