// Authorization for the API server, assembled as upstream's --authorization-mode=Node,RBAC:
//
//   const authz = new ClusterAuthorization({ log });
//   new ApiServer({ …, authorizer: authz.authorizer, admission: [..., authz.admissionPlugin] });
//   await server.start();                // the watch cache runs
//   await ensureSystemObjects(server, …); // namespaces first: some default Roles live in kube-system
//   await authz.start(server);           // mirrors, default policy, aggregation, review endpoints
//
// Until start() the authorizer allows only system:masters.
import type { ClusterRole, PolicyRule } from '../../api/rbac/v1/types.js';
import { ServiceUnavailableError } from '../../machinery/errors.js';
import type { AdmissionPlugin, Authorizer, UserInfo } from '../chain.js';
import type { ApiServer } from '../server.js';
import { ClusterRoleAggregator } from './aggregation.js';
import { firstDecision, PRIVILEGED_GROUP, privilegedGroups, unionRules } from './authorizer.js';
import { ensureBootstrapPolicy, type ReconcileResult } from './bootstrap-policy.js';
import { checkEscalation } from './escalation.js';
import { NodeGraph } from './node-graph.js';
import { NodeAuthorizer } from './node.js';
import { RbacAuthorizer, type UserRules } from './rbac.js';
import { RbacResolver } from './resolver.js';
import { reviewHandlers } from './reviews.js';
import { ServerWriter } from './writer.js';

export { forbiddenError, mustAuthorize } from './authorizer.js';
export { forbiddenMessage, forbiddenReason } from './rbac.js';

const MANAGER = 'kube-apiserver';

interface Running {
  resolver: RbacResolver;
  graph: NodeGraph;
  chain: Authorizer;
  rbac: RbacAuthorizer;
  node: NodeAuthorizer;
  aggregator: ClusterRoleAggregator;
}

export interface ClusterAuthorizationOptions {
  log?: (line: string) => void;
}

export class ClusterAuthorization {
  readonly #log: (line: string) => void;
  readonly #privileged = privilegedGroups(PRIVILEGED_GROUP);
  #running?: Running;

  constructor(opts: ClusterAuthorizationOptions = {}) {
    this.#log = opts.log ?? (() => undefined);
  }

  /** The server's authorizer: system:masters, then Node, then RBAC. */
  readonly authorizer: Authorizer = {
    authorize: (a) => (this.#running ? this.#running.chain : this.#privileged).authorize(a),
  };

  /** Refuses RBAC writes that would grant more than their author holds. */
  readonly admissionPlugin: AdmissionPlugin = {
    name: 'RBACEscalationPrevention',
    validate: async (a) => {
      const r = this.#running;
      if (!r) {
        if (a.info.group === 'rbac.authorization.k8s.io' && !a.user.groups.includes(PRIVILEGED_GROUP)) {
          throw new ServiceUnavailableError('RBAC is not ready yet');
        }
        return;
      }
      await checkEscalation(a, { resolver: r.resolver, authorizer: this.authorizer });
    },
  };

  /** What the user may do in the namespace (SelfSubjectRulesReview): the Node and RBAC authorizers' rules. */
  rulesFor(user: UserInfo, namespace: string): UserRules {
    const r = this.#running;
    if (!r) return { resourceRules: [], nonResourceRules: [], incomplete: true };
    return unionRules([r.node, r.rbac], user, namespace);
  }

  /** Starts following the cluster's RBAC objects and pods, writes the default policy and serves the reviews. */
  async start(server: ApiServer): Promise<ReconcileResult> {
    if (this.#running) throw new Error('authorization already started');
    const { registry, scheme } = server;
    const prefix = (group: string, resource: string): string | undefined => {
      const info = scheme.byResource(group, 'v1', resource);
      return info ? registry.keys.prefix(info) : undefined;
    };
    const rbacPrefix = (resource: string): string => {
      const p = prefix('rbac.authorization.k8s.io', resource);
      if (!p) throw new Error(`rbac.authorization.k8s.io/v1 ${resource} is not served`);
      return p;
    };
    const resolver = new RbacResolver(registry.cache, {
      roles: rbacPrefix('roles'), clusterRoles: rbacPrefix('clusterroles'),
      roleBindings: rbacPrefix('rolebindings'), clusterRoleBindings: rbacPrefix('clusterrolebindings'),
    });
    const graph = new NodeGraph(registry.cache, {
      pods: prefix('', 'pods') ?? '/registry/pods/',
      persistentVolumeClaims: prefix('', 'persistentvolumeclaims') ?? '/registry/persistentvolumeclaims/',
      volumeAttachments: prefix('storage.k8s.io', 'volumeattachments'),
    });
    const freshen = async (): Promise<void> => {
      await registry.cache.waitUntilFresh(await registry.store.currentRevision(), 1000);
    };
    const rbac = new RbacAuthorizer(resolver, { freshen });
    const node = new NodeAuthorizer(graph);
    const writer = new ServerWriter(registry, scheme, MANAGER);
    const clusterRoles = writer.info('clusterroles');
    const aggregator = new ClusterRoleAggregator(
      {
        list: () => [...resolver.clusterRoles.values()] as ClusterRole[],
        get: (name) => resolver.clusterRoles.get(name) as ClusterRole | undefined,
      },
      async (name: string, rules: PolicyRule[]) => {
        await writer.update(clusterRoles, '', name, (cur) => ((cur as ClusterRole).aggregationRule ? { ...cur, rules } : undefined));
      },
      (e) => this.#log(`clusterrole aggregation: ${(e as Error).message}`),
    );
    resolver.clusterRoles.onChange(() => aggregator.trigger());
    resolver.start();
    graph.start();
    this.#running = {
      resolver, graph, rbac, node, aggregator,
      chain: firstDecision([this.#privileged, node, rbac]),
    };
    for (const [path, handler] of Object.entries(reviewHandlers({ authorizer: this.authorizer, rulesFor: (u, ns) => this.rulesFor(u, ns) }))) {
      server.registerVirtual(path, handler);
    }
    const result = await ensureBootstrapPolicy(writer);
    for (const s of result.skipped) this.#log(`bootstrap policy: ${s}`);
    aggregator.trigger();
    await aggregator.idle();
    return result;
  }

  async stop(): Promise<void> {
    const r = this.#running;
    if (!r) return;
    await r.aggregator.stop();
    r.resolver.stop();
    r.graph.stop();
    this.#running = undefined;
  }
}
