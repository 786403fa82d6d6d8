// The server's authorizer as upstream builds it for --authorization-mode=Node,RBAC: members of
// system:masters are always allowed, then the Node authorizer, then RBAC; the first allow or
// deny decides, and a request nobody allows is refused with every reason given (one a line).
import { ForbiddenError, StatusError } from '../../machinery/errors.js';
import type { AuthorizationAttributes, Authorizer, Decision, UserInfo } from '../chain.js';
import { forbiddenReason, type RuleListingAuthorizer, type UserRules } from './rbac.js';

export const PRIVILEGED_GROUP = 'system:masters';

/** Allows every request of a user in one of the groups (upstream's privileged-group authorizer). */
export function privilegedGroups(...groups: string[]): Authorizer {
  return {
    async authorize(a) {
      return a.user.groups.some((g) => groups.includes(g)) ? { decision: 'allow', reason: '' } : { decision: 'noOpinion', reason: '' };
    },
  };
}

/** upstream's union authorizer: reasons of those without an opinion are joined by newlines. */
export function firstDecision(authorizers: readonly Authorizer[]): Authorizer {
  return {
    async authorize(a) {
      const reasons: string[] = [];
      for (const z of authorizers) {
        const d = await z.authorize(a);
        if (d.decision !== 'noOpinion') return d;
        if (d.reason) reasons.push(d.reason);
      }
      return { decision: 'noOpinion', reason: reasons.join('\n') };
    },
  };
}

/** Several rule listers' rules together (SelfSubjectRulesReview); incomplete if any is. */
export function unionRules(listers: readonly RuleListingAuthorizer[], user: UserInfo, namespace: string): UserRules {
  const out: UserRules = { resourceRules: [], nonResourceRules: [], incomplete: false };
  const errors: string[] = [];
  for (const l of listers) {
    const r = l.rulesFor(user, namespace);
    out.resourceRules.push(...r.resourceRules);
    out.nonResourceRules.push(...r.nonResourceRules);
    out.incomplete ||= r.incomplete;
    if (r.evaluationError) errors.push(r.evaluationError);
  }
  if (errors.length) out.evaluationError = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  return out;
}

/** The 403 for a refused request: `pods is forbidden: User "jane" cannot list resource "pods" …`. */
export function forbiddenError(a: AuthorizationAttributes, d: Decision | string | undefined): StatusError {
  const reason = typeof d === 'string' ? d : d?.reason;
  const text = forbiddenReason(a, reason);
  if (!a.isResourceRequest) return new ForbiddenError({ group: '', resource: '' }, '', text);
  return new ForbiddenError({ group: a.apiGroup, resource: a.resource }, a.name, text);
}

/** Throws the Forbidden error unless the authorizer allows. */
export async function mustAuthorize(z: Authorizer, a: AuthorizationAttributes): Promise<void> {
  const d = await z.authorize(a);
  if (d.decision !== 'allow') throw forbiddenError(a, d);
}
