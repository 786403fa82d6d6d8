// Test helpers for the admission plugins: a Registry over a MemoryStore with its watch
// cache running, a way to put objects in it, and admission attributes for a request.
import { scheme } from '../../api/index.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ResourceInfo } from '../../api/scheme.js';
import { MemoryStore } from '../../storage/memory.js';
import type { AdmissionAttributes, AdmissionOperation, UserInfo } from '../chain.js';
import { Metrics } from '../metrics.js';
import { Registry, decodeObject } from '../registry.js';
import { StorageKeys } from '../storage-keys.js';
import { prepareForCreate } from '../strategy.js';
import { WatchCache } from '../watch-cache.js';

export interface TestCluster {
  registry: Registry;
  scheme: typeof scheme;
  /** stores an object as the API would (uid, creationTimestamp, defaults) */
  put<T extends KubeObject>(obj: T): Promise<T>;
  info(apiVersion: string, kind: string): ResourceInfo;
  close(): Promise<void>;
}

export const admin: UserInfo = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };

export async function testCluster(namespaces: string[] = ['default']): Promise<TestCluster> {
  const store = new MemoryStore();
  const cache = new WatchCache(store, { decode: decodeObject });
  await cache.start();
  const registry = new Registry(store, cache, new StorageKeys(scheme), new Metrics());
  const info = (apiVersion: string, kind: string): ResourceInfo => {
    const i = scheme.forObject(apiVersion, kind);
    if (!i) throw new Error(`no kind ${apiVersion} ${kind}`);
    return i;
  };
  const put = async <T extends KubeObject>(obj: T): Promise<T> => {
    const i = info(obj.apiVersion ?? '', obj.kind ?? '');
    const copy = structuredClone(obj);
    prepareForCreate(i, copy);
    i.defaults?.(copy);
    const status = (obj as KubeObject & { status?: unknown }).status;
    if (status !== undefined) (copy as KubeObject & { status?: unknown }).status = structuredClone(status);
    return await registry.create(i, copy, false) as T;
  };
  for (const name of namespaces) {
    await put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: { phase: 'Active' } });
  }
  return {
    registry, scheme, put, info,
    close: async () => {
      await cache.stop();
      await store.close();
    },
  };
}

export interface AttrOptions {
  operation?: AdmissionOperation;
  subresource?: string;
  namespace?: string;
  name?: string;
  oldObject?: KubeObject;
  user?: UserInfo;
  dryRun?: boolean;
}

/** Admission attributes for a write of obj (or, for DELETE, of the named object). */
export function attrs(obj: KubeObject | undefined, resource: ResourceInfo, o: AttrOptions = {}): AdmissionAttributes {
  return {
    operation: o.operation ?? 'CREATE',
    info: resource,
    subresource: o.subresource ?? '',
    namespace: resource.namespaced ? o.namespace ?? obj?.metadata?.namespace ?? 'default' : '',
    name: o.name ?? obj?.metadata?.name ?? '',
    object: obj,
    oldObject: o.oldObject,
    user: o.user ?? admin,
    dryRun: o.dryRun ?? false,
    warnings: [],
  };
}

/** A pod with one container per name (image nginx) in the default namespace. */
export function pod(name: string, containers: string[] = ['c'], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: { containers: containers.map((c) => ({ name: c, image: 'nginx' })), ...extra },
  };
}
