// core/v1 Pod: PodSpec, PodStatus, PodTemplateSpec and the Pod kind. Containers,
// scheduling constraints and volumes live in container.ts, pod-scheduling.ts and
// volume.ts; everything is re-exported here so callers import from one place.
import {
  definer, packageOf, obj, req, str, int32, int64, bool, list, map, oneOf, quantity, time,
  type Static,
} from '../../schema.js';
import { ObjectMeta, kindSchema } from '../../meta/v1/types.js';
import { Container, EphemeralContainer, ResourceRequirements, SELinuxOptions, WindowsSecurityContextOptions, SeccompProfile, AppArmorProfile } from './container.js';
import { Affinity, Toleration, TopologySpreadConstraint } from './pod-scheduling.js';
import { LocalObjectReference } from './volume.js';
import { Volume } from './pod-volume.js';

export * from './container.js';
export * from './pod-scheduling.js';
export * from './volume.js';
export * from './pod-volume.js';

const def = definer(packageOf('', 'v1'));

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
export const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const;
export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

export const Sysctl = def('Sysctl', obj({
  name: req(str('Name of the sysctl.')),
  value: req(str('Value to set.')),
}, { description: 'Sysctl is a kernel parameter set for the pod.' }));
export type Sysctl = Static<typeof Sysctl>;

export const PodSecurityContext = def('PodSecurityContext', obj({
  seLinuxOptions: SELinuxOptions,
  windowsOptions: WindowsSecurityContextOptions,
  runAsUser: int64('UID to run the entrypoints of all containers as.'),
  runAsGroup: int64('GID to run the entrypoints of all containers as.'),
  runAsNonRoot: bool('Refuse to start containers as UID 0.'),
  supplementalGroups: list(int64(), { listType: 'atomic', description: 'Extra groups of the first process of each container.' }),
  supplementalGroupsPolicy: oneOf(['Merge', 'Strict'] as const, 'How supplemental groups are computed.'),
  fsGroup: int64('Group that owns the pod\'s volumes and is added to every container.'),
  sysctls: list(Sysctl, { listType: 'atomic', description: 'Namespaced sysctls of the pod.' }),
  fsGroupChangePolicy: oneOf(['OnRootMismatch', 'Always'] as const, 'When volume ownership is changed.'),
  seccompProfile: SeccompProfile,
  appArmorProfile: AppArmorProfile,
  seLinuxChangePolicy: str('How the SELinux label is applied to volumes: Recursive or MountOption.'),
}, { description: 'PodSecurityContext holds pod-level security settings and defaults for the containers.' }));
export type PodSecurityContext = Static<typeof PodSecurityContext>;

export const HostAlias = def('HostAlias', obj({
  ip: req(str('IP address of the entry.')),
  hostnames: list(str(), { listType: 'atomic', description: 'Hostnames for the IP.' }),
}, { description: 'HostAlias is an entry added to the pod\'s /etc/hosts.' }));
export type HostAlias = Static<typeof HostAlias>;

export const PodDNSConfigOption = def('PodDNSConfigOption', obj({
  name: str('Resolver option name.'),
  value: str('Resolver option value.'),
}, { description: 'PodDNSConfigOption is a resolver option.' }));
export type PodDNSConfigOption = Static<typeof PodDNSConfigOption>;

export const PodDNSConfig = def('PodDNSConfig', obj({
  nameservers: list(str(), { listType: 'atomic', description: 'DNS server IPs added to those of the DNS policy.' }),
  searches: list(str(), { listType: 'atomic', description: 'Search domains added to those of the DNS policy.' }),
  options: list(PodDNSConfigOption, { listType: 'atomic', description: 'Resolver options merged with those of the DNS policy.' }),
}, { description: 'PodDNSConfig adjusts the pod\'s resolv.conf.' }));
export type PodDNSConfig = Static<typeof PodDNSConfig>;

export const PodReadinessGate = def('PodReadinessGate', obj({
  conditionType: req(str('A pod condition type that must be True for the pod to be ready.')),
}, { description: 'PodReadinessGate is an extra condition of pod readiness.' }));
export type PodReadinessGate = Static<typeof PodReadinessGate>;

