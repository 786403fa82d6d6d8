// The Node columns of kubectl get (printNode): NAME STATUS ROLES AGE VERSION,
// wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer } from '../../scheme.js';
import { age } from '../../printing.js';
import { NODE_ROLE_LABEL, NODE_ROLE_LABEL_PREFIX, type Node } from './node.js';

/** Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned. */
export function nodeStatusString(node: Node): string {
  const status: string[] = [];
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_LABEL_PREFIX)) {
      const role = k.slice(NODE_ROLE_LABEL_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_ROLE_LABEL && v) {
      roles.add(v);
    }
  }
  return [...roles].sort();
}

function address(node: Node, type: string): string {
  return (node.status?.addresses ?? []).find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: Printer<Node> = {
  columns: [
    nameColumn,
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    ageColumn,
    col('Version', 'The kubelet version of the node.'),
    col('Internal-IP', 'The first internal IP address of the node.', 'string', 1),
    col('External-IP', 'The first external IP address of the node.', 'string', 1),
    col('OS-Image', 'The OS image the node runs.', 'string', 1),
    col('Kernel-Version', 'The kernel version of the node.', 'string', 1),
    col('Container-Runtime', 'The container runtime and its version.', 'string', 1),
  ],
  row: (node, now) => {
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '',
      nodeStatusString(node),
      nodeRoles(node).join(',') || '<none>',
      age(node.metadata?.creationTimestamp, now),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
