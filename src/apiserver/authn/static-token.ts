// The static token file (--token-auth-file, upstream's token-file authenticator): a CSV file of
// token,user,uid,"group1,group2". The API server reads it once and asks it first on the
// request path; TokenReview asks the same authenticator first too.
import { readFileSync } from 'node:fs';
import type { UserInfo } from '../authn.js';
import type { TokenAuthenticator } from '../chain.js';

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

export function staticTokenAuthenticator(text: string): TokenAuthenticator {
  const tokens = parseTokenFile(text);
  return {
    async authenticateToken(token: string): Promise<UserInfo | undefined> {
      const e = tokens.get(token);
      if (!e) return undefined;
      const groups = e.groups.includes('system:authenticated') ? e.groups : [...e.groups, 'system:authenticated'];
      return e.uid ? { name: e.user, uid: e.uid, groups } : { name: e.user, groups };
    },
  };
}

export function staticTokenFileAuthenticator(file: string): TokenAuthenticator {
  return staticTokenAuthenticator(readFileSync(file, 'utf8'));
}
