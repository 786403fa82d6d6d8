// The RBAC authorizer (upstream's --authorization-mode=RBAC): a request is allowed when a rule
// of a role bound to the user, one of their groups or their service account allows it;
// otherwise it has no opinion (never a hard deny), with the resolution errors as the reason.
import type { AuthorizationAttributes, Authorizer, Decision, UserInfo } from '../chain.js';
import type { PolicyRule } from '../../api/rbac/v1/types.js';
import { describeSource, type RbacResolver } from './resolver.js';
import { ruleAllows } from './rules.js';

/** Go's utilerrors.NewAggregate(errs).Error(): one message as is, several de-duplicated in [a, b]. */
export function aggregateErrors(errs: readonly Error[]): string {
  const seen = [...new Set(errs.map((e) => e.message))];
  if (seen.length <= 1) return seen[0] ?? '';
  return `[${seen.join(', ')}]`;
}

export interface ResourceRuleInfo {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRuleInfo {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface UserRules {
  resourceRules: ResourceRuleInfo[];
  nonResourceRules: NonResourceRuleInfo[];
  /** true when the authorizer cannot list every rule (the node authorizer for nodes) */
  incomplete: boolean;
  evaluationError?: string;
}

/** An authorizer that can also list what a user may do (authorizer.RuleResolver). */
export interface RuleListingAuthorizer extends Authorizer {
  rulesFor(user: UserInfo, namespace: string): UserRules;
}

export interface RbacAuthorizerOptions {
  /**
   * Waits until the watch cache has caught up with storage. Called before a request is
   * refused, so that a binding created a moment ago is already seen.
   */
  freshen?: () => Promise<void>;
}

export class RbacAuthorizer implements RuleListingAuthorizer {
  readonly #resolver: RbacResolver;
  readonly #freshen?: () => Promise<void>;

  constructor(resolver: RbacResolver, opts: RbacAuthorizerOptions = {}) {
    this.#resolver = resolver;
    this.#freshen = opts.freshen;
  }

  #evaluate(a: AuthorizationAttributes): Decision {
    let reason = '';
    const errors: Error[] = [];
    let allowed = false;
    this.#resolver.visitRulesFor(a.user, a.namespace, (src, rule, err) => {
      if (rule && src && ruleAllows(a, rule)) {
        allowed = true;
        reason = `RBAC: allowed by ${describeSource(src)}`;
        return false;
      }
      if (err) errors.push(err);
      return true;
    });
    if (allowed) return { decision: 'allow', reason };
    return { decision: 'noOpinion', reason: errors.length ? `RBAC: ${aggregateErrors(errors)}` : '' };
  }

  async authorize(a: AuthorizationAttributes): Promise<Decision> {
    const d = this.#evaluate(a);
    if (d.decision === 'allow' || !this.#freshen) return d;
    try {
      await this.#freshen();
    } catch {
      return d;
    }
    return this.#evaluate(a);
  }

  rulesFor(user: UserInfo, namespace: string): UserRules {
    const { rules, errors } = this.#resolver.rulesFor(user, namespace);
    const out: UserRules = { resourceRules: [], nonResourceRules: [], incomplete: false };
    for (const r of rules) out.resourceRules.push(...resourceRuleInfo(r));
    for (const r of rules) out.nonResourceRules.push(...nonResourceRuleInfo(r));
    if (errors.length) out.evaluationError = aggregateErrors(errors);
    return out;
  }
}

function copy(list: string[] | undefined): string[] | undefined {
  return list?.length ? [...list] : undefined;
}

function resourceRuleInfo(r: PolicyRule): ResourceRuleInfo[] {
  if (!(r.resources ?? []).length) return [];
  const info: ResourceRuleInfo = { verbs: [...r.verbs], apiGroups: copy(r.apiGroups), resources: copy(r.resources), resourceNames: copy(r.resourceNames) };
  return [dropUndefined(info)];
}

function nonResourceRuleInfo(r: PolicyRule): NonResourceRuleInfo[] {
  if (!(r.nonResourceURLs ?? []).length) return [];
  return [{ verbs: [...r.verbs], nonResourceURLs: [...r.nonResourceURLs!] }];
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** upstream's forbiddenMessage: what the user may not do, as the 403 says it. */
export function forbiddenMessage(a: AuthorizationAttributes): string {
  const user = JSON.stringify(a.user.name);
  if (!a.isResourceRequest) return `User ${user} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${user} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${where}`;
}

/** The reason text a Forbidden status carries: the message, then ": <authorizer reason>" when there is one. */
export function forbiddenReason(a: AuthorizationAttributes, reason: string | undefined): string {
  const msg = forbiddenMessage(a);
  return reason ? `${msg}: ${reason}` : msg;
}
