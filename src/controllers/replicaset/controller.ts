// The ReplicaSet controller (and, with replicationControllerKind, the ReplicationController
// manager): informer events become keys on the work queue — a pod's event is the key of the
// ReplicaSet controlling it, or of every ReplicaSet whose selector matches an orphan — and
// each key is reconciled by syncReplicaSet over the cache.
import type { Pod } from '../../api/core/v1/pod.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { SharedInformerFactory } from '../../client/factory.js';
import { objectOf, type DeletedFinalStateUnknown, type SharedIndexInformer } from '../../client/informer.js';
import { splitMetaNamespaceKey } from '../../client/indexer.js';
import type { RestClient } from '../../client/rest.js';
import { resource, type GroupVersionResource } from '../../client/resource.js';
import { WorkQueue } from '../../client/workqueue.js';
import { deepEqual } from '../../machinery/equality.js';
import { controllerOf } from '../controller-ref.js';
import { ControllerExpectations } from '../expectations.js';
import type { RecordEvent } from '../events.js';
import type { Logger } from '../../machinery/log.js';
import { runWorkers, type ReconcileResult } from '../loop.js';
import { isPodReady, podKey } from '../pods.js';
import type { ReplicatedKind, ReplicatedObject } from './kinds.js';
import { keyOf, syncReplicaSet, type ReplicaSetOps, type SyncContext } from './sync.js';

export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };

export interface ControllerDeps {
  factory: SharedInformerFactory;
  /** the client this controller writes with (its own identity) */
  rest: RestClient;
  events: RecordEvent;
  log: Logger;
  /** concurrent syncs (upstream --concurrent-replicaset-syncs, 5) */
  workers?: number;
}

function gvrOf(kind: ReplicatedKind): GroupVersionResource {
  const [group, version] = kind.apiVersion.includes('/') ? kind.apiVersion.split('/') : ['', kind.apiVersion];
  return { group, version, resource: kind.resource };
}

export class ReplicaSetController {
  readonly kind: ReplicatedKind;
  readonly queue = new WorkQueue<string>();
  readonly expectations = new ControllerExpectations();
  readonly #deps: ControllerDeps;
  readonly #owners: SharedIndexInformer<ReplicatedObject & KubeObject>;
  readonly #pods: SharedIndexInformer<Pod & KubeObject>;
  readonly #ctx: SyncContext;

