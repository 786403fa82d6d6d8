// The access reviews of authorization.k8s.io/v1, answered by the server's authorizer and never
// stored: SubjectAccessReview (may anyone do X), LocalSubjectAccessReview (the same within one
// namespace), SelfSubjectAccessReview (`kubectl auth can-i`) and SelfSubjectRulesReview
// (`kubectl auth can-i --list`).
import type { KubeObject } from '../../api/meta/v1/types.js';
import type {
  NonResourceAttributes as NonResourceAttributesSchema, ResourceAttributes, SubjectAccessReviewSpec,
} from '../../api/authorization/v1/types.js';
import type { Static } from '../../api/schema.js';
import { BadRequestError, InvalidError } from '../../machinery/errors.js';
import type { AuthorizationAttributes, Authorizer, UserInfo } from '../chain.js';
import type { RestContext, VirtualHandler } from '../rest-context.js';
import type { UserRules } from './rbac.js';

type NonResourceAttributes = Static<typeof NonResourceAttributesSchema>;

export interface ReviewDeps {
  authorizer: Authorizer;
  /** what the user may do in the namespace, for SelfSubjectRulesReview */
  rulesFor(user: UserInfo, namespace: string): UserRules;
}

export function attributesFrom(user: UserInfo, spec: { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: NonResourceAttributes }): AuthorizationAttributes {
  const r = spec.resourceAttributes;
  if (r) {
    return {
      user, verb: r.verb ?? '', isResourceRequest: true, path: '', apiGroup: r.group ?? '', apiVersion: r.version || '*',
      resource: r.resource ?? '', subresource: r.subresource ?? '', namespace: r.namespace ?? '', name: r.name ?? '',
    };
  }
  const n = spec.nonResourceAttributes ?? {};
  return {
    user, verb: n.verb ?? '', isResourceRequest: false, path: n.path ?? '', apiGroup: '', apiVersion: '', resource: '', subresource: '', namespace: '', name: '',
  };
}

function validated(ctx: RestContext, body: KubeObject): KubeObject {
  const errs = ctx.info.validate?.(body) ?? [];
  if (errs.length) throw new InvalidError(ctx.info.group, ctx.info.kind, '', errs);
  return body;
}

function userOf(spec: SubjectAccessReviewSpec): UserInfo {
  const u: UserInfo = { name: spec.user ?? '', groups: spec.groups ?? [] };
  if (spec.uid) u.uid = spec.uid;
  if (spec.extra) u.extra = spec.extra;
  return u;
}

async function decide(z: Authorizer, a: AuthorizationAttributes): Promise<{ allowed: boolean; denied?: boolean; reason?: string; evaluationError?: string }> {
  try {
    const d = await z.authorize(a);
    const out: { allowed: boolean; denied?: boolean; reason?: string } = { allowed: d.decision === 'allow' };
    if (d.decision === 'deny') out.denied = true;
    if (d.reason) out.reason = d.reason;
    return out;
  } catch (e) {
    return { allowed: false, evaluationError: (e as Error).message };
  }
}

function answer(ctx: RestContext, body: KubeObject, status: unknown): KubeObject {
  return { apiVersion: 'authorization.k8s.io/v1', kind: ctx.info.kind, ...body, metadata: { ...(body.metadata ?? {}) }, status };
}

export function reviewHandlers(deps: ReviewDeps): Record<string, VirtualHandler> {
  return {
    'authorization.k8s.io/subjectaccessreviews': async (ctx, body) => {
      const spec = (validated(ctx, body).spec ?? {}) as SubjectAccessReviewSpec;
      return answer(ctx, body, await decide(deps.authorizer, attributesFrom(userOf(spec), spec)));
    },
    'authorization.k8s.io/localsubjectaccessreviews': async (ctx, body) => {
      const ns = ctx.namespace;
      if (!ns) throw new BadRequestError(`namespace is required on this type: ${ns}`);
      const obj = { ...body, metadata: { ...(body.metadata ?? {}) } };
      obj.metadata.namespace ||= ns;
      if (obj.metadata.namespace !== ns) throw new BadRequestError(`spec.resourceAttributes.namespace must match namespace: ${ns}`);
      const spec = (validated(ctx, obj).spec ?? {}) as SubjectAccessReviewSpec;
      return answer(ctx, obj, await decide(deps.authorizer, attributesFrom(userOf(spec), spec)));
    },
    'authorization.k8s.io/selfsubjectaccessreviews': async (ctx, body) => {
      const spec = (validated(ctx, body).spec ?? {}) as SubjectAccessReviewSpec;
      return answer(ctx, body, await decide(deps.authorizer, attributesFrom(ctx.user, spec)));
    },
    'authorization.k8s.io/selfsubjectrulesreviews': async (ctx, body) => {
      const spec = (validated(ctx, body).spec ?? {}) as { namespace?: string };
      if (!spec.namespace) throw new BadRequestError('no namespace on request');
      const r = deps.rulesFor(ctx.user, spec.namespace);
      const status: Record<string, unknown> = { resourceRules: r.resourceRules, nonResourceRules: r.nonResourceRules, incomplete: r.incomplete };
      if (r.evaluationError) status.evaluationError = r.evaluationError;
      return answer(ctx, body, status);
    },
  };
}
