// The reflector (client-go's cache.Reflector): lists a resource page by page, hands the
// whole list to its store, then watches from the list's resourceVersion (with bookmarks),
// applying each event. A 410 Gone/Expired — on the watch request or as an ERROR event —
// means the history is gone: list again. A network error backs off (0.8 s doubling to 30 s,
// jittered) and re-watches from the last resourceVersion seen. It runs until its signal aborts.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeObject, Status } from '../api/meta/v1/types.js';
import { fromStatus, isGone } from '../machinery/errors.js';
import type { ResourceClient } from './resource.js';

export interface ReflectorStore<T> {
  /** the complete list (the initial list, or a relist after 410) */
  replace(items: T[], resourceVersion: string): void;
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
}

export interface ReflectorOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** list page size (client-go: 500) */
  pageSize?: number;
  /** backoff after errors: first and longest wait (ms) */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** watch requests' timeoutSeconds lie in [min, 2·min) (client-go: 5 min) */
  minWatchTimeoutSeconds?: number;
  /** called with every error the loop recovers from (logging) */
  onError?: (e: unknown) => void;
}

export class Reflector<T extends KubeObject> {
  readonly #client: ResourceClient<T>;
  readonly #store: ReflectorStore<T>;
  readonly #opts: ReflectorOptions;
  #lastRV = '';
  #backoffMs: number;
  /** lists done (the first and every relist), for tests and metrics */
  lists = 0;

  constructor(client: ResourceClient<T>, store: ReflectorStore<T>, opts: ReflectorOptions = {}) {
    this.#client = client;
    this.#store = store;
    this.#opts = opts;
    this.#backoffMs = opts.backoffInitialMs ?? 800;
  }

  get lastSyncResourceVersion(): string {
    return this.#lastRV;
  }

  async #backoff(signal: AbortSignal): Promise<void> {
    const max = this.#opts.backoffMaxMs ?? 30_000;
    const wait = this.#backoffMs * (1 + Math.random());
    this.#backoffMs = Math.min(max, this.#backoffMs * 2);
    await sleep(Math.min(max, wait), undefined, { signal });
  }

  #resetBackoff(): void {
    this.#backoffMs = this.#opts.backoffInitialMs ?? 800;
  }

  async #list(signal: AbortSignal): Promise<void> {
    const { labelSelector, fieldSelector } = this.#opts;
    const list = await this.#client.listAll({ labelSelector, fieldSelector, limit: this.#opts.pageSize ?? 500, signal });
    this.lists++;
    const rv = list.metadata?.resourceVersion ?? '';
    const kind = list.kind?.replace(/List$/, '');
    const apiVersion = list.apiVersion;
    // items of a list carry no kind/apiVersion on the wire; the cache keeps whole objects
    for (const item of list.items) {
      item.kind ??= kind;
      item.apiVersion ??= apiVersion;
    }
    this.#store.replace(list.items, rv);
    this.#lastRV = rv;
  }

  /** One watch from the last resourceVersion, until it ends; throws what ended it abnormally. Returns the events seen. */
  async #watch(signal: AbortSignal): Promise<number> {
    const { labelSelector, fieldSelector } = this.#opts;
    const min = this.#opts.minWatchTimeoutSeconds ?? 300;
    const w = await this.#client.watch({
      labelSelector, fieldSelector, resourceVersion: this.#lastRV, allowWatchBookmarks: true,
      timeoutSeconds: Math.floor(min * (1 + Math.random())), signal,
    });
    let events = 0;
    try {
      for await (const ev of w) {
        events++;
        this.#resetBackoff();
        const obj = ev.object as T;
        switch (ev.type) {
          case 'ADDED': this.#store.add(obj); break;
          case 'MODIFIED': this.#store.update(obj); break;
          case 'DELETED': this.#store.delete(obj); break;
          case 'BOOKMARK': break;
          case 'ERROR': throw fromStatus(ev.object as Status);
        }
        const rv = obj?.metadata?.resourceVersion;
        if (rv) this.#lastRV = rv;
      }
    } finally {
      w.stop();
    }
    return events;
  }

  /** List, then watch; forever, until the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    let needList = true;
    let gone = 0;
    while (!signal.aborted) {
      let pause = false;
      try {
        if (needList) {
          await this.#list(signal);
          needList = false;
        }
        const started = Date.now();
        const events = await this.#watch(signal);
        gone = 0;
        // a watch the server ends at once without events, again and again, must not spin
        pause = events === 0 && Date.now() - started < 1000;
      } catch (e) {
        if (signal.aborted) break;
        if (isGone(e)) {
          needList = true; // the resourceVersion is too old: start again from a fresh list
          pause = ++gone > 1; // right after a fresh list, 410 again: do not spin
        } else {
          this.#opts.onError?.(e);
          pause = true;
        }
      }
      if (pause) {
        try {
          await this.#backoff(signal);
        } catch {
          break;
        }
      }
    }
  }
}
