// Authentication: who is asking. Client certificates signed by the cluster CA (CN = user,
// O = groups), as upstream's x509 authenticator, then bearer tokens through the token
// authenticators (the static token file of authn/static-token.ts first). Requests with no
// credentials are anonymous; the server refuses them (401) except on the health endpoints.
import type { TLSSocket } from 'node:tls';
import { UnauthorizedError } from '../machinery/errors.js';
import { subjectIdentity } from '../cluster/pki.js';
import type { TokenAuthenticator } from './chain.js';
import type { Req } from './http.js';
import { TokenCache } from './authn/token-cache.js';

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Finds the user behind a request: undefined when it carries no credentials; throws 401 for bad ones. */
export interface Authenticator {
  authenticate(req: Req): Promise<UserInfo | undefined>;
}

function withAuthenticated(u: UserInfo): UserInfo {
  return u.groups.includes('system:authenticated') ? u : { ...u, groups: [...u.groups, 'system:authenticated'] };
}

export interface AuthnOptions {
  /** the bearer-token authenticators, asked in order (static token file, service-account and bootstrap tokens) */
  tokenAuthenticators?: readonly TokenAuthenticator[];
}

export function createAuthenticator(opts: AuthnOptions = {}): Authenticator {
  const byConnection = new WeakMap<object, UserInfo | null>();
  // the token authenticators' union, behind upstream's result cache
  const tokens = new TokenCache(async (token) => {
    for (const a of opts.tokenAuthenticators ?? []) {
      const u = await a.authenticateToken(token);
      if (u) return withAuthenticated(u);
    }
    return undefined;
  });
  /** The client certificate's user: undefined without one; throws 401 for one the CA did not sign. */
  const certificateUser = (req: Req): UserInfo | undefined => {
    const sock = req.socket as TLSSocket;
    // a connection's client certificate never changes: read it once per connection
    const known = byConnection.get(sock);
    if (known !== undefined) return known ?? undefined;
    if (typeof sock.getPeerCertificate !== 'function') return undefined;
    const peer = sock.getPeerCertificate();
    if (!peer || !Object.keys(peer).length) {
      // a connection without a certificate: remembered too (null), so later requests skip the lookup
      byConnection.set(sock, null);
      return undefined;
    }
    if (!sock.authorized) throw new UnauthorizedError();
    const id = subjectIdentity(Object.entries(peer.subject ?? {}).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => `${k}=${String(x)}`)).join('\n'));
    if (!id.user) throw new UnauthorizedError();
    const user = withAuthenticated({ name: id.user, groups: id.groups });
    byConnection.set(sock, user);
    return user;
  };
  return {
    // upstream's union order: the client certificate first, then bearer tokens; the first that
    // authenticates wins, and a rejection counts only when nothing authenticates
    async authenticate(req: Req): Promise<UserInfo | undefined> {
      let certError: unknown;
      try {
        const u = certificateUser(req);
        if (u) return u;
      } catch (e) {
        certError = e;
      }
      const auth = req.headers.authorization;
      if (typeof auth === 'string' && /^bearer /i.test(auth)) {
        const u = await tokens.authenticate(auth.slice(7).trim());
        if (u) return u;
        throw new UnauthorizedError();
      }
      if (certError) throw certError;
      return undefined;
    },
  };
}
