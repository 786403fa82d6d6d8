// Writes the server makes itself (bootstrap policy, ClusterRole aggregation) through the write
// path (write-path.ts), with the same defaulting, preparation, validation and field ownership a
// request would get. They bypass authorization and admission, as upstream's loopback
// client acting as system:masters does.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ResourceInfo, Scheme } from '../../api/scheme.js';
import { isAlreadyExists } from '../../machinery/errors.js';
import type { Registry } from '../registry.js';
import { createObject, updateObject, type Write } from '../write-path.js';

export class ServerWriter {
  readonly #registry: Registry;
  readonly #scheme: Scheme;
  readonly #manager: string;

  constructor(registry: Registry, scheme: Scheme, manager: string) {
    this.#registry = registry;
    this.#scheme = scheme;
    this.#manager = manager;
  }

  info(resource: string, group = 'rbac.authorization.k8s.io', version = 'v1'): ResourceInfo {
    const info = this.#scheme.byResource(group, version, resource);
    if (!info) throw new Error(`no ${group}/${version} ${resource} in the scheme`);
    return info;
  }

  /** Creates obj; false when it already exists. */
  async create(info: ResourceInfo, obj: KubeObject): Promise<boolean> {
    try {
      await createObject(this.#write(info), structuredClone(obj));
      return true;
    } catch (e) {
      if (isAlreadyExists(e)) return false;
      throw e;
    }
  }

  /** Updates with change(current) → next (or undefined to leave it); retries on conflicts. */
  async update(info: ResourceInfo, namespace: string, name: string, change: (cur: KubeObject) => KubeObject | undefined): Promise<boolean> {
    const r = await updateObject(this.#write(info), namespace, name, { incoming: (cur) => change(structuredClone(cur)) });
    return r.changed;
  }

  #write(info: ResourceInfo): Write {
    return { info, registry: this.#registry, manager: this.#manager };
  }

  async remove(info: ResourceInfo, obj: KubeObject): Promise<void> {
    await this.#registry.remove(info, obj, false);
  }
}
