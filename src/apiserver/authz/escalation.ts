// Escalation prevention for the RBAC kinds, as upstream's rbac registry does it: writing a
// Role or ClusterRole needs every permission it grants (or the `escalate` verb on it), and
// writing a binding needs the permissions of the role it refers to (or the `bind` verb on
// that role). Members of system:masters are exempt. Runs as a validating admission plugin.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding } from '../../api/rbac/v1/types.js';
import { ForbiddenError } from '../../machinery/errors.js';
import type { AdmissionAttributes, AdmissionPlugin, Authorizer, UserInfo } from '../chain.js';
import { PRIVILEGED_GROUP } from './authorizer.js';
import { aggregateErrors } from './rbac.js';
import type { RbacResolver } from './resolver.js';
import { compactRules, compactString, covers, goQuoteList } from './rules.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/**
 * Why granting `rules` in `namespace` would be an escalation for the user, or undefined when
 * the user's own RBAC rules there cover them (upstream's ConfirmNoEscalation).
 */
export function escalationError(resolver: RbacResolver, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  const owned = resolver.rulesFor(user, namespace);
  const { covered, missing } = covers(owned.rules, rules);
  if (covered) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.name)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (owned.errors.length) msg += `; resolution errors: [${aggregateErrors(owned.errors)}]`;
  return msg;
}

/** True when only the fields the garbage collector writes (ownerReferences, finalizers) changed. */
function onlyGCFieldsChanged(obj: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject): string => {
    const { ownerReferences: _o, finalizers: _f, managedFields: _m, resourceVersion: _r, generation: _g, ...meta } = o.metadata ?? {};
    void _o; void _f; void _m; void _r; void _g;
    return JSON.stringify({ ...o, metadata: meta });
  };
  return strip(obj) === strip(old);
}

function isPrivileged(user: UserInfo): boolean {
  return user.groups.includes(PRIVILEGED_GROUP);
}

async function allowed(z: Authorizer, user: UserInfo, verb: string, resource: string, namespace: string, name: string): Promise<boolean> {
  const d = await z.authorize({
    user, verb, isResourceRequest: true, path: '', apiGroup: RBAC_GROUP, apiVersion: '*', resource, subresource: '', namespace, name,
  });
  return d.decision === 'allow';
}

export interface EscalationCheckOptions {
  resolver: RbacResolver;
  /** the server's whole authorizer, for the escalate and bind verbs */
  authorizer: Authorizer;
}

/** Throws 403 Forbidden when the write of an RBAC object would grant more than its author holds. */
export async function checkEscalation(a: AdmissionAttributes, opts: EscalationCheckOptions): Promise<void> {
  if (a.info.group !== RBAC_GROUP || a.subresource || !a.object) return;
  if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
  const resource = a.info.resource;
  if (!['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'].includes(resource)) return;
  if (isPrivileged(a.user)) return;
  if (a.operation === 'UPDATE' && a.oldObject && onlyGCFieldsChanged(a.object, a.oldObject)) return;
  const name = a.object.metadata?.name ?? a.name;
  const gr = { group: RBAC_GROUP, resource };
  const namespace = resource === 'roles' || resource === 'rolebindings' ? a.namespace || (a.object.metadata?.namespace ?? '') : '';

  if (resource === 'roles' || resource === 'clusterroles') {
    // the name is only part of the check on update, as the request path names it only then
    if (await allowed(opts.authorizer, a.user, 'escalate', resource, namespace, a.operation === 'UPDATE' ? name : '')) return;
    const role = a.object as Role | ClusterRole;
    const err = escalationError(opts.resolver, a.user, namespace, role.rules ?? []);
    if (err) throw new ForbiddenError(gr, name, err);
    if (resource === 'clusterroles' && ((a.object as ClusterRole).aggregationRule || (a.oldObject as ClusterRole | undefined)?.aggregationRule)) {
      if (escalationError(opts.resolver, a.user, namespace, FULL_AUTHORITY)) {
        throw new ForbiddenError(gr, name, 'must have cluster-admin privileges to use the aggregationRule');
      }
    }
    return;
  }

  const binding = a.object as RoleBinding | ClusterRoleBinding;
  const ref = binding.roleRef;
  const refResource = ref.kind === 'Role' ? 'roles' : 'clusterroles';
  if (await allowed(opts.authorizer, a.user, 'bind', refResource, namespace, ref.name)) return;
  const { rules, err } = opts.resolver.roleRefRules(ref, namespace);
  if (err) throw new ForbiddenError(gr, name, err.message);
  const msg = escalationError(opts.resolver, a.user, namespace, rules);
  if (msg) throw new ForbiddenError(gr, name, msg);
}

export function rbacEscalationPlugin(opts: EscalationCheckOptions): AdmissionPlugin {
  return {
    name: 'RBACEscalationPrevention',
    validate: (a) => checkEscalation(a, opts),
  };
}
