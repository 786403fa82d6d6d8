// core/v1 Node: schema and types, defaults and the registry's update preparation.
// Validation and the printer live in node-validation.ts and node-printer.ts.
import {
  definer, packageOf, obj, req, str, int32, int64, bool, list, map, oneOf, quantity, time, type Static,
} from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { TAINT_EFFECTS } from './pod-scheduling.js';

const def = definer(packageOf('', 'v1'));

export const NODE_CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'] as const;
export const NODE_ADDRESS_TYPES = ['Hostname', 'InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS'] as const;
/** Labels that give a node a role in kubectl's ROLES column. */
export const NODE_ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
export const NODE_ROLE_LABEL = 'kubernetes.io/role';

export const Taint = def('Taint', obj({
  key: req(str('The taint key (a label key).')),
  value: str('The taint value (a label value).'),
  effect: req(oneOf(TAINT_EFFECTS, 'What happens to pods that do not tolerate the taint: NoSchedule, PreferNoSchedule or NoExecute.')),
  timeAdded: time,
}, { description: 'Taint keeps pods that do not tolerate it off the node.' }));
export type Taint = Static<typeof Taint>;

export const ConfigMapNodeConfigSource = def('ConfigMapNodeConfigSource', obj({
  namespace: req(str('Namespace of the ConfigMap.')),
  name: req(str('Name of the ConfigMap.')),
  uid: str('UID of the ConfigMap; forbidden in spec, required in status.'),
  resourceVersion: str('ResourceVersion of the ConfigMap; forbidden in spec, required in status.'),
  kubeletConfigKey: req(str('The key of the ConfigMap that holds the KubeletConfiguration.')),
}, { description: 'ConfigMapNodeConfigSource names a ConfigMap holding a node\'s configuration (deprecated).' }));

export const NodeConfigSource = def('NodeConfigSource', obj({
  configMap: ConfigMapNodeConfigSource,
}, { description: 'NodeConfigSource names where a node\'s configuration comes from (deprecated).' }));
export type NodeConfigSource = Static<typeof NodeConfigSource>;

export const NodeSpec = def('NodeSpec', obj({
  podCIDR: str('The pod IP range of the node (the first of podCIDRs).'),
  podCIDRs: list(str(), { strategy: 'merge', listType: 'set', description: 'The pod IP ranges of the node, at most one per IP family.' }),
  providerID: str('The node\'s ID at its cloud provider: <ProviderName>://<ProviderSpecificNodeID>.'),
  unschedulable: bool('If true, no new pods are scheduled to the node (kubectl cordon).'),
  taints: list(Taint, { listType: 'atomic', description: 'The taints of the node.' }),
  configSource: NodeConfigSource,
  externalID: str('Deprecated; not used.'),
}, { description: 'NodeSpec describes how a node is set up.' }));
export type NodeSpec = Static<typeof NodeSpec>;

export const NodeCondition = def('NodeCondition', obj({
  type: req(str('Type of the condition: Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.')),
  status: req(oneOf(['True', 'False', 'Unknown'] as const, 'Status of the condition.')),
  lastHeartbeatTime: time,
  lastTransitionTime: time,
  reason: str('A machine-readable reason for the last transition.'),
  message: str('A human-readable message about the last transition.'),
}, { description: 'NodeCondition is one aspect of the state of a node.' }));
export type NodeCondition = Static<typeof NodeCondition>;

export const NodeAddress = def('NodeAddress', obj({
  type: req(str('Hostname, ExternalIP, InternalIP, ExternalDNS or InternalDNS.')),
  address: req(str('The address.')),
}, { description: 'NodeAddress is one address of a node.' }));
export type NodeAddress = Static<typeof NodeAddress>;

export const DaemonEndpoint = def('DaemonEndpoint', obj({
  Port: req(int32('The port the daemon listens on.')),
}, { description: 'DaemonEndpoint is where a daemon of the node listens.' }));

export const NodeDaemonEndpoints = def('NodeDaemonEndpoints', obj({
  kubeletEndpoint: DaemonEndpoint,
}, { description: 'NodeDaemonEndpoints lists the ports of the daemons on a node.' }));

export const NodeSwapStatus = def('NodeSwapStatus', obj({
  capacity: int64('Total swap memory in bytes.'),
}, { description: 'NodeSwapStatus is the swap memory of a node.' }));

