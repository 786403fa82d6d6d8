// How the token authenticators read cluster state: one object by resource, namespace and
// name, through the API server's Registry (undefined when it does not exist).
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { Scheme } from '../../api/scheme.js';
import { NotFoundError } from '../../machinery/errors.js';
import type { Registry } from '../registry.js';

export type LookupResource = 'serviceaccounts' | 'secrets' | 'pods' | 'nodes';

export type ObjectLookup = (resource: LookupResource, namespace: string, name: string) => Promise<KubeObject | undefined>;

export function registryLookup(registry: Registry, scheme: Scheme): ObjectLookup {
  return async (resource, namespace, name) => {
    const info = scheme.byResource('', 'v1', resource);
    if (!info) throw new Error(`no core/v1 ${resource} in the scheme`);
    try {
      return await registry.get(info, info.namespaced ? namespace : '', name);
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  };
}

/** A lookup over a fixed set of objects (tests): keys are resource/namespace/name (nodes: resource//name). */
export function mapLookup(objects: Map<string, KubeObject>): ObjectLookup {
  return async (resource, namespace, name) => objects.get(`${resource}/${resource === 'nodes' ? '' : namespace}/${name}`);
}
