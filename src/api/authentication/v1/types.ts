// authentication.k8s.io/v1: TokenReview, SelfSubjectReview and TokenRequest
// (the body of serviceaccounts/token). None of them is stored.
import {
  definer, obj, req, str, int64, bool, list, map, time, packageOf, type Static,
} from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import type { ResourceInfo } from '../../scheme.js';
import { invalid, root, type FieldError } from '../../../machinery/field-errors.js';

const def = definer(packageOf('authentication.k8s.io', 'v1'));
const GROUP = 'authentication.k8s.io';

export const UserInfo = def('UserInfo', obj({
  username: str('The name that uniquely identifies this user among all active users.'),
  uid: str('A unique value that identifies this user across time.'),
  groups: list(str(), { listType: 'atomic', description: 'The groups this user is a member of.' }),
  extra: map(list(str()), 'Any additional information provided by the authenticator.'),
}, { description: 'UserInfo holds the information about a user needed to implement the user.Info interface.' }));
export type UserInfo = Static<typeof UserInfo>;

export const TokenReviewSpec = def('TokenReviewSpec', obj({
  token: str('The opaque bearer token.'),
  audiences: list(str(), { listType: 'atomic', description: 'Audiences the token must be valid for; empty means the API server\'s audiences.' }),
}, { description: 'TokenReviewSpec is a description of the token authentication request.' }));

export const TokenReviewStatus = def('TokenReviewStatus', obj({
  authenticated: bool('Whether the token is associated with a known user.'),
  user: UserInfo,
  audiences: list(str(), { listType: 'atomic', description: 'Audiences the token was found valid for.' }),
  error: str('Why the token could not be checked.'),
}, { description: 'TokenReviewStatus is the result of the token authentication request.' }));

export const TokenReview = kindSchema(GROUP, 'v1', 'TokenReview', { spec: req(TokenReviewSpec), status: TokenReviewStatus },
  'TokenReview asks the server to authenticate a token and say who it belongs to.');
export type TokenReview = Static<typeof TokenReview>;

export const SelfSubjectReviewStatus = def('SelfSubjectReviewStatus', obj({
  userInfo: UserInfo,
}, { description: 'SelfSubjectReviewStatus holds the user information of the requester.' }));

export const SelfSubjectReview = kindSchema(GROUP, 'v1', 'SelfSubjectReview', { status: SelfSubjectReviewStatus },
  'SelfSubjectReview returns the user information the server knows about the requester (kubectl auth whoami).');
export type SelfSubjectReview = Static<typeof SelfSubjectReview>;

export const BoundObjectReference = def('BoundObjectReference', obj({
  kind: str('Kind of the referent: Pod, Secret or Node.'),
  apiVersion: str('API version of the referent.'),
  name: str('Name of the referent.'),
  uid: str('UID of the referent.'),
}, { description: 'BoundObjectReference is a reference to an object that a token is bound to.' }));

export const TokenRequestSpec = def('TokenRequestSpec', obj({
  audiences: req(list(str(), { listType: 'atomic', description: 'The intended audiences of the token.' })),
  expirationSeconds: int64('The requested duration of validity; the server may return a shorter one.'),
  boundObjectRef: BoundObjectReference,
}, { description: 'TokenRequestSpec contains client provided parameters of a token request.' }));

export const TokenRequestStatus = def('TokenRequestStatus', obj({
  token: req(str('The opaque bearer token.')),
  expirationTimestamp: req(time),
}, { description: 'TokenRequestStatus is the result of a token request.' }));

export const TokenRequest = kindSchema(GROUP, 'v1', 'TokenRequest', { spec: req(TokenRequestSpec), status: TokenRequestStatus },
  'TokenRequest requests a token for a given service account (POST to serviceaccounts/NAME/token).');
export type TokenRequest = Static<typeof TokenRequest>;

/** SetDefaults_TokenRequestSpec: one hour. */
export function defaultTokenRequest(tr: TokenRequest): void {
  if (tr.spec && tr.spec.expirationSeconds === undefined) tr.spec.expirationSeconds = 3600;
}

const MIN_TOKEN_SECONDS = 10 * 60;
const MAX_TOKEN_SECONDS = 2 ** 32;

/** ValidateTokenRequest: between ten minutes and 2^32 seconds. */
export function validateTokenRequest(tr: TokenRequest): FieldError[] {
  const errs: FieldError[] = [];
  const secs = tr.spec?.expirationSeconds ?? 0;
  const p = root('spec', 'expirationSeconds');
  if (secs < MIN_TOKEN_SECONDS) errs.push(invalid(p, secs, 'may not specify a duration less than 10 minutes'));
  if (secs > MAX_TOKEN_SECONDS) errs.push({ ...invalid(p, secs, 'may not specify a duration larger than 2^32 seconds'), type: 'FieldValueTooLong', hasValue: false });
  return errs;
}

const virtual = {
  group: GROUP, version: 'v1', namespaced: false, shortNames: [], categories: [], subresources: [],
  verbs: ['create'], virtual: true,
};

export const tokenReviewResource: ResourceInfo<TokenReview> = {
  ...virtual, kind: 'TokenReview', resource: 'tokenreviews', singular: 'tokenreview', schema: TokenReview,
};

export const selfSubjectReviewResource: ResourceInfo<SelfSubjectReview> = {
  ...virtual, kind: 'SelfSubjectReview', resource: 'selfsubjectreviews', singular: 'selfsubjectreview', schema: SelfSubjectReview,
};
