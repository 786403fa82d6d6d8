// The garbage collector: informers over every deletable resource discovery lists feed the
// ownerReferences graph; an object goes on the queue (by uid) when it may have lost its owners,
// when an owner of it goes, or when it is being deleted with the orphan or foreground finalizer.
// The graph is built from lists, so owners deleted while the collector was down are found too.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { SharedInformerFactory } from '../../client/factory.js';
import { objectOf, type DeletedFinalStateUnknown } from '../../client/informer.js';
import type { RestClient } from '../../client/rest.js';
import { WorkQueue } from '../../client/workqueue.js';
import type { Logger } from '../../machinery/log.js';
import { runWorkers } from '../loop.js';
import { deletableResources, groupKind, type GcResource } from './discovery.js';
import { FOREGROUND, Graph, ORPHAN, waitsFor, type GraphNode } from './graph.js';
import { processNode, type ProcessDeps } from './process.js';

export interface GarbageCollectorDeps {
  factory: SharedInformerFactory;
  rest: RestClient;
  log: Logger;
  /** upstream --concurrent-gc-syncs, 20 */
  workers?: number;
  /** how often discovery is asked again for new resources (upstream 30 s) */
  discoveryPeriodMs?: number;
}

export class GarbageCollector {
  readonly queue = new WorkQueue<string>();
  readonly graph = new Graph();
  readonly #deps: GarbageCollectorDeps;
  readonly #byKind = new Map<string, GcResource>();
  readonly #watched = new Set<string>();
  #synced = false;

  constructor(deps: GarbageCollectorDeps) {
    this.#deps = deps;
  }

  #enqueue = (uid: string) => this.queue.add(uid);

  /** Queues an object whose owners may be gone, and owners waiting on it in the foreground. */
  #changed(node: GraphNode, old?: GraphNode): void {
    if (waitsFor(node, ORPHAN) || waitsFor(node, FOREGROUND)) this.#enqueue(node.uid);
    for (const o of [...(old?.owners ?? []), ...node.owners]) {
      const owner = this.graph.get(o.uid);
      if (owner && waitsFor(owner, FOREGROUND)) this.#enqueue(owner.uid);
    }
    if (!node.deleting && node.owners.some((o) => !this.graph.get(o.uid))) this.#enqueue(node.uid);
  }

  #removed(obj: KubeObject | DeletedFinalStateUnknown<KubeObject>): void {
    const uid = objectOf(obj).metadata?.uid;
    const node = uid ? this.graph.remove(uid) : undefined;
    if (!node || !this.#synced) return;
    for (const d of this.graph.dependents(node.uid)) this.#enqueue(d);
    for (const o of node.owners) {
      const owner = this.graph.get(o.uid);
      if (owner && waitsFor(owner, FOREGROUND)) this.#enqueue(owner.uid);
    }
  }

  /** Informers for the deletable resources not watched yet. */
  async #discover(): Promise<void> {
    for (const r of await deletableResources(this.#deps.rest)) {
      this.#byKind.set(groupKind(r.group ? `${r.group}/${r.version}` : r.version, r.kind), r);
      const key = `${r.group}/${r.resource}`;
      if (this.#watched.has(key)) continue;
      this.#watched.add(key);
      const inf = this.#deps.factory.forResource<KubeObject>(r, { clusterScoped: !r.namespaced });
      const upsert = (o: KubeObject) => {
        const changed = this.graph.upsert(o, r);
        if (changed && this.#synced) this.#changed(changed.node, changed.old);
      };
      inf.addEventHandler({ onAdd: upsert, onUpdate: (_o, n) => upsert(n), onDelete: (o) => this.#removed(o) });
    }
  }

  #processDeps(): ProcessDeps {
    return {
      rest: this.#deps.rest, graph: this.graph, enqueue: this.#enqueue,
      resolve: (apiVersion, kind) => this.#byKind.get(groupKind(apiVersion, kind)),
    };
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      await this.#discover();
      await this.#deps.factory.waitForCacheSync(signal);
    } catch (e) {
      if (signal.aborted) return;
      throw e;
    }
    this.#synced = true;
    for (const uid of this.graph.uids()) {
      const node = this.graph.get(uid);
      if (node) this.#changed(node);
    }
    const period = this.#deps.discoveryPeriodMs ?? 30_000;
    const timer = setInterval(() => {
      this.#discover().catch((e: unknown) => this.#deps.log.error('discovery failed', { error: (e as Error).message }));
    }, period);
    timer.unref();
    const deps = this.#processDeps();
    try {
      await runWorkers(this.queue, (uid) => processNode(deps, uid), this.#deps.workers ?? 20, { signal, log: this.#deps.log });
    } finally {
      clearInterval(timer);
    }
  }
}