export const NodeSystemInfo = def('NodeSystemInfo', obj({
  machineID: req(str('The machine-id of the node (/etc/machine-id).')),
  systemUUID: req(str('The system UUID of the node.')),
  bootID: req(str('The boot ID of the node.')),
  kernelVersion: req(str('The kernel version (uname -r).')),
  osImage: req(str('The OS image (/etc/os-release PRETTY_NAME).')),
  containerRuntimeVersion: req(str('The container runtime and its version, e.g. containerd://1.7.0.')),
  kubeletVersion: req(str('The kubelet version.')),
  kubeProxyVersion: req(str('Deprecated: the kube-proxy version, not reliable.')),
  operatingSystem: req(str('The operating system, e.g. linux.')),
  architecture: req(str('The architecture, e.g. amd64.')),
  swap: NodeSwapStatus,
}, { description: 'NodeSystemInfo is a set of IDs and versions that identify a node.' }));
export type NodeSystemInfo = Static<typeof NodeSystemInfo>;

export const ContainerImage = def('ContainerImage', obj({
  names: list(str(), { listType: 'atomic', description: 'The names (tags and digests) of the image.' }),
  sizeBytes: int64('The size of the image in bytes.'),
}, { description: 'ContainerImage is an image present on a node.' }));
export type ContainerImage = Static<typeof ContainerImage>;

export const AttachedVolume = def('AttachedVolume', obj({
  name: req(str('Name of the attached volume.')),
  devicePath: req(str('Where the volume is available on the node.')),
}, { description: 'AttachedVolume is a volume attached to a node.' }));

export const NodeConfigStatus = def('NodeConfigStatus', obj({
  assigned: NodeConfigSource,
  active: NodeConfigSource,
  lastKnownGood: NodeConfigSource,
  error: str('A problem with the configuration, if any.'),
}, { description: 'NodeConfigStatus is the state of a node\'s dynamic configuration (deprecated).' }));

export const NodeRuntimeHandlerFeatures = def('NodeRuntimeHandlerFeatures', obj({
  recursiveReadOnlyMounts: bool('Whether the handler supports recursive read-only mounts.'),
  userNamespaces: bool('Whether the handler supports user namespaces.'),
}, { description: 'NodeRuntimeHandlerFeatures lists what a runtime handler supports.' }));

export const NodeRuntimeHandler = def('NodeRuntimeHandler', obj({
  name: req(str('Name of the runtime handler; empty for the default.')),
  features: NodeRuntimeHandlerFeatures,
}, { description: 'NodeRuntimeHandler is a runtime handler of the node\'s container runtime.' }));

export const NodeFeatures = def('NodeFeatures', obj({
  supplementalGroupsPolicy: bool('Whether the node supports SupplementalGroupsPolicy.'),
}, { description: 'NodeFeatures lists features the node supports.' }));

export const NodeStatus = def('NodeStatus', obj({
  capacity: map(quantity, 'Total resources of the node.'),
  allocatable: map(quantity, 'Resources available to pods; defaults to capacity.'),
  phase: oneOf(['Pending', 'Running', 'Terminated'] as const, 'Deprecated and unused.'),
  conditions: list(NodeCondition, {
    mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'], description: 'The current conditions of the node.',
  }),
  addresses: list(NodeAddress, {
    mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'], description: 'The addresses of the node.',
  }),
  daemonEndpoints: NodeDaemonEndpoints,
  nodeInfo: NodeSystemInfo,
  images: list(ContainerImage, { listType: 'atomic', description: 'Images present on the node.' }),
  volumesInUse: list(str(), { listType: 'atomic', description: 'Volumes in use (mounted) on the node.' }),
  volumesAttached: list(AttachedVolume, { listType: 'atomic', description: 'Volumes attached to the node.' }),
  config: NodeConfigStatus,
  runtimeHandlers: list(NodeRuntimeHandler, { listType: 'atomic', description: 'The runtime handlers available.' }),
  features: NodeFeatures,
}, { description: 'NodeStatus is the most recently observed state of a node.' }));
export type NodeStatus = Static<typeof NodeStatus>;

export const Node = kindSchema('', 'v1', 'Node', { spec: NodeSpec, status: NodeStatus },
  'Node is a worker machine that runs pods; each node runs a kubelet.');
export type Node = Static<typeof Node>;

/** SetDefaults_NodeStatus: allocatable defaults to capacity. Nodes have no phase in modern Kubernetes. */
export function defaultNode(node: Node): void {
  const status = node.status;
  if (status && status.allocatable === undefined && status.capacity !== undefined) status.allocatable = { ...status.capacity };
}

/** The registry's PrepareForUpdate of the main resource: status cannot change there. */
export function prepareNodeForUpdate(node: Node, old: Node): void {
  node.status = structuredClone(old.status);
}

/** The status subresource's PrepareForUpdate: spec cannot change there. */
export function prepareNodeStatusForUpdate(node: Node, old: Node): void {
  node.spec = structuredClone(old.spec);
}
