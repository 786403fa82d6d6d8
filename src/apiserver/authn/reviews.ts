// authentication.k8s.io reviews: TokenReview (is this token valid, and whose is it?) runs
// every token authenticator for the requested audiences; SelfSubjectReview (kubectl auth
// whoami) answers with the caller's own user.
import type { KubeObject } from '../../api/meta/v1/types.js';
import { BadRequestError, StatusError } from '../../machinery/errors.js';
import type { UserInfo } from '../authn.js';
import type { TokenAuthenticator } from '../chain.js';
import type { VirtualHandler } from '../rest-context.js';
import { parseJwt } from './jwt.js';
import { DEFAULT_AUDIENCES } from './sa-token.js';

const API_VERSION = 'authentication.k8s.io/v1';

/** The wire form of a user (authentication.k8s.io/v1 UserInfo): empty fields left out. */
export function userInfoWire(u: UserInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { username: u.name };
  if (u.uid) out.uid = u.uid;
  if (u.groups.length) out.groups = [...u.groups];
  if (u.extra && Object.keys(u.extra).length) out.extra = structuredClone(u.extra);
  return out;
}

export interface TokenCheck {
  user?: UserInfo;
  /** why the token was refused (empty when it is simply unknown) */
  error?: string;
}

/** Runs the authenticators in order (upstream's union): the first user wins; refusals are collected. */
export async function authenticateTokenWith(authenticators: readonly TokenAuthenticator[], token: string, audiences?: string[]): Promise<TokenCheck> {
  const errors: string[] = [];
  for (const a of authenticators) {
    try {
      const u = await (a.authenticateToken as (t: string, auds?: string[]) => Promise<UserInfo | undefined>).call(a, token, audiences);
      if (u) return { user: u };
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      errors.push(e.message);
    }
  }
  if (!errors.length) return {};
  return { error: errors.length === 1 ? errors[0] : `[${errors.join(', ')}]` };
}

function tokenAudiences(token: string, wanted: string[]): string[] {
  const jwt = parseJwt(token);
  const aud = jwt?.claims.aud;
  const list = Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : typeof aud === 'string' ? [aud] : undefined;
  return list ? wanted.filter((a) => list.includes(a)) : wanted;
}

export function tokenReviewHandler(opts: { authenticators: () => readonly TokenAuthenticator[]; audiences?: string[] }): VirtualHandler {
  return async (_ctx, body) => {
    const spec = (body.spec ?? {}) as { token?: string; audiences?: string[] };
    if (!spec.token) throw new BadRequestError('token is required for TokenReview in authentication');
    const wanted = spec.audiences?.length ? spec.audiences : (opts.audiences ?? DEFAULT_AUDIENCES);
    const r = await authenticateTokenWith(opts.authenticators(), spec.token, wanted);
    const status: Record<string, unknown> = { authenticated: !!r.user, user: r.user ? userInfoWire(r.user) : {} };
    if (r.user) status.audiences = tokenAudiences(spec.token, wanted);
    if (r.error) status.error = r.error;
    return { apiVersion: API_VERSION, kind: 'TokenReview', metadata: { ...(body.metadata ?? {}), creationTimestamp: null }, spec, status } as unknown as KubeObject;
  };
}

export function selfSubjectReviewHandler(): VirtualHandler {
  return async (ctx) => ({
    apiVersion: API_VERSION,
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: null },
    status: { userInfo: userInfoWire(ctx.user) },
  } as unknown as KubeObject);
}
