// Bootstrap tokens (kubeadm join): "<id>.<secret>" matched against the kube-system Secret
// bootstrap-token-<id> of type bootstrap.kubernetes.io/token. A valid one is the user
// system:bootstrap:<id> in system:bootstrappers (+ auth-extra-groups). Anything that does not
// match is left to the other authenticators, as upstream does (and ends as 401).
import { timingSafeEqual } from 'node:crypto';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { UserInfo } from '../authn.js';
import type { TokenAuthenticator } from '../chain.js';
import type { ObjectLookup } from './lookup.js';

export const BOOTSTRAP_TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
export const BOOTSTRAP_SECRET_TYPE = 'bootstrap.kubernetes.io/token';
export const BOOTSTRAP_SECRET_PREFIX = 'bootstrap-token-';
export const BOOTSTRAP_USER_PREFIX = 'system:bootstrap:';
export const BOOTSTRAP_DEFAULT_GROUP = 'system:bootstrappers';
const GROUP_PATTERN = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;

function dataOf(secret: KubeObject, key: string): string {
  const data = secret.data as Record<string, string> | undefined;
  const v = data?.[key];
  return v ? Buffer.from(v, 'base64').toString('utf8') : '';
}

/** True when the Secret's expiration (RFC 3339) has passed; an unparsable one counts as expired. */
export function bootstrapTokenExpired(secret: KubeObject, nowMs: number): boolean {
  const exp = dataOf(secret, 'expiration');
  if (!exp) return false;
  const t = Date.parse(exp);
  return Number.isNaN(t) || nowMs > t;
}

/** system:bootstrappers plus the validated auth-extra-groups, de-duplicated and sorted. */
export function bootstrapGroups(secret: KubeObject): string[] {
  const groups = new Set([BOOTSTRAP_DEFAULT_GROUP]);
  const extra = dataOf(secret, 'auth-extra-groups');
  if (extra) {
    for (const g of extra.split(',')) {
      if (!GROUP_PATTERN.test(g)) throw new Error(`${JSON.stringify(g)} (from ${JSON.stringify(extra)}) must match ${GROUP_PATTERN.source}`);
      groups.add(g);
    }
  }
  return [...groups].sort();
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createBootstrapTokenAuthenticator(opts: { lookup: ObjectLookup; now?: () => number }): TokenAuthenticator {
  const clock = opts.now ?? Date.now;
  return {
    async authenticateToken(token: string): Promise<UserInfo | undefined> {
      const m = BOOTSTRAP_TOKEN_PATTERN.exec(token);
      if (!m) return undefined;
      const [, id, secretPart] = m;
      const secret = await opts.lookup('secrets', 'kube-system', BOOTSTRAP_SECRET_PREFIX + id);
      if (!secret || secret.metadata?.deletionTimestamp) return undefined;
      if (secret.type !== BOOTSTRAP_SECRET_TYPE || !secret.data) return undefined;
      if (!same(dataOf(secret, 'token-secret'), secretPart)) return undefined;
      if (dataOf(secret, 'token-id') !== id) return undefined;
      if (bootstrapTokenExpired(secret, clock())) return undefined;
      if (dataOf(secret, 'usage-bootstrap-authentication') !== 'true') return undefined;
      let groups: string[];
      try {
        groups = bootstrapGroups(secret);
      } catch {
        return undefined;
      }
      return { name: BOOTSTRAP_USER_PREFIX + id, groups: [...groups, 'system:authenticated'] };
    },
  };
}
