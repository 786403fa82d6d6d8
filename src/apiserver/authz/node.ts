// The Node authorizer (upstream's --authorization-mode=Node): a kubelet, user
// system:node:<name> in group system:nodes, may read only the secrets, configmaps, claims,
// volumes and service-account tokens that pods bound to its node use, write only its own
// Node, node lease and CSINode and the status of its own pods; everything else it may do is
// the fixed set of node rules. Other users get no opinion.
import type { AuthorizationAttributes, Decision, UserInfo } from '../chain.js';
import type { NodeGraph, RefKind } from './node-graph.js';
import { nodeRules } from './policy.js';
import type { RuleListingAuthorizer, UserRules } from './rbac.js';
import { rulesAllow, type PolicyRule } from './rules.js';

export const NODES_GROUP = 'system:nodes';
export const NODE_USER_PREFIX = 'system:node:';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The node a user is, or undefined when it is not a node. */
export function nodeIdentity(u: UserInfo): string | undefined {
  if (!u.name.startsWith(NODE_USER_PREFIX) || !u.groups.includes(NODES_GROUP)) return undefined;
  return u.name.slice(NODE_USER_PREFIX.length);
}

const NO = (reason: string): Decision => ({ decision: 'noOpinion', reason });
const YES: Decision = { decision: 'allow', reason: '' };

export class NodeAuthorizer implements RuleListingAuthorizer {
  readonly #graph: NodeGraph;
  readonly #rules: PolicyRule[] = nodeRules();

  constructor(graph: NodeGraph) {
    this.#graph = graph;
  }

  async authorize(a: AuthorizationAttributes): Promise<Decision> {
    const node = nodeIdentity(a.user);
    if (node === undefined) return NO('');
    if (!node) return NO(`unknown node for user ${JSON.stringify(a.user.name)}`);
    if (a.isResourceRequest) {
      const d = this.#resource(node, a);
      if (d) return d;
    }
    return rulesAllow(a, this.#rules) ? YES : NO('');
  }

  /** A decision for the kinds the graph subdivides; undefined for the rest (the static rules decide). */
  #resource(node: string, a: AuthorizationAttributes): Decision | undefined {
    const gr = `${a.apiGroup}/${a.resource}`;
    switch (gr) {
      case '/secrets': return this.#readNamespaced(node, 'secret', a);
      case '/configmaps': return this.#readNamespaced(node, 'configmap', a);
      case '/persistentvolumeclaims':
        return a.subresource === 'status' ? this.#statusUpdate(node, 'pvc', a) : this.#get(node, a, () => this.#related(node, 'pvc', a));
      case '/persistentvolumes': return this.#get(node, a, () => this.#graph.hasVolume(node, a.name));
      case 'storage.k8s.io/volumeattachments': return this.#get(node, a, () => this.#graph.hasAttachment(node, a.name));
      case '/serviceaccounts':
        if (a.verb !== 'create' || !a.name) return NO('can only create tokens for individual service accounts');
        if (a.subresource !== 'token') return NO('can only create token subresource of serviceaccount');
        return this.#check(node, a, () => this.#related(node, 'serviceaccount', a));
      case 'coordination.k8s.io/leases': return this.#lease(node, a);
      case 'storage.k8s.io/csinodes':
        if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return NO('can only get, create, update, patch, or delete a CSINode');
        if (a.verb !== 'create' && a.name !== node) return NO('can only access CSINode with the same name as the requesting node');
        return YES;
      case '/nodes':
        if ((a.verb === 'update' || a.verb === 'patch') && a.name !== node) {
          return NO(`node '${node}' cannot modify node '${a.name}'`);
        }
        return undefined;
      case '/pods':
        if (a.subresource === 'status') return this.#statusUpdate(node, 'pod', a);
        return undefined;
      default: return undefined;
    }
  }

  #related(node: string, kind: RefKind, a: AuthorizationAttributes): boolean {
    return this.#graph.hasRef(node, kind, a.namespace, a.name);
  }

  #check(node: string, a: AuthorizationAttributes, related: () => boolean): Decision {
    if (!a.name) return NO('No Object name found');
    return related() ? YES : NO(`no relationship found between node '${node}' and this object`);
  }

  #readNamespaced(node: string, kind: RefKind, a: AuthorizationAttributes): Decision {
    if (!['get', 'list', 'watch'].includes(a.verb)) return NO('can only read resources of this type');
    if (a.subresource) return NO('cannot read subresource');
    if (!a.namespace) return NO('can only read namespaced object of this type');
    return this.#check(node, a, () => this.#related(node, kind, a));
  }

  #get(node: string, a: AuthorizationAttributes, related: () => boolean): Decision {
    if (a.verb !== 'get') return NO('can only get individual resources of this type');
    if (a.subresource) return NO('cannot get subresource');
    return this.#check(node, a, related);
  }

  #statusUpdate(node: string, kind: RefKind, a: AuthorizationAttributes): Decision {
    if (a.verb === 'get' && kind === 'pod') return rulesAllow(a, this.#rules) ? YES : NO('');
    if (a.verb !== 'update' && a.verb !== 'patch') return NO('can only get/update/patch this type');
    return this.#check(node, a, () => this.#related(node, kind, a));
  }

  #lease(node: string, a: AuthorizationAttributes): Decision {
    if (!['get', 'create', 'update', 'patch', 'delete'].includes(a.verb)) return NO('can only get, create, update, patch, or delete a node lease');
    if (a.namespace !== NODE_LEASE_NAMESPACE) return NO(`can only access leases in the ${JSON.stringify(NODE_LEASE_NAMESPACE)} system namespace`);
    if (a.verb !== 'create' && a.name !== node) return NO('can only access node lease with the same name as the requesting node');
    return YES;
  }

  rulesFor(user: UserInfo): UserRules {
    if (nodeIdentity(user) !== undefined) {
      return { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' };
    }
    return { resourceRules: [], nonResourceRules: [], incomplete: false };
  }
}
