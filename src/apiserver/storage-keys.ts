// Where each resource lives in storage, as upstream lays out etcd:
//   /registry/pods/default/web, /registry/deployments/default/web, /registry/namespaces/default,
// with upstream's historical names (services/specs, services/endpoints, minions for nodes),
// which the kinds' strategies give as storagePrefix.
// A resource served by more than one group keeps its bare name for the first and is
// prefixed by the group for the others; the versions of a group/resource share one space
// when conversion.ts converts between them, and otherwise get their own (<resource>-<version>).
import type { ResourceInfo, Scheme } from '../api/scheme.js';
import { conversionFor } from './conversion.js';
import { strategyOf } from './strategy.js';

export class StorageKeys {
  readonly #prefix = new Map<ResourceInfo, string>();

  constructor(scheme: Scheme) {
    const claimed = new Set<string>();
    const groupResources = new Map<string, string>();
    for (const info of scheme.all()) {
      if (info.virtual) continue;
      const gr = `${info.group}/${info.resource}`;
      let base = strategyOf(info).storagePrefix ?? info.resource;
      // members of one conversion share the space of the first one registered
      const conv = conversionFor(info);
      const shared = groupResources.get(gr) ?? (conv ? conv.members.map((m) => groupResources.get(m)).find((b) => b !== undefined) : undefined);
      if (shared !== undefined && conversionFor(info)) base = shared;
      else if (shared !== undefined) base = `${base}-${info.version}`;
      else if (claimed.has(base)) base = `${info.group}/${base}`;
      if (shared === undefined) groupResources.set(gr, base);
      claimed.add(base);
      this.#prefix.set(info, `/registry/${base}/`);
    }
  }

  /** The collection prefix: /registry/pods/ or, for one namespace, /registry/pods/default/ */
  prefix(info: ResourceInfo, namespace?: string): string {
    const p = this.#prefix.get(info);
    if (!p) throw new Error(`no storage for ${info.group}/${info.version}/${info.resource}`);
    return info.namespaced && namespace ? `${p}${namespace}/` : p;
  }

  key(info: ResourceInfo, namespace: string, name: string): string {
    return info.namespaced ? `${this.prefix(info)}${namespace}/${name}` : `${this.prefix(info)}${name}`;
  }
}
