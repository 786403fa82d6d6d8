// NodeRestriction: a kubelet (user system:node:<name> in group system:nodes) may change only
// its own Node (without the labels reserved for the cluster's administrators), only mirror
// pods bound to itself and the status of its own pods, and only its own Lease.
import type { Pod } from '../../api/core/v1/pod.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { AdmissionAttributes, AdmissionPlugin, UserInfo } from '../chain.js';
import { MIRROR_POD_ANNOTATION, forbidden, getOrUndefined, infoFor, type AdmissionDeps } from './util.js';

const NODE_PREFIX = 'system:node:';
const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The node a user is, or undefined when it is not a node. */
export function nodeNameOf(user: UserInfo | undefined): string | undefined {
  if (!user?.name?.startsWith(NODE_PREFIX) || !user.groups?.includes('system:nodes')) return undefined;
  const name = user.name.slice(NODE_PREFIX.length);
  return name || undefined;
}

/** Labels in the kubernetes.io / k8s.io namespaces a kubelet may still set on its Node. */
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname', 'kubernetes.io/arch', 'kubernetes.io/os',
  'beta.kubernetes.io/instance-type', 'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone',
  'topology.kubernetes.io/region', 'topology.kubernetes.io/zone',
  'beta.kubernetes.io/arch', 'beta.kubernetes.io/os',
]);
const KUBELET_LABEL_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

function labelNamespace(key: string): string {
  const i = key.indexOf('/');
  return i < 0 ? '' : key.slice(0, i);
}

/** Whether a kubelet may not set this label on its own Node. */
export function isForbiddenNodeLabel(key: string): boolean {
  const ns = labelNamespace(key);
  if (ns === 'node-restriction.kubernetes.io' || ns.endsWith('.node-restriction.kubernetes.io')) return true;
  if (KUBELET_LABELS.has(key)) return false;
  if (KUBELET_LABEL_NAMESPACES.some((n) => ns === n || ns.endsWith(`.${n}`))) return false;
  return ns === 'kubernetes.io' || ns.endsWith('.kubernetes.io') || ns === 'k8s.io' || ns.endsWith('.k8s.io');
}

function changedLabels(obj?: KubeObject, old?: KubeObject): string[] {
  const now = obj?.metadata?.labels ?? {};
  const before = old?.metadata?.labels ?? {};
  const keys = new Set([...Object.keys(now), ...Object.keys(before)]);
  return [...keys].filter((k) => now[k] !== before[k]).sort();
}

function checkNode(a: AdmissionAttributes, node: string): void {
  const target = a.name || a.object?.metadata?.name || '';
  if (target !== node) throw forbidden(a, `node "${node}" is not allowed to modify node "${target}"`);
  if (a.subresource) return;
  if (a.operation === 'CREATE') {
    const bad = Object.keys(a.object?.metadata?.labels ?? {}).filter(isForbiddenNodeLabel).sort();
    if (bad.length) throw forbidden(a, `node "${node}" is not allowed to set the following labels: ${bad.join(', ')}`);
  } else if (a.operation === 'UPDATE') {
    const bad = changedLabels(a.object, a.oldObject).filter(isForbiddenNodeLabel);
    if (bad.length) throw forbidden(a, `node "${node}" is not allowed to modify labels: ${bad.join(', ')}`);
    const taints = (o?: KubeObject) => JSON.stringify((o?.spec as { taints?: unknown[] } | undefined)?.taints ?? []);
    if (taints(a.object) !== taints(a.oldObject)) throw forbidden(a, `node "${node}" is not allowed to modify taints`);
  }
}

function podNode(p?: KubeObject): string {
  return (p as Pod | undefined)?.spec?.nodeName ?? '';
}

export function nodeRestriction({ registry, scheme }: AdmissionDeps): AdmissionPlugin {
  const podInfo = infoFor(scheme, '', 'v1', 'pods');
  async function checkPod(a: AdmissionAttributes, node: string): Promise<void> {
    if (a.operation === 'CREATE' && !a.subresource) {
      const pod = a.object as Pod;
      if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] === undefined) {
        throw forbidden(a, `pod does not have "${MIRROR_POD_ANNOTATION}" annotation, node "${node}" can only create mirror pods`);
      }
      if (podNode(pod) !== node) throw forbidden(a, `node "${node}" can only create pods with spec.nodeName set to itself`);
      const owners = pod.metadata?.ownerReferences ?? [];
      if (owners.length > 1 || owners.some((o) => o.kind !== 'Node' || o.name !== node)) {
        throw forbidden(a, `node "${node}" can only create pods with an owner reference set to itself`);
      }
      if (pod.spec?.serviceAccountName) throw forbidden(a, `node "${node}" can not create pods that reference a service account`);
      for (const v of pod.spec?.volumes ?? []) {
        if (v.secret || v.configMap || v.persistentVolumeClaim || v.projected || v.ephemeral) {
          throw forbidden(a, `node "${node}" can not create pods that reference secrets, configmaps, persistentvolumeclaims or projected volumes`);
        }
      }
      return;
    }
    if (a.operation === 'CREATE' && a.subresource === 'eviction') {
      const pod = await getOrUndefined<Pod>(registry, podInfo, a.namespace, a.name);
      if (pod && podNode(pod) !== node) throw forbidden(a, `node "${node}" can only evict pods with spec.nodeName set to itself`);
      return;
    }
    if (a.operation === 'UPDATE') {
      if (a.subresource !== 'status') throw forbidden(a, `node "${node}" can only update pod status`);
      if (podNode(a.oldObject) !== node) throw forbidden(a, `node "${node}" can only update pod status for pods with spec.nodeName set to itself`);
      return;
    }
    if (a.operation === 'DELETE') {
      const pod = a.oldObject ?? await getOrUndefined<Pod>(registry, podInfo, a.namespace, a.name);
      if (pod && podNode(pod) !== node) throw forbidden(a, `node "${node}" can only delete pods with spec.nodeName set to itself`);
      return;
    }
    throw forbidden(a, `unexpected operation ${a.operation}, subresource ${a.subresource}`);
  }
  return {
    name: 'NodeRestriction',
    async validate(a) {
      const node = nodeNameOf(a.user);
      if (!node) return;
      const gr = `${a.info.group}/${a.info.resource}`;
      if (gr === '/nodes') return checkNode(a, node);
      if (gr === '/pods') return checkPod(a, node);
      if (gr === 'coordination.k8s.io/leases') {
        if (a.namespace !== NODE_LEASE_NAMESPACE) throw forbidden(a, `can only access leases in the "${NODE_LEASE_NAMESPACE}" namespace`);
        const name = a.name || a.object?.metadata?.name || '';
        if (name !== node) throw forbidden(a, 'can only access node lease with the same name as the requesting node');
      }
    },
  };
}
