// Test helpers: a memory store with a watch cache, and writers for the RBAC kinds and pods
// at the storage keys the real server uses.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { PolicyRule, Subject } from '../../api/rbac/v1/types.js';
import { MemoryStore } from '../../storage/memory.js';
import type { UserInfo } from '../chain.js';
import { decodeObject, encodeObject } from '../registry.js';
import { WatchCache } from '../watch-cache.js';
import type { RbacPrefixes } from './resolver.js';

export const PREFIXES: RbacPrefixes = {
  roles: '/registry/roles/',
  clusterRoles: '/registry/clusterroles/',
  roleBindings: '/registry/rolebindings/',
  clusterRoleBindings: '/registry/clusterrolebindings/',
};

const PLURAL: Record<string, string> = {
  Role: 'roles', ClusterRole: 'clusterroles', RoleBinding: 'rolebindings', ClusterRoleBinding: 'clusterrolebindings',
  Pod: 'pods', PersistentVolumeClaim: 'persistentvolumeclaims', VolumeAttachment: 'volumeattachments',
};

export interface Fixture {
  cache: WatchCache;
  put(obj: KubeObject): Promise<void>;
  del(obj: KubeObject): Promise<void>;
  close(): Promise<void>;
}

function keyOf(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return `/registry/${PLURAL[obj.kind ?? '']}/${ns ? `${ns}/` : ''}${obj.metadata?.name}`;
}

export async function fixture(): Promise<Fixture> {
  const store = new MemoryStore();
  const cache = new WatchCache(store, { decode: decodeObject });
  await cache.start();
  return {
    cache,
    async put(obj) {
      const key = keyOf(obj);
      const cur = await store.get(key);
      const rev = cur ? await store.update(key, encodeObject(obj), cur.modRevision) : await store.create(key, encodeObject(obj));
      await cache.waitUntilFresh(rev);
    },
    async del(obj) {
      const { revision } = await store.delete(keyOf(obj));
      await cache.waitUntilFresh(revision);
    },
    async close() {
      await cache.stop();
      await store.close();
    },
  };
}

export const user = (name: string, ...groups: string[]): UserInfo => ({ name, groups: [...groups, 'system:authenticated'] });

export function roleObj(namespace: string, name: string, rules: PolicyRule[]): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: namespace ? 'Role' : 'ClusterRole', metadata: { name, ...(namespace ? { namespace } : {}) }, rules };
}

export function bindingObj(namespace: string, name: string, roleKind: 'Role' | 'ClusterRole', roleName: string, subjects: Subject[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName }, subjects,
  };
}

export const U = (name: string): Subject => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
export const G = (name: string): Subject => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });
export const SA = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });
