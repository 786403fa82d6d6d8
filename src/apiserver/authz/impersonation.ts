// User impersonation (kubectl --as / --as-group, the Impersonate-* headers), as upstream's
// WithImpersonation filter: each thing impersonated needs the `impersonate` verb on it —
// users, groups, serviceaccounts (namespaced), uids and userextras/<key> — and the request
// then runs as the impersonated user.
import { BadRequestError, type StatusError } from '../../machinery/errors.js';
import type { AuthorizationAttributes, Authorizer, UserInfo } from '../chain.js';
import { forbiddenError } from './authorizer.js';

type Headers = Record<string, string | string[] | undefined>;

const SA_PREFIX = 'system:serviceaccount:';

function values(h: Headers, name: string): string[] {
  const v = h[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== '');
}

/** An extra key as the header spells it, percent-decoded; kept raw when the escapes are malformed (upstream's unescapeExtraKey). */
function unescapeExtraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** True when the request asks to act as someone else. */
export function wantsImpersonation(h: Headers): boolean {
  return Object.keys(h).some((k) => k.toLowerCase().startsWith('impersonate-'));
}

/**
 * The user the request acts as: the authenticated one, or the impersonated one when the
 * Impersonate-* headers ask for it and the authorizer allows each part. Throws 403 / 400.
 */
export async function impersonatedUser(h: Headers, requestor: UserInfo, z: Authorizer): Promise<UserInfo> {
  if (!wantsImpersonation(h)) return requestor;
  const userHeader = values(h, 'impersonate-user')[0];
  const groupHeaders = values(h, 'impersonate-group');
  const uid = values(h, 'impersonate-uid')[0];
  const extraKeys = Object.keys(h).filter((k) => k.toLowerCase().startsWith('impersonate-extra-'));
  if (!userHeader && (groupHeaders.length || uid || extraKeys.length)) {
    throw new BadRequestError('requested impersonation of groups, uid or extra without impersonating a user');
  }
  // an empty Impersonate-User (and nothing else) asks for nobody: the request runs as itself
  if (!userHeader) return requestor;
  const checks: AuthorizationAttributes[] = [];
  const base = (resource: string, name: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes => ({
    user: requestor, verb: 'impersonate', isResourceRequest: true, path: '', apiGroup: '', apiVersion: 'v1',
    resource, subresource: '', namespace: '', name, ...extra,
  });
  let name = userHeader ?? '';
  let groups: string[] = [];
  if (userHeader?.startsWith(SA_PREFIX)) {
    const [ns, sa] = userHeader.slice(SA_PREFIX.length).split(':');
    if (!ns || !sa) throw new BadRequestError(`invalid service account username ${JSON.stringify(userHeader)}`);
    checks.push(base('serviceaccounts', sa, { namespace: ns }));
    name = `${SA_PREFIX}${ns}:${sa}`;
    if (!groupHeaders.length) groups = ['system:serviceaccounts', `system:serviceaccounts:${ns}`];
  } else if (userHeader) {
    checks.push(base('users', userHeader));
  }
  for (const g of groupHeaders) {
    checks.push(base('groups', g));
    groups.push(g);
  }
  const extra: Record<string, string[]> = {};
  for (const k of extraKeys) {
    const key = unescapeExtraKey(k.toLowerCase().slice('impersonate-extra-'.length));
    for (const v of values(h, k)) {
      checks.push(base('userextras', v, { apiGroup: 'authentication.k8s.io', subresource: key }));
      (extra[key] ??= []).push(v);
    }
  }
  if (uid) checks.push(base('uids', uid, { apiGroup: 'authentication.k8s.io' }));
  for (const c of checks) {
    const d = await z.authorize(c);
    if (d.decision !== 'allow') throw forbiddenError(c, d) as StatusError;
  }
  const anonymous = name === 'system:anonymous';
  const marker = anonymous ? 'system:unauthenticated' : 'system:authenticated';
  if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push(marker);
  const out: UserInfo = { name, groups };
  if (uid) out.uid = uid;
  if (Object.keys(extra).length) out.extra = extra;
  return out;
}
