// Service-account tokens as upstream mints them. Bound tokens (TokenRequest API) carry
// iss/sub/aud/exp/iat/nbf/jti and a "kubernetes.io" claim naming the namespace, the
// service account and the object the token is bound to; legacy tokens (stored in Secrets of
// type kubernetes.io/service-account-token) carry the kubernetes.io/serviceaccount/* claims
// and never expire.
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { signJwt, type JwtClaims } from './jwt.js';
import type { ServiceAccountKeys } from './sa-keys.js';

/** The issuer and default audience of bound tokens (--service-account-issuer). */
export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const DEFAULT_AUDIENCES = [DEFAULT_ISSUER];
/** The issuer of Secret-based tokens. */
export const LEGACY_ISSUER = 'kubernetes/serviceaccount';

/** A kubelet asking for exactly this many seconds for a pod gets a year, with warnafter at the hour (upstream's safe transition). */
export const WARN_ONLY_BOUND_TOKEN_SECONDS = 60 * 60 + 7;
export const EXPIRATION_EXTENSION_SECONDS = 24 * 365 * 60 * 60;

export const USERNAME_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';

export const EXTRA_POD_NAME = 'authentication.kubernetes.io/pod-name';
export const EXTRA_POD_UID = 'authentication.kubernetes.io/pod-uid';
export const EXTRA_NODE_NAME = 'authentication.kubernetes.io/node-name';
export const EXTRA_NODE_UID = 'authentication.kubernetes.io/node-uid';
export const EXTRA_CREDENTIAL_ID = 'authentication.kubernetes.io/credential-id';

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${USERNAME_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS_GROUP, `${ALL_SERVICE_ACCOUNTS_GROUP}:${namespace}`];
}

/** system:serviceaccount:<ns>:<name> → [ns, name]; undefined for any other user name. */
export function splitServiceAccountUsername(user: string): [string, string] | undefined {
  if (!user.startsWith(USERNAME_PREFIX)) return undefined;
  const parts = user.slice(USERNAME_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

export interface ObjRef {
  name: string;
  uid: string;
}

/** The private "kubernetes.io" claim of a bound token. */
export interface KubernetesClaim {
  namespace: string;
  serviceaccount: ObjRef;
  pod?: ObjRef;
  secret?: ObjRef;
  node?: ObjRef;
  warnafter?: number;
}

export interface BoundTokenInput {
  serviceAccount: KubeObject;
  /** the object the token is bound to, at most one of pod / secret / node; a pod may come with its node */
  pod?: KubeObject;
  secret?: KubeObject;
  node?: KubeObject;
  audiences: string[];
  expirationSeconds: number;
  /** seconds since the epoch after which a use is reported as stale (extended pod tokens) */
  warnAfter?: number;
  /** seconds since the epoch (default: now) */
  now?: number;
  issuer?: string;
}

function ref(o: KubeObject): ObjRef {
  return { name: o.metadata?.name ?? '', uid: o.metadata?.uid ?? '' };
}

/** The claims of a bound token (token.Claims upstream). */
export function boundClaims(input: BoundTokenInput): JwtClaims {
  const sa = input.serviceAccount;
  const ns = sa.metadata?.namespace ?? '';
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (input.secret && (input.pod || input.node)) throw new Error('internal error, token can only be bound to one object type');
  const k8s: KubernetesClaim = { namespace: ns, serviceaccount: ref(sa) };
  if (input.pod) {
    k8s.pod = ref(input.pod);
    if (input.node) k8s.node = ref(input.node);
  } else if (input.secret) k8s.secret = ref(input.secret);
  else if (input.node) k8s.node = ref(input.node);
  if (input.warnAfter) k8s.warnafter = input.warnAfter;
  return {
    aud: input.audiences,
    exp: now + input.expirationSeconds,
    iat: now,
    iss: input.issuer ?? DEFAULT_ISSUER,
    jti: randomUUID(),
    'kubernetes.io': k8s,
    nbf: now,
    sub: serviceAccountUsername(ns, sa.metadata?.name ?? ''),
  };
}

export function issueBoundToken(keys: ServiceAccountKeys, input: BoundTokenInput): string {
  return signJwt(boundClaims(input), keys.privateKey, keys.keyId);
}

export const LEGACY_NAMESPACE_CLAIM = 'kubernetes.io/serviceaccount/namespace';
export const LEGACY_SECRET_NAME_CLAIM = 'kubernetes.io/serviceaccount/secret.name';
export const LEGACY_SA_NAME_CLAIM = 'kubernetes.io/serviceaccount/service-account.name';
export const LEGACY_SA_UID_CLAIM = 'kubernetes.io/serviceaccount/service-account.uid';

/** The claims of a Secret-based token (LegacyClaims upstream). */
export function legacyClaims(serviceAccount: KubeObject, secret: KubeObject): JwtClaims {
  const ns = serviceAccount.metadata?.namespace ?? '';
  const name = serviceAccount.metadata?.name ?? '';
  return {
    iss: LEGACY_ISSUER,
    [LEGACY_NAMESPACE_CLAIM]: ns,
    [LEGACY_SECRET_NAME_CLAIM]: secret.metadata?.name ?? '',
    [LEGACY_SA_NAME_CLAIM]: name,
    [LEGACY_SA_UID_CLAIM]: serviceAccount.metadata?.uid ?? '',
    sub: serviceAccountUsername(ns, name),
  };
}

/**
 * Mints the token the token controller writes into data.token of a Secret of type
 * kubernetes.io/service-account-token (annotation kubernetes.io/service-account.name).
 */
export function mintLegacyToken(keys: ServiceAccountKeys, serviceAccount: KubeObject, secret: KubeObject): string {
  return signJwt(legacyClaims(serviceAccount, secret), keys.privateKey, keys.keyId);
}

/**
 * What the token controller writes into a kubernetes.io/service-account-token Secret's data
 * (base64, as stored): the token, the cluster CA and the namespace.
 */
export function legacyTokenSecretData(keys: ServiceAccountKeys, serviceAccount: KubeObject, secret: KubeObject, caCert: string): Record<string, string> {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  return {
    'ca.crt': b64(caCert),
    namespace: b64(serviceAccount.metadata?.namespace ?? ''),
    token: b64(mintLegacyToken(keys, serviceAccount, secret)),
  };
}
