// The Deployment controller: Deployment events are its keys; a ReplicaSet's event is the key
// of the Deployment controlling it (or of every Deployment matching an orphan); a deleted pod
// matters only to a Recreate rollout waiting for old pods to go. syncDeployment does the rest.
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { SharedInformerFactory } from '../../client/factory.js';
import { objectOf, type DeletedFinalStateUnknown, type SharedIndexInformer } from '../../client/informer.js';
import { splitMetaNamespaceKey } from '../../client/indexer.js';
import type { RestClient } from '../../client/rest.js';
import { resource, type GroupVersionResource } from '../../client/resource.js';
import { WorkQueue } from '../../client/workqueue.js';
import { deepEqual } from '../../machinery/equality.js';
import { isNotFound } from '../../machinery/errors.js';
import { selectorFromLabelSelector } from '../../machinery/labels.js';
import { controllerOf } from '../controller-ref.js';
import type { RecordEvent } from '../events.js';
import type { Logger } from '../../machinery/log.js';
import { runWorkers, type ReconcileResult } from '../loop.js';
import { syncDeployment, type DeploymentReconcileOps } from './reconcile.js';

export const DEPLOYMENTS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'deployments' };
export const REPLICASETS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'replicasets' };
const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };

export interface DeploymentControllerDeps {
  factory: SharedInformerFactory;
  rest: RestClient;
  events: RecordEvent;
  log: Logger;
  /** upstream --concurrent-deployment-syncs, 5 */
  workers?: number;
}

const keyOf = (o: { metadata?: { namespace?: string; name?: string } }) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

export class DeploymentController {
  readonly queue = new WorkQueue<string>();
  readonly #deps: DeploymentControllerDeps;
  readonly #deployments: SharedIndexInformer<Deployment & KubeObject>;
  readonly #replicaSets: SharedIndexInformer<ReplicaSet & KubeObject>;
  readonly #pods: SharedIndexInformer<Pod & KubeObject>;
  readonly #ops: DeploymentReconcileOps;

  constructor(deps: DeploymentControllerDeps) {
    this.#deps = deps;
    this.#deployments = deps.factory.forResource(DEPLOYMENTS);
    this.#replicaSets = deps.factory.forResource(REPLICASETS);
    this.#pods = deps.factory.forResource(PODS);
    this.#ops = this.#makeOps();
    this.#deployments.addEventHandler({
      onAdd: (d) => this.queue.add(keyOf(d)),
      onUpdate: (_old, d) => this.queue.add(keyOf(d)),
      onDelete: (o) => this.queue.add(keyOf(objectOf(o))),
    });
    this.#replicaSets.addEventHandler({
      onAdd: (rs) => this.#replicaSetChanged(undefined, rs),
      onUpdate: (old, rs) => this.#replicaSetChanged(old, rs),
      onDelete: (o) => {
        const d = this.#resolve(objectOf(o));
        if (d) this.queue.add(keyOf(d));
      },
    });
    this.#pods.addEventHandler({ onDelete: (o) => this.#podDeleted(o) });
  }

  #resolve(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerOf(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.#deployments.lister().namespace(rs.metadata?.namespace ?? '').get(ref.name);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  /** getDeploymentsForReplicaSet: the Deployments whose selector matches an orphan. */
  #matching(rs: ReplicaSet): Deployment[] {
    return this.#deployments.lister().namespace(rs.metadata?.namespace ?? '').list().filter((d) => {
      try {
        const sel = selectorFromLabelSelector(d.spec?.selector);
        return !sel.empty() && sel.matches(rs.metadata?.labels ?? {});
      } catch {
        return false;
      }
    });
  }

  #replicaSetChanged(old: ReplicaSet | undefined, rs: ReplicaSet): void {
    if (old && old.metadata?.resourceVersion === rs.metadata?.resourceVersion) return;
    const refChanged = old !== undefined && !deepEqual(controllerOf(old), controllerOf(rs));
    if (old && refChanged && controllerOf(old)) {
      const prev = this.#resolve(old);
      if (prev) this.queue.add(keyOf(prev));
    }
    if (controllerOf(rs)) {
      const d = this.#resolve(rs);
      if (d) this.queue.add(keyOf(d));
      return;
    }
    const labelsChanged = old !== undefined && !deepEqual(old.metadata?.labels ?? {}, rs.metadata?.labels ?? {});
    if (!old || labelsChanged || refChanged) for (const d of this.#matching(rs)) this.queue.add(keyOf(d));
  }

  #podDeleted(o: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = objectOf(o);
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.#replicaSets.lister().namespace(pod.metadata?.namespace ?? '').get(ref.name);
    if (!rs || rs.metadata?.uid !== ref.uid) return;
    const d = this.#resolve(rs);
    if (d?.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }

  #makeOps(): DeploymentReconcileOps {
    const rest = this.#deps.rest;
    const rsc = (ns?: string) => resource<ReplicaSet & KubeObject>(rest, REPLICASETS, ns);
    const dc = (ns?: string) => resource<Deployment & KubeObject>(rest, DEPLOYMENTS, ns);
    return {
      now: () => new Date(),
      replicaSets: (ns) => this.#replicaSets.lister().namespace(ns).list(),
      pods: (ns) => this.#pods.lister().namespace(ns).list(),
      cachedReplicaSet: (ns, name) => this.#replicaSets.lister().namespace(ns).get(name),
      freshDeployment: (d) => dc(d.metadata?.namespace).get(d.metadata?.name ?? ''),
      patchReplicaSet: (rs, patch) => rsc(rs.metadata?.namespace).patch(rs.metadata?.name ?? '', 'strategic', patch),
      createReplicaSet: (rs) => rsc(rs.metadata?.namespace).create(rs as ReplicaSet & KubeObject),
      updateReplicaSet: (rs) => rsc(rs.metadata?.namespace).update(rs as ReplicaSet & KubeObject),
      deleteReplicaSet: async (rs) => {
        try {
          await rsc(rs.metadata?.namespace).delete(rs.metadata?.name ?? '', { preconditions: { uid: rs.metadata?.uid } });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      },
      updateStatus: (d) => dc(d.metadata?.namespace).updateStatus(d as Deployment & KubeObject),
      event: (d, type, reason, message) => this.#deps.events({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: d.metadata }, type, reason, message),
    };
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const d = this.#deployments.lister().namespace(namespace).get(name);
    if (!d) return {};
    const after = await syncDeployment(this.#ops, structuredClone(d));
    return after === undefined ? {} : { requeueAfter: after };
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      await Promise.all([this.#deployments.waitForSync(signal), this.#replicaSets.waitForSync(signal), this.#pods.waitForSync(signal)]);
    } catch (e) {
      if (signal.aborted) return;
      throw e;
    }
    await runWorkers(this.queue, (key) => this.reconcile(key), this.#deps.workers ?? 5, { signal, log: this.#deps.log });
  }
}
