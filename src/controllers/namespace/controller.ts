// The namespace controller: a namespace with a deletionTimestamp is a key; its sync deletes
// what the namespace holds and, once nothing is left, finalizes it.
import type { Namespace } from '../../api/core/v1/namespace.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { SharedInformerFactory } from '../../client/factory.js';
import type { SharedIndexInformer } from '../../client/informer.js';
import type { RestClient } from '../../client/rest.js';
import { WorkQueue } from '../../client/workqueue.js';
import type { Logger } from '../../machinery/log.js';
import { runWorkers, type ReconcileResult } from '../loop.js';
import { syncNamespace } from './deleter.js';

export interface NamespaceControllerDeps {
  factory: SharedInformerFactory;
  rest: RestClient;
  log: Logger;
  /** upstream --concurrent-namespace-syncs, 10 */
  workers?: number;
}

export class NamespaceController {
  readonly queue = new WorkQueue<string>();
  readonly #deps: NamespaceControllerDeps;
  readonly #namespaces: SharedIndexInformer<Namespace & KubeObject>;

  constructor(deps: NamespaceControllerDeps) {
    this.#deps = deps;
    this.#namespaces = deps.factory.forResource({ group: '', version: 'v1', resource: 'namespaces' }, { clusterScoped: true });
    const enqueue = (ns: Namespace) => {
      if (ns.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
    };
    this.#namespaces.addEventHandler({ onAdd: enqueue, onUpdate: (_old, ns) => enqueue(ns) });
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const ns = this.#namespaces.lister().get(key);
    if (!ns) return {};
    const after = await syncNamespace(this.#deps.rest, ns);
    return after === undefined ? {} : { requeueAfter: after };
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      await this.#namespaces.waitForSync(signal);
    } catch (e) {
      if (signal.aborted) return;
      throw e;
    }
    await runWorkers(this.queue, (key) => this.reconcile(key), this.#deps.workers ?? 10, { signal, log: this.#deps.log });
  }
}
