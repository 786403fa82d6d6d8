// A generic resource client: get/list/create/update/updateStatus/patch/delete/
// deleteCollection/watch for any group/version/resource, namespaced or not. No per-kind code.
import type { DeleteOptions, KubeList, KubeObject } from '../api/meta/v1/types.js';
import type { Query, RestClient } from './rest.js';
import { Watch } from './watch.js';

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface WatchOptions extends ListOptions {
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
  signal?: AbortSignal;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  /** server-side apply: take fields other managers own */
  force?: boolean;
  subresource?: string;
}

export interface DeleteOpts extends Omit<DeleteOptions, 'kind' | 'apiVersion' | 'dryRun'> {
  dryRun?: boolean;
  signal?: AbortSignal;
}

/** The API path of a group/version: /api/v1 or /apis/<group>/<version>. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

function writeQuery(o: WriteOptions = {}): Query {
  return { dryRun: o.dryRun ? 'All' : undefined, fieldManager: o.fieldManager, fieldValidation: o.fieldValidation };
}

function listQuery(o: WatchOptions = {}): Query {
  return {
    labelSelector: o.labelSelector, fieldSelector: o.fieldSelector, limit: o.limit, continue: o.continue,
    resourceVersion: o.resourceVersion, resourceVersionMatch: o.resourceVersionMatch, timeoutSeconds: o.timeoutSeconds,
    allowWatchBookmarks: o.allowWatchBookmarks, sendInitialEvents: o.sendInitialEvents,
  };
}

export class ResourceClient<T extends KubeObject = KubeObject> {
  readonly rest: RestClient;
  readonly gvr: GroupVersionResource;
  /** undefined: cluster-scoped, or every namespace of a namespaced resource */
  readonly ns: string | undefined;

  constructor(rest: RestClient, gvr: GroupVersionResource, namespace?: string) {
    this.rest = rest;
    this.gvr = gvr;
    this.ns = namespace || undefined;
  }

  /** The same resource in (another) namespace. */
  namespace(ns: string | undefined): ResourceClient<T> {
    return new ResourceClient<T>(this.rest, this.gvr, ns);
  }

  /** The collection path, or an object's path (with a subresource). */
  path(name?: string, subresource?: string): string {
    let p = groupVersionPath(this.gvr.group, this.gvr.version);
    if (this.ns) p += `/namespaces/${encodeURIComponent(this.ns)}`;
    p += `/${this.gvr.resource}`;
    if (name !== undefined) p += `/${encodeURIComponent(name)}`;
    if (subresource) p += `/${subresource}`;
    return p;
  }

  #nameOf(obj: T): string {
    const name = obj.metadata?.name;
    if (!name) throw new Error(`${this.gvr.resource}: the object has no metadata.name`);
    return name;
  }

  get(name: string, opts: { resourceVersion?: string; subresource?: string; signal?: AbortSignal } = {}): Promise<T> {
    return this.rest.json<T>({ path: this.path(name, opts.subresource), query: { resourceVersion: opts.resourceVersion }, signal: opts.signal });
  }

  list(opts: ListOptions = {}): Promise<KubeList<T>> {
    return this.rest.json<KubeList<T>>({ path: this.path(), query: listQuery(opts), signal: opts.signal });
  }

  /** Every item, following continue tokens page by page (limit = page size). */
  async listAll(opts: ListOptions = {}): Promise<KubeList<T>> {
    const first = await this.list(opts);
    let page = first;
    const items = [...first.items];
    while (page.metadata?.continue) {
      page = await this.list({ ...opts, continue: page.metadata.continue, resourceVersion: undefined, resourceVersionMatch: undefined });
      items.push(...page.items);
    }
    return { ...page, items, metadata: { ...page.metadata, continue: undefined } };
  }

  create(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.rest.json<T>({ method: 'POST', path: this.path(), query: writeQuery(opts), body: obj, signal: opts.signal });
  }

  /** POST to a subresource of a named object: pods/binding, pods/eviction, serviceaccounts/token. */
  createSubresource<B = KubeObject, R = B>(name: string, subresource: string, body: B, opts: WriteOptions = {}): Promise<R> {
    return this.rest.json<R>({ method: 'POST', path: this.path(name, subresource), query: writeQuery(opts), body, signal: opts.signal });
  }

  update(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.rest.json<T>({ method: 'PUT', path: this.path(this.#nameOf(obj)), query: writeQuery(opts), body: obj, signal: opts.signal });
  }

  updateStatus(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.rest.json<T>({ method: 'PUT', path: this.path(this.#nameOf(obj), 'status'), query: writeQuery(opts), body: obj, signal: opts.signal });
  }

  patch(name: string, type: PatchType, patch: unknown, opts: PatchOptions = {}): Promise<T> {
    if (type === 'apply' && !opts.fieldManager) throw new Error('an apply patch needs a fieldManager');
    return this.rest.json<T>({
      method: 'PATCH', path: this.path(name, opts.subresource), contentType: PATCH_CONTENT_TYPES[type],
      query: { ...writeQuery(opts), force: type === 'apply' && opts.force ? true : undefined },
      body: typeof patch === 'string' ? patch : JSON.stringify(patch), signal: opts.signal,
    });
  }

  /** Deletes; resolves to what the server answers (the object while finalizers hold it, else a Status). */
  delete(name: string, opts: DeleteOpts = {}): Promise<T> {
    const { signal, dryRun, ...rest } = opts;
    const body: DeleteOptions = { kind: 'DeleteOptions', apiVersion: 'v1', ...rest, ...(dryRun ? { dryRun: ['All'] } : {}) };
    return this.rest.json<T>({ method: 'DELETE', path: this.path(name), body, signal });
  }

  deleteCollection(opts: DeleteOpts & ListOptions = {}): Promise<KubeList<T>> {
    const { signal, dryRun, labelSelector, fieldSelector, limit, continue: cont, resourceVersion, resourceVersionMatch, timeoutSeconds, ...rest } = opts;
    const body: DeleteOptions = { kind: 'DeleteOptions', apiVersion: 'v1', ...rest, ...(dryRun ? { dryRun: ['All'] } : {}) };
    return this.rest.json<KubeList<T>>({
      method: 'DELETE', path: this.path(), body, signal,
      query: listQuery({ labelSelector, fieldSelector, limit, continue: cont, resourceVersion, resourceVersionMatch, timeoutSeconds }),
    });
  }

  /** Starts a watch; iterate the result, stop() or abort the signal to end it. */
  async watch(opts: WatchOptions = {}): Promise<Watch<T>> {
    const res = await this.rest.stream({ path: this.path(), query: { ...listQuery(opts), watch: true }, signal: opts.signal });
    return new Watch<T>(res);
  }
}

/** A client for one resource: `resource(rest, { group: 'apps', version: 'v1', resource: 'deployments' }, 'default')`. */
export function resource<T extends KubeObject = KubeObject>(rest: RestClient, gvr: GroupVersionResource, namespace?: string): ResourceClient<T> {
  return new ResourceClient<T>(rest, gvr, namespace);
}
