// Authentication: who is asking. Client certificates signed by the cluster CA (CN = user,
// O = groups) and static bearer tokens from a CSV file (token,user,uid,"group1,group2"),
// as upstream's x509 and token-file authenticators. Requests with no credentials are
// anonymous; the server refuses them (401) except on the health endpoints.
import { readFileSync } from 'node:fs';
import type { TLSSocket } from 'node:tls';
import { UnauthorizedError } from '../machinery/errors.js';
import { subjectIdentity } from '../cluster/pki.js';
import type { Req } from './http.js';

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

/** Authenticates a bearer token: undefined = not a token it knows; throws UnauthorizedError for one it rejects. */
export interface TokenSource {
  authenticateToken(token: string): Promise<UserInfo | undefined>;
}

interface TokenEntry {
  user: string;
  uid: string;
  groups: string[];
}

/** Splits one CSV line with "quoted, fields" as encoding/csv reads it. */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** Reads a static token file; a line needs at least token,user,uid. */
export function parseTokenFile(text: string): Map<string, TokenEntry> {
  const tokens = new Map<string, TokenEntry>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    const rec = parseCsvLine(line);
    if (rec.length < 3) throw new Error(`token file line ${i + 1}: need at least 3 columns (token,user,uid)`);
    const [token, user, uid, groups] = rec;
    if (!token) return;
    tokens.set(token, { user, uid, groups: groups ? groups.split(',').map((g) => g.trim()).filter(Boolean) : [] });
  });
  return tokens;
}

function withAuthenticated(u: UserInfo): UserInfo {
  return u.groups.includes('system:authenticated') ? u : { ...u, groups: [...u.groups, 'system:authenticated'] };
}

export interface AuthnOptions {
  tokenFile?: string;
  /** more bearer-token authenticators (service-account and bootstrap tokens), asked after the file */
  tokenAuthenticators?: readonly TokenSource[];
}

export function createAuthenticator(opts: AuthnOptions = {}): Authenticator {
  const byConnection = new WeakMap<object, UserInfo>();
  const tokens = opts.tokenFile ? parseTokenFile(readFileSync(opts.tokenFile, 'utf8')) : new Map<string, TokenEntry>();
  /** The client certificate's user: undefined without one; throws 401 for one the CA did not sign. */
  const certificateUser = (req: Req): UserInfo | undefined => {
    const sock = req.socket as TLSSocket;
    // a connection's client certificate never changes: read it once per connection
    const known = byConnection.get(sock);
    if (known) return known;
    if (typeof sock.getPeerCertificate !== 'function') return undefined;
    const peer = sock.getPeerCertificate();
    if (!peer || !Object.keys(peer).length) return undefined;
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
        const token = auth.slice(7).trim();
        const e = tokens.get(token);
        if (e) return withAuthenticated({ name: e.user, uid: e.uid || undefined, groups: e.groups });
        for (const a of opts.tokenAuthenticators ?? []) {
          const u = await a.authenticateToken(token);
          if (u) return withAuthenticated(u);
        }
        throw new UnauthorizedError();
      }
      if (certError) throw certError;
      return undefined;
    },
  };
}
