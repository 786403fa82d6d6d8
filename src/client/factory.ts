// The shared informer factory (client-go's SharedInformerFactory): one informer — one
// list+watch and one cache — per resource in a process, however many loops ask for it.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { Logger } from '../machinery/log.js';
import { SharedIndexInformer, type InformerOptions } from './informer.js';
import type { RestClient } from './rest.js';
import { ResourceClient, type GroupVersionResource } from './resource.js';

export interface FactoryOptions {
  /** default resync period for informers' handlers (ms; 0 = none) */
  defaultResyncMs?: number;
  /** watch one namespace only (default: all) */
  namespace?: string;
  /** per-informer options (selectors, page size, backoff) */
  informer?: Omit<InformerOptions<KubeObject>, 'resyncPeriodMs' | 'indexers' | 'log'>;
  /** each informer logs through a child named after its resource */
  log?: Logger;
}

export function gvrKey(gvr: GroupVersionResource): string {
  return `${gvr.group}/${gvr.version}/${gvr.resource}`;
}

export class SharedInformerFactory {
  readonly rest: RestClient;
  readonly #opts: FactoryOptions;
  readonly #informers = new Map<string, SharedIndexInformer<KubeObject>>();
  readonly #runs = new Map<string, Promise<void>>();
  #signal?: AbortSignal;

  constructor(rest: RestClient, opts: FactoryOptions = {}) {
    this.rest = rest;
    this.#opts = opts;
  }

  /** The informer for a resource, made on first use (started by start()); the factory's namespace does not apply to a cluster-scoped one. */
  forResource<T extends KubeObject = KubeObject>(gvr: GroupVersionResource, opts: { clusterScoped?: boolean } = {}): SharedIndexInformer<T> {
    const key = gvrKey(gvr);
    let inf = this.#informers.get(key);
    if (!inf) {
      const ns = opts.clusterScoped ? undefined : this.#opts.namespace;
      inf = new SharedIndexInformer<KubeObject>(new ResourceClient(this.rest, gvr, ns), {
        ...this.#opts.informer, resyncPeriodMs: this.#opts.defaultResyncMs, log: this.#opts.log?.child(gvr.resource),
      });
      this.#informers.set(key, inf);
      if (this.#signal && !this.#signal.aborted) this.#run(key, inf, this.#signal);
    }
    return inf as unknown as SharedIndexInformer<T>;
  }

  #run(key: string, inf: SharedIndexInformer<KubeObject>, signal: AbortSignal): void {
    this.#runs.set(key, inf.run(signal));
  }

  /**
   * Starts every informer asked for so far (and, while the signal lives, any asked for
   * later); idempotent.
   */
  start(signal: AbortSignal): void {
    this.#signal = signal;
    for (const [key, inf] of this.#informers) if (!this.#runs.has(key)) this.#run(key, inf, signal);
  }

  /** Waits until every started informer has its initial list. */
  async waitForCacheSync(signal?: AbortSignal): Promise<void> {
    const synced = Promise.all([...this.#informers.values()].map((i) => i.waitForSync()));
    if (!signal) return void await synced;
    if (signal.aborted) throw signal.reason as Error;
    // one abort listener for all the informers (a collector waits on dozens at once)
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      synced.then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, reject);
    });
  }

  /** Resolves when every informer's loop has ended (after the start signal aborted). */
  async shutdown(): Promise<void> {
    await Promise.all(this.#runs.values());
  }
}
