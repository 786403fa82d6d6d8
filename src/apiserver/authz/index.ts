// Authorization for the API server as upstream's --authorization-mode (Node,RBAC by default;
// AlwaysAllow and AlwaysDeny too): system:masters first, then each mode in the given order, the
// first decision wins. The API server component (../component.ts) passes `authorizer` and
// `admissionPlugin` to the server and calls start(server) once the system namespaces exist
// (some default Roles live in kube-system). Until start() only system:masters is allowed.
import type { ClusterRole, PolicyRule } from '../../api/rbac/v1/types.js';
import { ServiceUnavailableError } from '../../machinery/errors.js';
import { silentLogger, type Logger } from '../../machinery/log.js';
import { alwaysAllow, type AdmissionPlugin, type Authorizer, type UserInfo } from '../chain.js';
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

/** The --authorization-mode values kubets has (upstream's ABAC and Webhook are not here). */
export const AUTHORIZATION_MODES = ['Node', 'RBAC', 'AlwaysAllow', 'AlwaysDeny'] as const;
export type AuthorizationMode = typeof AUTHORIZATION_MODES[number];

const alwaysDeny: Authorizer = { authorize: async () => ({ decision: 'deny', reason: 'Everything is forbidden.' }) };

export interface ClusterAuthorizationOptions {
  log?: Logger;
  /** --authorization-mode, in order (default Node,RBAC) */
  modes?: readonly AuthorizationMode[];
}

export class ClusterAuthorization {
  readonly #log: Logger;
  readonly #modes: readonly AuthorizationMode[];
  readonly #privileged = privilegedGroups(PRIVILEGED_GROUP);
  #running?: Running;

  constructor(opts: ClusterAuthorizationOptions = {}) {
    this.#log = opts.log ?? silentLogger;
    this.#modes = opts.modes ?? ['Node', 'RBAC'];
  }

  /** The server's authorizer: system:masters, then the modes in order. */
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
    return unionRules([...(this.#modes.includes('Node') ? [r.node] : []), ...(this.#modes.includes('RBAC') ? [r.rbac] : [])], user, namespace);
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
      (e) => this.#log.error('clusterrole aggregation failed', { err: e }),
    );
    resolver.clusterRoles.onChange(() => aggregator.trigger());
    resolver.start();
    graph.start();
    this.#running = {
      resolver, graph, rbac, node, aggregator,
      chain: firstDecision([this.#privileged, ...this.#modes.map((m) => ({ Node: node, RBAC: rbac, AlwaysAllow: alwaysAllow, AlwaysDeny: alwaysDeny })[m])]),
    };
    for (const [path, handler] of Object.entries(reviewHandlers({ authorizer: this.authorizer, rulesFor: (u, ns) => this.rulesFor(u, ns) }))) {
      server.registerVirtual(path, handler);
    }
    // upstream writes the default roles and bindings only when RBAC authorizes
    const result = this.#modes.includes('RBAC') ? await ensureBootstrapPolicy(writer) : { created: [], updated: [], skipped: [] };
    for (const s of result.skipped) this.#log.info('bootstrap policy entry skipped', { entry: s });
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