  constructor(kind: ReplicatedKind, deps: ControllerDeps) {
    this.kind = kind;
    this.#deps = deps;
    this.#owners = deps.factory.forResource(gvrOf(kind));
    this.#pods = deps.factory.forResource(PODS);
    this.#ctx = { kind, ops: this.#ops(), expectations: this.expectations };
    this.#owners.addEventHandler({
      onAdd: (rs) => this.queue.add(keyOf(rs)),
      onUpdate: (_old, rs) => this.queue.add(keyOf(rs)),
      onDelete: (o) => {
        const key = keyOf(objectOf(o));
        this.expectations.delete(key);
        this.queue.add(key);
      },
    });
    this.#pods.addEventHandler({
      onAdd: (pod) => this.#podAdded(pod),
      onUpdate: (old, cur) => this.#podUpdated(old, cur),
      onDelete: (o) => this.#podDeleted(o),
    });
  }

  /** resolveControllerRef: the owner in the cache that this reference names, if it is one of ours. */
  #resolve(pod: Pod): ReplicatedObject | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== this.kind.kind) return undefined;
    const rs = this.#owners.lister().namespace(pod.metadata?.namespace ?? '').get(ref.name);
    return rs?.metadata?.uid === ref.uid ? rs : undefined;
  }

  /** getPodReplicaSets: the owners whose selector matches an orphan pod. */
  #matching(pod: Pod): ReplicatedObject[] {
    return this.#owners.lister().namespace(pod.metadata?.namespace ?? '').list().filter((rs) => {
      try {
        const sel = this.kind.selector(rs);
        return !sel.empty() && sel.matches(pod.metadata?.labels ?? {});
      } catch {
        return false;
      }
    });
  }

  #podAdded(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      this.#podDeleted(pod);
      return;
    }
    if (controllerOf(pod)) {
      const rs = this.#resolve(pod);
      if (!rs) return;
      this.expectations.creationObserved(keyOf(rs));
      this.queue.add(keyOf(rs));
      return;
    }
    for (const rs of this.#matching(pod)) this.queue.add(keyOf(rs));
  }

  #podUpdated(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelsChanged = !deepEqual(old.metadata?.labels ?? {}, cur.metadata?.labels ?? {});
    if (cur.metadata?.deletionTimestamp) {
      // a graceful delete: the pod is as good as gone for the ReplicaSet
      this.#podDeleted(cur);
      if (labelsChanged) this.#podDeleted(old);
      return;
    }
    const refChanged = !deepEqual(controllerOf(old), controllerOf(cur));
    if (refChanged && controllerOf(old)) {
      const prev = this.#resolve(old);
      if (prev) this.queue.add(keyOf(prev));
    }
    if (controllerOf(cur)) {
      const rs = this.#resolve(cur);
      if (!rs) return;
      this.queue.add(keyOf(rs));
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.queue.addAfter(keyOf(rs), minReady * 1000);
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.#matching(cur)) this.queue.add(keyOf(rs));
  }

  #podDeleted(o: Pod | DeletedFinalStateUnknown<Pod>): void {
    const pod = objectOf(o);
    const rs = this.#resolve(pod);
    if (!rs) return;
    this.expectations.deletionObserved(keyOf(rs), podKey(pod));
    this.queue.add(keyOf(rs));
  }

  #ops(): ReplicaSetOps {
    const rest = this.#deps.rest;
    const kind = this.kind;
    const owners = (ns: string) => resource<ReplicatedObject & KubeObject>(rest, gvrOf(kind), ns);
    const pods = (ns: string) => resource<Pod & KubeObject>(rest, PODS, ns);
    return {
      now: () => new Date(),
      pods: (ns) => this.#pods.lister().namespace(ns).list(),
      relatedPods: (rs) => {
        const ref = controllerOf(rs);
        const ns = rs.metadata?.namespace ?? '';
        const siblings = ref ? this.#owners.lister().namespace(ns).list().filter((o) => controllerOf(o)?.uid === ref.uid) : [rs];
        const all = this.#pods.lister().namespace(ns).list();
        const seen = new Set<string>();
        const out: Pod[] = [];
        for (const s of siblings) {
          let sel;
          try { sel = kind.selector(s); } catch { continue; }
          for (const p of all) {
            if (seen.has(p.metadata?.uid ?? '') || !sel.matches(p.metadata?.labels ?? {})) continue;
            seen.add(p.metadata?.uid ?? '');
            out.push(p);
          }
        }
        return out;
      },
      freshOwner: (rs) => owners(rs.metadata?.namespace ?? '').get(rs.metadata?.name ?? ''),
      createPod: (ns, pod) => pods(ns).create(pod as Pod & KubeObject),
      deletePod: async (pod) => {
        await pods(pod.metadata?.namespace ?? '').delete(pod.metadata?.name ?? '', { preconditions: { uid: pod.metadata?.uid } });
      },
      patchPod: (pod, patch) => pods(pod.metadata?.namespace ?? '').patch(pod.metadata?.name ?? '', 'strategic', patch),
      updateStatus: (rs) => owners(rs.metadata?.namespace ?? '').updateStatus(rs as ReplicatedObject & KubeObject),
      event: (rs, type, reason, message) => this.#deps.events({ apiVersion: kind.apiVersion, kind: kind.kind, metadata: rs.metadata }, type, reason, message),
    };
  }

  /** reconcile(key): sync the object, or forget its expectations once it is gone. */
  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const rs = this.#owners.lister().namespace(namespace).get(name);
    if (!rs) {
      this.expectations.delete(key);
      return {};
    }
    return syncReplicaSet(this.#ctx, structuredClone(rs));
  }

  /** Waits for the caches, then works until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    try {
      await Promise.all([this.#owners.waitForSync(signal), this.#pods.waitForSync(signal)]);
    } catch (e) {
      if (signal.aborted) return;
      throw e;
    }
    await runWorkers(this.queue, (key) => this.reconcile(key), this.#deps.workers ?? 5, { signal, log: this.#deps.log });
  }
}
