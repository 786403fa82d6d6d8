// Authentication beyond certificates: service-account tokens (bound and Secret-based),
// bootstrap tokens, and the authentication.k8s.io reviews. installAuthentication() registers
// the TokenRequest and review handlers on the API server and returns the token
// authenticators for its chain.
import type { Scheme } from '../../api/scheme.js';
import type { TokenAuthenticator } from '../chain.js';
import type { Registry } from '../registry.js';
import type { VirtualHandler } from '../rest-context.js';
import { createBootstrapTokenAuthenticator } from './bootstrap-token.js';
import { registryLookup, type ObjectLookup } from './lookup.js';
import { selfSubjectReviewHandler, tokenReviewHandler } from './reviews.js';
import { createBoundTokenAuthenticator, createLegacyTokenAuthenticator } from './sa-authn.js';
import type { ServiceAccountKeys } from './sa-keys.js';
import { DEFAULT_AUDIENCES, DEFAULT_ISSUER } from './sa-token.js';
import { tokenRequestHandler } from './token-request.js';

export { ensureServiceAccountKeys, generateServiceAccountKeys, type ServiceAccountKeys } from './sa-keys.js';
export { staticTokenAuthenticator, staticTokenFileAuthenticator } from './static-token.js';
export { mintLegacyToken, legacyTokenSecretData, issueBoundToken, DEFAULT_ISSUER, DEFAULT_AUDIENCES, LEGACY_ISSUER } from './sa-token.js';
export { createBoundTokenAuthenticator, createLegacyTokenAuthenticator } from './sa-authn.js';
export { createBootstrapTokenAuthenticator } from './bootstrap-token.js';
export { authenticateTokenWith, userInfoWire } from './reviews.js';
export { registryLookup, type ObjectLookup } from './lookup.js';

/** What installAuthentication needs from the API server. */
export interface AuthnHost {
  registry: Registry;
  scheme: Scheme;
  registerVirtual(path: string, handler: VirtualHandler): void;
  addTokenAuthenticator(a: TokenAuthenticator): void;
  /** the server's static token file authenticator (--token-auth-file), which TokenReview asks first */
  readonly tokenFileAuthenticator?: TokenAuthenticator;
}

export interface AuthenticationOptions {
  keys: ServiceAccountKeys;
  /** --api-audiences (default [https://kubernetes.default.svc.cluster.local]) */
  audiences?: string[];
  /** --service-account-issuer (default https://kubernetes.default.svc.cluster.local) */
  issuer?: string;
  /** more authenticators that run before ours in TokenReview */
  otherTokenAuthenticators?: TokenAuthenticator[];
  lookup?: ObjectLookup;
}

/**
 * Registers serviceaccounts/token, tokenreviews and selfsubjectreviews on the server and adds
 * (and returns) the token authenticators: bound SA tokens, legacy SA tokens, bootstrap tokens.
 */
export function installAuthentication(host: AuthnHost, opts: AuthenticationOptions): TokenAuthenticator[] {
  const lookup = opts.lookup ?? registryLookup(host.registry, host.scheme);
  const audiences = opts.audiences ?? DEFAULT_AUDIENCES;
  const issuer = opts.issuer ?? DEFAULT_ISSUER;
  const ours: TokenAuthenticator[] = [
    createBoundTokenAuthenticator({ keys: opts.keys, lookup, audiences, issuers: [issuer] }),
    createLegacyTokenAuthenticator({ keys: opts.keys, lookup }),
    createBootstrapTokenAuthenticator({ lookup }),
  ];
  const all = [
    ...(host.tokenFileAuthenticator ? [host.tokenFileAuthenticator] : []),
    ...(opts.otherTokenAuthenticators ?? []), ...ours,
  ];
  host.registerVirtual('/serviceaccounts/token', tokenRequestHandler({ keys: opts.keys, lookup, audiences, issuer }));
  host.registerVirtual('authentication.k8s.io/tokenreviews', tokenReviewHandler({ authenticators: () => all, audiences }));
  host.registerVirtual('authentication.k8s.io/selfsubjectreviews', selfSubjectReviewHandler());
  for (const a of ours) host.addTokenAuthenticator(a);
  return ours;
}
