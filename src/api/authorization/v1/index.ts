// authorization.k8s.io/v1: the access reviews (create-only, not stored).
import type { ResourceInfo } from '../../scheme.js';
import {
  AUTHZ_GROUP, LocalSubjectAccessReview, SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview,
} from './types.js';
import {
  validateLocalSubjectAccessReview, validateSelfSubjectAccessReview, validateSelfSubjectRulesReview,
  validateSubjectAccessReview,
} from './validation.js';

const virtual = {
  group: AUTHZ_GROUP, version: 'v1', shortNames: [], categories: [], subresources: [], verbs: ['create'], virtual: true,
};

export const resources: ResourceInfo[] = [
  {
    ...virtual, kind: 'LocalSubjectAccessReview', resource: 'localsubjectaccessreviews', singular: 'localsubjectaccessreview',
    namespaced: true, schema: LocalSubjectAccessReview, validate: validateLocalSubjectAccessReview,
  },
  {
    ...virtual, kind: 'SelfSubjectAccessReview', resource: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview',
    namespaced: false, schema: SelfSubjectAccessReview, validate: validateSelfSubjectAccessReview,
  },
  {
    ...virtual, kind: 'SelfSubjectRulesReview', resource: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview',
    namespaced: false, schema: SelfSubjectRulesReview, validate: validateSelfSubjectRulesReview,
  },
  {
    ...virtual, kind: 'SubjectAccessReview', resource: 'subjectaccessreviews', singular: 'subjectaccessreview',
    namespaced: false, schema: SubjectAccessReview, validate: validateSubjectAccessReview,
  },
];
