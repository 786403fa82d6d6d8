// Listers (client-go's listers): read-only views of an informer's cache, by namespace and
// label selector. What they return is shared and frozen: structuredClone before changing it.
import type { KubeObject } from '../api/meta/v1/types.js';
import { everything, type Selector } from '../machinery/labels.js';
import { NAMESPACE_INDEX, type Indexer } from './indexer.js';

export interface NamespaceLister<T> {
  list(selector?: Selector): T[];
  get(name: string): T | undefined;
}

export class Lister<T extends KubeObject = KubeObject> {
  readonly #indexer: Indexer<T>;
  constructor(indexer: Indexer<T>) {
    this.#indexer = indexer;
  }

  /** Every cached object the selector matches (all namespaces). */
  list(selector: Selector = everything()): T[] {
    const all = this.#indexer.list();
    return selector.empty() ? all : all.filter((o) => selector.matches(o.metadata?.labels));
  }

  /** A cluster-scoped object by name. */
  get(name: string): T | undefined {
    return this.#indexer.getByKey(name);
  }

  namespace(ns: string): NamespaceLister<T> {
    const indexer = this.#indexer;
    return {
      list: (selector = everything()) => {
        const objs = indexer.byIndex(NAMESPACE_INDEX, ns);
        return selector.empty() ? objs : objs.filter((o) => selector.matches(o.metadata?.labels));
      },
      get: (name) => indexer.getByKey(`${ns}/${name}`),
    };
  }
}