export const PodOS = def('PodOS', obj({
  name: req(str('Operating system: linux or windows.')),
}, { description: 'PodOS names the operating system the pod runs on.' }));
export type PodOS = Static<typeof PodOS>;

export const PodSchedulingGate = def('PodSchedulingGate', obj({
  name: req(str('Name of the gate; unique within the pod.')),
}, { description: 'PodSchedulingGate holds the pod back from scheduling while present.' }));
export type PodSchedulingGate = Static<typeof PodSchedulingGate>;

export const PodResourceClaim = def('PodResourceClaim', obj({
  name: req(str('Name of the claim within the pod; a DNS label.')),
  resourceClaimName: str('Name of an existing ResourceClaim.'),
  resourceClaimTemplateName: str('Name of a ResourceClaimTemplate to create the claim from.'),
}, { description: 'PodResourceClaim refers to one ResourceClaim the pod needs.' }));
export type PodResourceClaim = Static<typeof PodResourceClaim>;

export const PodSpec = def('PodSpec', obj({
  volumes: list(Volume, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', mapKeys: ['name'], description: 'Volumes the containers can mount.' }),
  initContainers: list(Container, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'], description: 'Containers run in order to completion before the app containers start.' }),
  containers: req(list(Container, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'], description: 'The containers of the pod; at least one.' })),
  ephemeralContainers: list(EphemeralContainer, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'], description: 'Ephemeral containers added to the running pod.' }),
  restartPolicy: oneOf(RESTART_POLICIES, 'Always, OnFailure or Never; defaults to Always.'),
  terminationGracePeriodSeconds: int64('Seconds given to the pod to stop gracefully; defaults to 30.'),
  activeDeadlineSeconds: int64('Seconds the pod may be active before the system fails it.'),
  dnsPolicy: oneOf(DNS_POLICIES, 'How the pod\'s DNS is set up; defaults to ClusterFirst.'),
  nodeSelector: { ...map(str(), 'Labels a node must have for the pod to run on it.'), 'x-kubernetes-map-type': 'atomic' },
  serviceAccountName: str('Name of the ServiceAccount the pod runs as.'),
  serviceAccount: str('Deprecated alias of serviceAccountName.'),
  automountServiceAccountToken: bool('Whether a service account token is mounted automatically.'),
  nodeName: str('The node the pod is bound to; set by the scheduler or directly to skip scheduling.'),
  hostNetwork: bool('Use the host\'s network namespace.'),
  hostPID: bool('Use the host\'s PID namespace.'),
  hostIPC: bool('Use the host\'s IPC namespace.'),
  shareProcessNamespace: bool('Share one PID namespace among all containers.'),
  securityContext: PodSecurityContext,
  imagePullSecrets: list(LocalObjectReference, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'], description: 'Secrets used to pull the images.' }),
  hostname: str('Hostname of the pod; defaults to the pod name.'),
  subdomain: str('Subdomain, making the pod\'s FQDN <hostname>.<subdomain>.<namespace>.svc.<cluster domain>.'),
  affinity: Affinity,
  schedulerName: str('Scheduler that places the pod; defaults to default-scheduler.'),
  tolerations: list(Toleration, { listType: 'atomic', description: 'Taints the pod tolerates.' }),
  hostAliases: list(HostAlias, { mergeKey: 'ip', strategy: 'merge', listType: 'map', mapKeys: ['ip'], description: 'Entries added to /etc/hosts.' }),
  priorityClassName: str('Name of the pod\'s PriorityClass.'),
  priority: int32('Priority value, set from priorityClassName by admission.'),
  dnsConfig: PodDNSConfig,
  readinessGates: list(PodReadinessGate, { listType: 'atomic', description: 'Extra conditions of readiness.' }),
  runtimeClassName: str('RuntimeClass used to run the pod.'),
  enableServiceLinks: bool('Inject environment variables describing services; defaults to true.'),
  preemptionPolicy: oneOf(['PreemptLowerPriority', 'Never'] as const, 'Whether the pod may preempt lower-priority pods.'),
  overhead: map(quantity, 'Resources used by the pod sandbox, set by admission from the RuntimeClass.'),
  topologySpreadConstraints: list(TopologySpreadConstraint, {
    mergeKey: 'topologyKey', strategy: 'merge', listType: 'map', mapKeys: ['topologyKey', 'whenUnsatisfiable'],
    description: 'How pods are spread across topology domains.',
  }),
  setHostnameAsFQDN: bool('Set the hostname to the pod\'s FQDN.'),
  os: PodOS,
  hostUsers: bool('Use the host\'s user namespace; defaults to true.'),
  schedulingGates: list(PodSchedulingGate, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'], description: 'Gates that block scheduling while present.' }),
  resourceClaims: list(PodResourceClaim, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', mapKeys: ['name'], description: 'ResourceClaims the pod needs.' }),
  resources: ResourceRequirements,
}, { description: 'PodSpec is the desired state of a pod.' }));
export type PodSpec = Static<typeof PodSpec>;

export const PodCondition = def('PodCondition', obj({
  type: req(str('Type of condition: PodScheduled, Initialized, ContainersReady, Ready, …')),
  observedGeneration: int64('The pod generation the condition was set for.'),
  status: req(oneOf(['True', 'False', 'Unknown'] as const)),
  lastProbeTime: time,
  lastTransitionTime: time,
  reason: str('Machine-readable reason of the last transition.'),
  message: str('Human-readable detail of the last transition.'),
}, { description: 'PodCondition is one aspect of a pod\'s state.' }));
export type PodCondition = Static<typeof PodCondition>;

export const ContainerStateWaiting = def('ContainerStateWaiting', obj({
  reason: str('Why the container is not running yet, e.g. ContainerCreating or CrashLoopBackOff.'),
  message: str(),
}, { description: 'ContainerStateWaiting is a container that has not started (or restarted) yet.' }));
export type ContainerStateWaiting = Static<typeof ContainerStateWaiting>;

export const ContainerStateRunning = def('ContainerStateRunning', obj({
  startedAt: time,
}, { description: 'ContainerStateRunning is a running container.' }));
export type ContainerStateRunning = Static<typeof ContainerStateRunning>;

export const ContainerStateTerminated = def('ContainerStateTerminated', obj({
  exitCode: req(int32('Exit status of the last termination.')),
  signal: int32('Signal of the last termination.'),
  reason: str('Why the container terminated, e.g. Completed, Error, OOMKilled.'),
  message: str(),
  startedAt: time,
  finishedAt: time,
  containerID: str('ID of the container, <type>://<id>.'),
}, { description: 'ContainerStateTerminated is a container that ran and exited.' }));
export type ContainerStateTerminated = Static<typeof ContainerStateTerminated>;

export const ContainerState = def('ContainerState', obj({
  waiting: ContainerStateWaiting,
  running: ContainerStateRunning,
  terminated: ContainerStateTerminated,
}, { description: 'ContainerState is the state of a container; at most one field is set (waiting by default).' }));
export type ContainerState = Static<typeof ContainerState>;

export const VolumeMountStatus = def('VolumeMountStatus', obj({
  name: req(str()),
  mountPath: req(str()),
  readOnly: bool(),
  recursiveReadOnly: str(),
}, { description: 'VolumeMountStatus is the state of a volume mount.' }));
export type VolumeMountStatus = Static<typeof VolumeMountStatus>;

export const LinuxContainerUser = def('LinuxContainerUser', obj({
  uid: req(int64()),
  gid: req(int64()),
  supplementalGroups: list(int64(), { listType: 'atomic' }),
}, { description: 'LinuxContainerUser is the identity of the first process of a Linux container.' }));

export const ContainerUser = def('ContainerUser', obj({
  linux: LinuxContainerUser,
}, { description: 'ContainerUser is the identity of the first process of a container.' }));

export const ResourceHealth = def('ResourceHealth', obj({
  resourceID: req(str()),
  health: str(),
}, { description: 'ResourceHealth is the health of one allocated device.' }));

export const ResourceStatus = def('ResourceStatus', obj({
  name: req(str()),
  resources: list(ResourceHealth, { listType: 'map', mapKeys: ['resourceID'] }),
}, { description: 'ResourceStatus is the health of the devices of one resource.' }));

export const ContainerStatus = def('ContainerStatus', obj({
  name: req(str('Name of the container.')),
  state: ContainerState,
  lastState: ContainerState,
  ready: req(bool('Whether the container passes its readiness probe.')),
  restartCount: req(int32('Number of restarts.')),
  image: req(str('Image the container runs.')),
  imageID: req(str('ID of the image.')),
  containerID: str('ID of the container, <type>://<id>.'),
  started: bool('Whether the container passed its startup probe.'),
  allocatedResources: map(quantity, 'Resources allocated to the container.'),
  resources: ResourceRequirements,
  volumeMounts: list(VolumeMountStatus, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', mapKeys: ['mountPath'] }),
  user: ContainerUser,
  allocatedResourcesStatus: list(ResourceStatus, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] }),
  stopSignal: str('Signal used to stop the container.'),
}, { description: 'ContainerStatus is the observed state of one container.' }));
export type ContainerStatus = Static<typeof ContainerStatus>;

export const PodIP = def('PodIP', obj({ ip: req(str('An IP address of the pod.')) }, { description: 'PodIP is an IP address of the pod.' }));
export type PodIP = Static<typeof PodIP>;

export const HostIP = def('HostIP', obj({ ip: req(str('An IP address of the host.')) }, { description: 'HostIP is an IP address of the pod\'s node.' }));
export type HostIP = Static<typeof HostIP>;

export const PodResourceClaimStatus = def('PodResourceClaimStatus', obj({
  name: req(str()),
  resourceClaimName: str(),
}, { description: 'PodResourceClaimStatus names the ResourceClaim generated for a claim template.' }));

export const PodStatus = def('PodStatus', obj({
  observedGeneration: int64('The pod generation the status was computed for.'),
  phase: oneOf(POD_PHASES, 'Pending, Running, Succeeded, Failed or Unknown.'),
  conditions: list(PodCondition, { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'], description: 'Current conditions of the pod.' }),
  message: str('Why the pod is in this state.'),
  reason: str('A brief CamelCase reason, e.g. Evicted.'),
  nominatedNodeName: str('Node the pod may be scheduled onto once preemption finishes.'),
  hostIP: str('IP of the node the pod runs on.'),
  hostIPs: list(HostIP, { mergeKey: 'ip', strategy: 'merge', listType: 'atomic', description: 'IPs of the node.' }),
  podIP: str('IP of the pod.'),
  podIPs: list(PodIP, { mergeKey: 'ip', strategy: 'merge', listType: 'map', mapKeys: ['ip'], description: 'IPs of the pod, one per family.' }),
  startTime: time,
  initContainerStatuses: list(ContainerStatus, { listType: 'atomic' }),
  containerStatuses: list(ContainerStatus, { listType: 'atomic' }),
  qosClass: oneOf(['Guaranteed', 'Burstable', 'BestEffort'] as const, 'Quality of service class of the pod.'),
  ephemeralContainerStatuses: list(ContainerStatus, { listType: 'atomic' }),
  resize: str('State of an in-place resize.'),
  resourceClaimStatuses: list(PodResourceClaimStatus, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', mapKeys: ['name'] }),
}, { description: 'PodStatus is the observed state of a pod.' }));
export type PodStatus = Static<typeof PodStatus>;

export const PodTemplateSpec = def('PodTemplateSpec', obj({
  metadata: ObjectMeta,
  spec: PodSpec,
}, { description: 'PodTemplateSpec describes the pods a controller creates.' }));
export type PodTemplateSpec = Static<typeof PodTemplateSpec>;

export const Pod = kindSchema('', 'v1', 'Pod', { spec: PodSpec, status: PodStatus },
  'Pod is a group of containers scheduled together onto one node.');
export type Pod = Static<typeof Pod>;
