// authentication.k8s.io/v1: TokenReview and SelfSubjectReview (create-only, not stored).
// TokenRequest is the body of the core serviceaccounts/token subresource; see subresourceKinds.
import type { ResourceInfo } from '../../scheme.js';
import {
  defaultTokenRequest, selfSubjectReviewResource, tokenReviewResource, TokenRequest, validateTokenRequest,
} from './types.js';

export const resources: ResourceInfo[] = [selfSubjectReviewResource, tokenReviewResource];

/** Kinds that only appear as the body of a subresource of another group's resource. */
export const subresourceKinds = [
  {
    group: '', version: 'v1', resource: 'serviceaccounts', subresource: 'token', schema: TokenRequest,
    kind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
    defaults: defaultTokenRequest, validate: validateTokenRequest,
  },
];
