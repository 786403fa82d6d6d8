// Verifies service-account tokens: the signature against the service-account keys, the
// time window and audiences of bound tokens, and that the service account (same uid) and the
// object the token is bound to (or, for legacy tokens, the Secret holding it) still exist.
import type { KubeObject } from '../../api/meta/v1/types.js';
import { UnauthorizedError } from '../../machinery/errors.js';
import type { UserInfo } from '../authn.js';
import type { TokenAuthenticator } from '../chain.js';
import { parseJwt, verifyJwt, type ParsedJwt } from './jwt.js';
import type { ObjectLookup } from './lookup.js';
import type { ServiceAccountKeys } from './sa-keys.js';
import {
  DEFAULT_AUDIENCES, DEFAULT_ISSUER, EXTRA_CREDENTIAL_ID, EXTRA_NODE_NAME, EXTRA_NODE_UID, EXTRA_POD_NAME, EXTRA_POD_UID,
  LEGACY_ISSUER, LEGACY_NAMESPACE_CLAIM, LEGACY_SA_NAME_CLAIM, LEGACY_SA_UID_CLAIM, LEGACY_SECRET_NAME_CLAIM,
  serviceAccountGroups, serviceAccountUsername, splitServiceAccountUsername, type ObjRef,
} from './sa-token.js';

/** Clock skew tolerated on exp / nbf / iat (go-jose's default leeway). */
const LEEWAY_SECONDS = 60;

/** An authenticator that can also check a token for other audiences than the server's (TokenReview). */
export interface AudienceTokenAuthenticator extends TokenAuthenticator {
  authenticateToken(token: string, audiences?: string[]): Promise<UserInfo | undefined>;
}

export interface ServiceAccountAuthnOptions {
  keys: Pick<ServiceAccountKeys, 'publicKeys'>;
  lookup: ObjectLookup;
  /** the API server's audiences (--api-audiences); default [https://kubernetes.default.svc.cluster.local] */
  audiences?: string[];
  /** accepted issuers of bound tokens; default [https://kubernetes.default.svc.cluster.local] */
  issuers?: string[];
  /** seconds since the epoch (tests use a fake clock) */
  now?: () => number;
}

