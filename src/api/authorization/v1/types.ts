// authorization.k8s.io/v1: access reviews. Create-only and never stored: the server
// answers them with its authorizer in the status.
import {
  definer, obj, req, str, bool, list, map, packageOf, type Static,
} from '../../schema.js';
import { kindSchema, LabelSelectorRequirement } from '../../meta/v1/types.js';
import { FieldSelectorRequirement } from '../../meta/v1/field-selector.js';

const def = definer(packageOf('authorization.k8s.io', 'v1'));
export const AUTHZ_GROUP = 'authorization.k8s.io';

export const FieldSelectorAttributes = def('FieldSelectorAttributes', obj({
  rawSelector: str('The field selector as a string, as in a list request\'s fieldSelector parameter.'),
  requirements: list(FieldSelectorRequirement, { listType: 'atomic', description: 'The parsed form of rawSelector.' }),
}, { description: 'FieldSelectorAttributes indicates a field limited access.' }));

export const LabelSelectorAttributes = def('LabelSelectorAttributes', obj({
  rawSelector: str('The label selector as a string, as in a list request\'s labelSelector parameter.'),
  requirements: list(LabelSelectorRequirement, { listType: 'atomic', description: 'The parsed form of rawSelector.' }),
}, { description: 'LabelSelectorAttributes indicates a label limited access.' }));

export const ResourceAttributes = def('ResourceAttributes', obj({
  namespace: str('The namespace of the action; "" means all namespaces for namespaced resources.'),
  verb: str('A Kubernetes resource API verb, like get, list, watch, create, update, delete, proxy; "*" means all.'),
  group: str('The API group of the resource; "*" means all.'),
  version: str('The API version of the resource; "*" means all.'),
  resource: str('One of the existing resource types; "*" means all.'),
  subresource: str('One of the existing subresources; "" means none.'),
  name: str('The name of the resource acted on; "" means all.'),
  fieldSelector: FieldSelectorAttributes,
  labelSelector: LabelSelectorAttributes,
}, { description: 'ResourceAttributes describes an action on a resource.' }));
export type ResourceAttributes = Static<typeof ResourceAttributes>;

export const NonResourceAttributes = def('NonResourceAttributes', obj({
  path: str('The URL path of the request.'),
  verb: str('The standard HTTP verb.'),
}, { description: 'NonResourceAttributes describes an action on a non-resource URL.' }));

export const SubjectAccessReviewSpec = def('SubjectAccessReviewSpec', obj({
  resourceAttributes: ResourceAttributes,
  nonResourceAttributes: NonResourceAttributes,
  user: str('The user to test for.'),
  groups: list(str(), { listType: 'atomic', description: 'The groups to test for.' }),
  extra: map(list(str()), 'Extra information of the user.'),
  uid: str('Information about the requesting user.'),
}, { description: 'SubjectAccessReviewSpec is a description of the access request; exactly one of resourceAttributes and nonResourceAttributes.' }));
export type SubjectAccessReviewSpec = Static<typeof SubjectAccessReviewSpec>;

export const SubjectAccessReviewStatus = def('SubjectAccessReviewStatus', obj({
  allowed: req(bool('Whether the action is allowed.')),
  denied: bool('Whether the action is explicitly denied.'),
  reason: str('Why the action is allowed or denied.'),
  evaluationError: str('An error that occurred while checking authorization.'),
}, { description: 'SubjectAccessReviewStatus is the answer to an access review.' }));

export const SelfSubjectAccessReviewSpec = def('SelfSubjectAccessReviewSpec', obj({
  resourceAttributes: ResourceAttributes,
  nonResourceAttributes: NonResourceAttributes,
}, { description: 'SelfSubjectAccessReviewSpec is a description of the access request for the requester.' }));

export const SubjectAccessReview = kindSchema(AUTHZ_GROUP, 'v1', 'SubjectAccessReview',
  { spec: req(SubjectAccessReviewSpec), status: SubjectAccessReviewStatus },
  'SubjectAccessReview checks whether a user or group can perform an action.');
export type SubjectAccessReview = Static<typeof SubjectAccessReview>;

export const SelfSubjectAccessReview = kindSchema(AUTHZ_GROUP, 'v1', 'SelfSubjectAccessReview',
  { spec: req(SelfSubjectAccessReviewSpec), status: SubjectAccessReviewStatus },
  'SelfSubjectAccessReview checks whether the requester can perform an action (kubectl auth can-i).');
export type SelfSubjectAccessReview = Static<typeof SelfSubjectAccessReview>;

export const LocalSubjectAccessReview = kindSchema(AUTHZ_GROUP, 'v1', 'LocalSubjectAccessReview',
  { spec: req(SubjectAccessReviewSpec), status: SubjectAccessReviewStatus },
  'LocalSubjectAccessReview checks whether a user or group can perform an action in the given namespace.');
export type LocalSubjectAccessReview = Static<typeof LocalSubjectAccessReview>;

export const SelfSubjectRulesReviewSpec = def('SelfSubjectRulesReviewSpec', obj({
  namespace: str('The namespace to evaluate rules for.'),
}, { description: 'SelfSubjectRulesReviewSpec defines the specification for SelfSubjectRulesReview.' }));

export const ResourceRule = def('ResourceRule', obj({
  verbs: req(list(str(), { listType: 'atomic', description: 'Allowed verbs; "*" means all.' })),
  apiGroups: list(str(), { listType: 'atomic', description: 'API groups; "*" means all.' }),
  resources: list(str(), { listType: 'atomic', description: 'Resources; "*" means all.' }),
  resourceNames: list(str(), { listType: 'atomic', description: 'Allowed names; empty means all.' }),
}, { description: 'ResourceRule is the list of actions the subject may perform on resources.' }));

export const NonResourceRule = def('NonResourceRule', obj({
  verbs: req(list(str(), { listType: 'atomic', description: 'Allowed verbs; "*" means all.' })),
  nonResourceURLs: list(str(), { listType: 'atomic', description: 'Partial URLs a user may access; "*" as a final step matches a prefix.' }),
}, { description: 'NonResourceRule holds the verbs allowed on non-resource URLs.' }));

export const SubjectRulesReviewStatus = def('SubjectRulesReviewStatus', obj({
  resourceRules: req(list(ResourceRule, { listType: 'atomic', description: 'What the subject may do on resources.' })),
  nonResourceRules: req(list(NonResourceRule, { listType: 'atomic', description: 'What the subject may do on non-resource URLs.' })),
  incomplete: req(bool('Whether the rules are incomplete, e.g. because an authorizer cannot enumerate them.')),
  evaluationError: str('An error that occurred while evaluating the rules.'),
}, { description: 'SubjectRulesReviewStatus holds the rules a subject has in a namespace.' }));

export const SelfSubjectRulesReview = kindSchema(AUTHZ_GROUP, 'v1', 'SelfSubjectRulesReview',
  { spec: req(SelfSubjectRulesReviewSpec), status: SubjectRulesReviewStatus },
  'SelfSubjectRulesReview enumerates what the requester can do in a namespace (kubectl auth can-i --list).');
export type SelfSubjectRulesReview = Static<typeof SelfSubjectRulesReview>;
