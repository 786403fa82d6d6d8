// Writes the server makes itself (bootstrap policy, ClusterRole aggregation) straight through
// the registry, with the same preparation, defaulting, validation and field ownership a
// request would get. They bypass authorization and admission, as upstream's loopback
// client acting as system:masters does.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ResourceInfo, Scheme } from '../../api/scheme.js';
import { isAlreadyExists } from '../../machinery/errors.js';
import { admit } from '../handle-write.js';
import { recordManager } from '../managed-fields.js';
import type { Registry } from '../registry.js';
import { prepareForCreate, prepareForUpdate } from '../strategy.js';

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
    const o = structuredClone(obj);
    prepareForCreate(info, o);
    admit(info, o);
    recordManager(info, o, undefined, this.#manager, 'Update', '');
    try {
      await this.#registry.create(info, o, false);
      return true;
    } catch (e) {
      if (isAlreadyExists(e)) return false;
      throw e;
    }
  }

  /** Updates with change(current) → next (or undefined to leave it); retries on conflicts. */
  async update(info: ResourceInfo, namespace: string, name: string, change: (cur: KubeObject) => KubeObject | undefined): Promise<boolean> {
    const r = await this.#registry.update(info, namespace, name, (cur) => {
      const next = change(structuredClone(cur));
      if (!next) return cur;
      const out = prepareForUpdate(info, next, cur, '');
      admit(info, out, cur);
      recordManager(info, out, cur, this.#manager, 'Update', '');
      return out;
    }, false);
    return r.changed;
  }

  async remove(info: ResourceInfo, obj: KubeObject): Promise<void> {
    await this.#registry.remove(info, obj, false);
  }
}