function fail(message: string): never {
  throw new UnauthorizedError(message);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function quoteList(list: string[]): string {
  return `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;
}

function asRef(v: unknown): ObjRef | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  return { name: str(r.name), uid: str(r.uid) };
}

function userFor(ns: string, sa: KubeObject, extra: Record<string, string[]>): UserInfo {
  const u: UserInfo = {
    name: serviceAccountUsername(ns, sa.metadata?.name ?? ''),
    uid: sa.metadata?.uid,
    groups: [...serviceAccountGroups(ns), 'system:authenticated'],
  };
  if (Object.keys(extra).length) u.extra = extra;
  return u;
}

/** An object marked for deletion more than a minute ago no longer vouches for tokens. */
function deletedLongAgo(o: KubeObject, now: number): boolean {
  const ts = o.metadata?.deletionTimestamp;
  return !!ts && Date.parse(ts) / 1000 < now - 60;
}

function checkSignature(jwt: ParsedJwt, opts: ServiceAccountAuthnOptions): void {
  if (!verifyJwt(jwt, opts.keys.publicKeys)) fail('invalid bearer token, token signature is invalid');
}

/** Bound tokens from the TokenRequest API. */
export function createBoundTokenAuthenticator(opts: ServiceAccountAuthnOptions): AudienceTokenAuthenticator {
  const issuers = opts.issuers ?? [DEFAULT_ISSUER];
  const apiAudiences = opts.audiences ?? DEFAULT_AUDIENCES;
  const clock = opts.now ?? ((): number => Date.now() / 1000);
  return {
    async authenticateToken(token: string, audiences?: string[]): Promise<UserInfo | undefined> {
      const jwt = parseJwt(token);
      if (!jwt || !issuers.includes(str(jwt.claims.iss))) return undefined;
      checkSignature(jwt, opts);
      const c = jwt.claims;
      const now = clock();
      if (typeof c.exp !== 'number') fail('service account token is missing the exp claim');
      if (now > c.exp + LEEWAY_SECONDS) fail('service account token has expired');
      if (typeof c.nbf === 'number' && now < c.nbf - LEEWAY_SECONDS) fail('service account token is not valid yet');
      if (typeof c.iat === 'number' && now < c.iat - LEEWAY_SECONDS) fail('service account token is issued in the future');
      const tokenAuds = Array.isArray(c.aud) ? c.aud.map(str) : typeof c.aud === 'string' ? [c.aud] : [];
      const wanted = audiences?.length ? audiences : apiAudiences;
      if (!tokenAuds.some((a) => wanted.includes(a))) fail(`token audiences ${quoteList(tokenAuds)} is invalid for the target audiences ${quoteList(wanted)}`);
      const k8s = c['kubernetes.io'] as Record<string, unknown> | undefined;
      const saRef = asRef(k8s?.serviceaccount);
      const ns = str(k8s?.namespace);
      if (!k8s || !saRef?.name || !ns) fail('service account token claims could not be validated: kubernetes.io claim is incomplete');
      if (str(c.sub) !== serviceAccountUsername(ns, saRef.name)) fail('service account token claims could not be validated: sub claim is invalid');
      const extra: Record<string, string[]> = {};
      const podRef = asRef(k8s.pod);
      const secretRef = asRef(k8s.secret);
      const nodeRef = asRef(k8s.node);
      if (podRef) {
        const pod = await opts.lookup('pods', ns, podRef.name);
        if (!pod) fail(`pod ${ns}/${podRef.name} has been deleted`);
        if (pod.metadata?.uid !== podRef.uid) fail(`pod UID (${pod.metadata?.uid ?? ''}) does not match claim (${podRef.uid})`);
        if (deletedLongAgo(pod, now)) fail(`pod ${ns}/${podRef.name} is being deleted`);
        extra[EXTRA_POD_NAME] = [podRef.name];
        extra[EXTRA_POD_UID] = [podRef.uid];
      } else if (secretRef) {
        const secret = await opts.lookup('secrets', ns, secretRef.name);
        if (!secret) fail(`secret ${ns}/${secretRef.name} has been deleted`);
        if (secret.metadata?.uid !== secretRef.uid) fail(`secret UID (${secret.metadata?.uid ?? ''}) does not match claim (${secretRef.uid})`);
        if (deletedLongAgo(secret, now)) fail(`secret ${ns}/${secretRef.name} is being deleted`);
      } else if (nodeRef) {
        const node = await opts.lookup('nodes', '', nodeRef.name);
        if (!node) fail(`node ${nodeRef.name} has been deleted`);
        if (node.metadata?.uid !== nodeRef.uid) fail(`node UID (${node.metadata?.uid ?? ''}) does not match claim (${nodeRef.uid})`);
        if (deletedLongAgo(node, now)) fail(`node ${nodeRef.name} is being deleted`);
      }
      const sa = await opts.lookup('serviceaccounts', ns, saRef.name);
      if (!sa) fail(`service account ${ns}/${saRef.name} has been deleted`);
      if (sa.metadata?.uid !== saRef.uid) fail(`service account UID (${sa.metadata?.uid ?? ''}) does not match claim (${saRef.uid})`);
      if (deletedLongAgo(sa, now)) fail(`service account ${ns}/${saRef.name} is being deleted`);
      if (typeof c.jti === 'string' && c.jti) extra[EXTRA_CREDENTIAL_ID] = [`JTI=${c.jti}`];
      if (nodeRef) {
        extra[EXTRA_NODE_NAME] = [nodeRef.name];
        if (nodeRef.uid) extra[EXTRA_NODE_UID] = [nodeRef.uid];
      }
      return userFor(ns, sa, extra);
    },
  };
}

function secretToken(secret: KubeObject): string {
  const data = secret.data as Record<string, string> | undefined;
  return data?.token ? Buffer.from(data.token, 'base64').toString('utf8') : '';
}

/** Secret-based (legacy) tokens: valid while their Secret holds the same token and the service account lives. */
export function createLegacyTokenAuthenticator(opts: ServiceAccountAuthnOptions): TokenAuthenticator {
  return {
    async authenticateToken(token: string): Promise<UserInfo | undefined> {
      const jwt = parseJwt(token);
      if (!jwt || str(jwt.claims.iss) !== LEGACY_ISSUER) return undefined;
      checkSignature(jwt, opts);
      const c = jwt.claims;
      const sub = str(c.sub);
      const ns = str(c[LEGACY_NAMESPACE_CLAIM]);
      const secretName = str(c[LEGACY_SECRET_NAME_CLAIM]);
      const saName = str(c[LEGACY_SA_NAME_CLAIM]);
      const saUid = str(c[LEGACY_SA_UID_CLAIM]);
      if (!sub) fail('sub claim is missing');
      if (!ns) fail('namespace claim is missing');
      if (!secretName) fail('secretName claim is missing');
      if (!saName) fail('serviceAccountName claim is missing');
      if (!saUid) fail('serviceAccountUID claim is missing');
      const split = splitServiceAccountUsername(sub);
      if (!split || split[0] !== ns || split[1] !== saName) fail('sub claim is invalid');
      const secret = await opts.lookup('secrets', ns, secretName);
      if (!secret || secret.metadata?.deletionTimestamp) fail('Token has been invalidated');
      if (secretToken(secret) !== token) fail("Token does not match server's copy");
      if (secret.metadata?.labels?.['kubernetes.io/legacy-token-invalid-since']) fail('Token has been invalidated');
      const sa = await opts.lookup('serviceaccounts', ns, saName);
      if (!sa) fail(`ServiceAccount ${ns}/${saName} has been deleted`);
      if (sa.metadata?.deletionTimestamp) fail(`ServiceAccount ${ns}/${saName} is marked for deletion`);
      if (sa.metadata?.uid !== saUid) fail(`ServiceAccount UID (${sa.metadata?.uid ?? ''}) does not match claim (${saUid})`);
      return userFor(ns, sa, {});
    },
  };
}
