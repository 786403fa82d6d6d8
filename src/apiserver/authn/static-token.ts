// The static token file (--token-auth-file) as a TokenAuthenticator, so that TokenReview asks
// it too, in the same order as the request path does (file first).
import { readFileSync } from 'node:fs';
import { parseTokenFile, type UserInfo } from '../authn.js';
import type { TokenAuthenticator } from '../chain.js';

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
