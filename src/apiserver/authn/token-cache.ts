// The token authentication cache of kube-apiserver (authenticator/token/cache): a token that
// authenticated is not looked up again for 10 seconds; a rejected one is looked up every time
// (kube-apiserver's failure TTL is 0). Entries are keyed by an HMAC of the token under a key
// made at start, so the cache holds no token and its keys mean nothing outside the process.
// Nothing invalidates an entry early: a deleted ServiceAccount or Secret stops authenticating
// when its entry expires, as upstream. Concurrent lookups of one token share one lookup.
import { createHmac, randomBytes } from 'node:crypto';
import type { UserInfo } from '../authn.js';

export const TOKEN_SUCCESS_TTL_MS = 10_000;
export const TOKEN_FAILURE_TTL_MS = 0;
/** entries held before expired ones are swept on the next insert */
const SWEEP_AT = 4096;

export type TokenLookup = (token: string) => Promise<UserInfo | undefined>;

export class TokenCache {
  readonly #lookup: TokenLookup;
  readonly #now: () => number;
  readonly #key = randomBytes(32);
  readonly #entries = new Map<string, { user: UserInfo | undefined; expires: number }>();
  readonly #pending = new Map<string, Promise<UserInfo | undefined>>();

  constructor(lookup: TokenLookup, now: () => number = Date.now) {
    this.#lookup = lookup;
    this.#now = now;
  }

  /** how many results are held (expired ones included until swept) */
  get size(): number {
    return this.#entries.size;
  }

  async authenticate(token: string): Promise<UserInfo | undefined> {
    const key = createHmac('sha256', this.#key).update(token).digest('base64');
    const hit = this.#entries.get(key);
    if (hit && hit.expires > this.#now()) return hit.user;
    if (hit) this.#entries.delete(key);
    const pending = this.#pending.get(key);
    if (pending) return pending;
    const p = this.#lookup(token).then((user) => {
      const ttl = user ? TOKEN_SUCCESS_TTL_MS : TOKEN_FAILURE_TTL_MS;
      if (ttl > 0) this.#remember(key, user, ttl);
      return user;
    }).finally(() => this.#pending.delete(key));
    this.#pending.set(key, p);
    return p;
  }

  #remember(key: string, user: UserInfo | undefined, ttl: number): void {
    const now = this.#now();
    if (this.#entries.size >= SWEEP_AT) {
      for (const [k, e] of this.#entries) if (e.expires <= now) this.#entries.delete(k);
    }
    this.#entries.set(key, { user, expires: now + ttl });
  }
}
