// core/v1 containers: Container and EphemeralContainer with their ports, environment,
// resources, mounts, probes, lifecycle hooks and security context.
import {
  definer, packageOf, obj, req, str, int32, int64, bool, list, map, oneOf, quantity, intOrString,
  type Static,
} from '../../schema.js';
import { LocalObjectReference, ObjectFieldSelector, ResourceFieldSelector } from './volume.js';

const def = definer(packageOf('', 'v1'));

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const;
export const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const;

export const ContainerPort = def('ContainerPort', obj({
  name: str('An IANA_SVC_NAME unique within the pod; services can refer to the port by it.'),
  hostPort: int32('Port to expose on the host (1-65535); most containers do not need it.'),
  containerPort: req(int32('Port number on the pod\'s IP address (1-65535).')),
  protocol: oneOf(PROTOCOLS, 'UDP, TCP or SCTP; defaults to TCP.'),
  hostIP: str('Host IP to bind the host port to.'),
}, { description: 'ContainerPort is a network port of a container.' }));
export type ContainerPort = Static<typeof ContainerPort>;

export const ConfigMapKeySelector = def('ConfigMapKeySelector', obj({
  name: str('Name of the ConfigMap.'),
  key: req(str('The key to select.')),
  optional: bool('Whether the ConfigMap or its key may be missing.'),
}, { description: 'ConfigMapKeySelector selects a key of a ConfigMap.', mapType: 'atomic' }));
export type ConfigMapKeySelector = Static<typeof ConfigMapKeySelector>;

export const SecretKeySelector = def('SecretKeySelector', obj({
  name: str('Name of the secret.'),
  key: req(str('The key to select.')),
  optional: bool('Whether the secret or its key may be missing.'),
}, { description: 'SecretKeySelector selects a key of a Secret.', mapType: 'atomic' }));
export type SecretKeySelector = Static<typeof SecretKeySelector>;

export const EnvVarSource = def('EnvVarSource', obj({
  fieldRef: ObjectFieldSelector,
  resourceFieldRef: ResourceFieldSelector,
  configMapKeyRef: ConfigMapKeySelector,
  secretKeyRef: SecretKeySelector,
}, { description: 'EnvVarSource is where the value of an environment variable comes from; exactly one field is set.' }));
export type EnvVarSource = Static<typeof EnvVarSource>;

export const EnvVar = def('EnvVar', obj({
  name: req(str('Name of the environment variable.')),
  value: str('Value; $(VAR) references to earlier variables are expanded, $$(VAR) escapes.'),
  valueFrom: EnvVarSource,
}, { description: 'EnvVar is an environment variable of a container.' }));
export type EnvVar = Static<typeof EnvVar>;

export const ConfigMapEnvSource = def('ConfigMapEnvSource', obj({
  name: str('Name of the ConfigMap.'),
  optional: bool('Whether the ConfigMap may be missing.'),
}, { description: 'ConfigMapEnvSource turns the keys of a ConfigMap into environment variables.' }));
export type ConfigMapEnvSource = Static<typeof ConfigMapEnvSource>;

export const SecretEnvSource = def('SecretEnvSource', obj({
  name: str('Name of the secret.'),
  optional: bool('Whether the secret may be missing.'),
}, { description: 'SecretEnvSource turns the keys of a Secret into environment variables.' }));
export type SecretEnvSource = Static<typeof SecretEnvSource>;

export const EnvFromSource = def('EnvFromSource', obj({
  prefix: str('Prefix added to every key.'),
  configMapRef: ConfigMapEnvSource,
  secretRef: SecretEnvSource,
}, { description: 'EnvFromSource is a set of environment variables taken from a ConfigMap or Secret.' }));
export type EnvFromSource = Static<typeof EnvFromSource>;

export const ResourceClaim = def('ResourceClaim', obj({
  name: req(str('Name of an entry of the pod\'s resourceClaims.')),
  request: str('Name of one request of the claim; all requests when empty.'),
}, { description: 'ResourceClaim refers to one entry of PodSpec.resourceClaims.' }));
export type ResourceClaim = Static<typeof ResourceClaim>;

export const ResourceRequirements = def('ResourceRequirements', obj({
  limits: map(quantity, 'Maximum amount of each resource allowed.'),
  requests: map(quantity, 'Minimum amount of each resource required; defaults to the limits.'),
  claims: list(ResourceClaim, { listType: 'map', mapKeys: ['name'], description: 'Dynamically allocated resources used by this container.' }),
}, { description: 'ResourceRequirements describes compute resource requests and limits.' }));
export type ResourceRequirements = Static<typeof ResourceRequirements>;

export const ContainerResizePolicy = def('ContainerResizePolicy', obj({
  resourceName: req(str('Name of the resource (cpu or memory).')),
  restartPolicy: req(oneOf(['NotRequired', 'RestartContainer'] as const, 'What happens when the resource is resized.')),
}, { description: 'ContainerResizePolicy says how a container reacts to in-place resizing of a resource.' }));
export type ContainerResizePolicy = Static<typeof ContainerResizePolicy>;

export const VolumeMount = def('VolumeMount', obj({
  name: req(str('Name of the pod volume to mount.')),
  readOnly: bool('Mount read-only; defaults to false.'),
  recursiveReadOnly: oneOf(['Disabled', 'IfPossible', 'Enabled'] as const, 'Whether read-only mounts are made recursively read-only.'),
  mountPath: req(str('Path in the container where the volume is mounted; must not contain ":".')),
  subPath: str('Path inside the volume to mount instead of its root.'),
  mountPropagation: oneOf(['None', 'HostToContainer', 'Bidirectional'] as const, 'How mounts propagate between host and container.'),
  subPathExpr: str('Like subPath, with $(VAR) expanded from the container\'s environment.'),
}, { description: 'VolumeMount mounts a volume into a container.' }));
export type VolumeMount = Static<typeof VolumeMount>;

export const VolumeDevice = def('VolumeDevice', obj({
  name: req(str('Name of a persistentVolumeClaim volume of the pod.')),
  devicePath: req(str('Path of the device in the container.')),
}, { description: 'VolumeDevice maps a raw block volume into a container.' }));
export type VolumeDevice = Static<typeof VolumeDevice>;

export const ExecAction = def('ExecAction', obj({
  command: list(str(), { listType: 'atomic', description: 'Command line run in the container (not in a shell); exit status 0 is success.' }),
}, { description: 'ExecAction runs a command in the container.' }));
export type ExecAction = Static<typeof ExecAction>;

export const HTTPHeader = def('HTTPHeader', obj({
  name: req(str('Header field name.')),
  value: req(str('Header field value.')),
}, { description: 'HTTPHeader is a custom header of an HTTP probe.' }));
export type HTTPHeader = Static<typeof HTTPHeader>;

export const HTTPGetAction = def('HTTPGetAction', obj({
  path: str('Path to request; defaults to "/".'),
  port: req(intOrString),
  host: str('Host name to connect to; defaults to the pod IP.'),
  scheme: oneOf(['HTTP', 'HTTPS'] as const, 'Scheme to use; defaults to HTTP.'),
  httpHeaders: list(HTTPHeader, { listType: 'atomic', description: 'Custom request headers.' }),
}, { description: 'HTTPGetAction performs an HTTP GET; a status from 200 to 399 is success.' }));
export type HTTPGetAction = Static<typeof HTTPGetAction>;

export const TCPSocketAction = def('TCPSocketAction', obj({
  port: req(intOrString),
  host: str('Host name to connect to; defaults to the pod IP.'),
}, { description: 'TCPSocketAction opens a TCP connection; success when it connects.' }));
export type TCPSocketAction = Static<typeof TCPSocketAction>;

export const GRPCAction = def('GRPCAction', obj({
  port: req(int32('Port of the gRPC health service (1-65535).')),
  service: str('Service name sent in the gRPC HealthCheckRequest; defaults to "".'),
}, { description: 'GRPCAction calls the standard gRPC health checking service.' }));
export type GRPCAction = Static<typeof GRPCAction>;

export const SleepAction = def('SleepAction', obj({
  seconds: req(int64('Seconds to sleep.')),
}, { description: 'SleepAction pauses for a number of seconds.' }));
export type SleepAction = Static<typeof SleepAction>;

export const Probe = def('Probe', obj({
  exec: ExecAction,
  httpGet: HTTPGetAction,
  tcpSocket: TCPSocketAction,
  grpc: GRPCAction,
  initialDelaySeconds: int32('Seconds after the container started before the first probe.'),
  timeoutSeconds: int32('Seconds after which the probe times out; defaults to 1.'),
  periodSeconds: int32('How often to probe, in seconds; defaults to 10.'),
  successThreshold: int32('Consecutive successes after a failure to count as success; defaults to 1 (must be 1 for liveness and startup).'),
  failureThreshold: int32('Consecutive failures to count as failure; defaults to 3.'),
  terminationGracePeriodSeconds: int64('Grace period for the container when this probe fails; overrides the pod\'s.'),
}, { description: 'Probe is a health check of a container; exactly one handler (exec, httpGet, tcpSocket, grpc) is set.' }));
export type Probe = Static<typeof Probe>;

export const LifecycleHandler = def('LifecycleHandler', obj({
  exec: ExecAction,
  httpGet: HTTPGetAction,
  tcpSocket: TCPSocketAction,
  sleep: SleepAction,
}, { description: 'LifecycleHandler is the action of a lifecycle hook; exactly one field is set.' }));
export type LifecycleHandler = Static<typeof LifecycleHandler>;

export const Lifecycle = def('Lifecycle', obj({
  postStart: LifecycleHandler,
  preStop: LifecycleHandler,
  stopSignal: str('Signal used to stop the container, e.g. SIGTERM.'),
}, { description: 'Lifecycle holds the actions run when a container starts and before it stops.' }));
export type Lifecycle = Static<typeof Lifecycle>;

export const Capabilities = def('Capabilities', obj({
  add: list(str(), { listType: 'atomic', description: 'Capabilities to add.' }),
  drop: list(str(), { listType: 'atomic', description: 'Capabilities to remove.' }),
}, { description: 'Capabilities adds and removes POSIX capabilities of a container.' }));
export type Capabilities = Static<typeof Capabilities>;

export const SELinuxOptions = def('SELinuxOptions', obj({
  user: str('SELinux user label.'),
  role: str('SELinux role label.'),
  type: str('SELinux type label.'),
  level: str('SELinux level label.'),
}, { description: 'SELinuxOptions are the SELinux labels applied to a container.' }));
export type SELinuxOptions = Static<typeof SELinuxOptions>;

export const WindowsSecurityContextOptions = def('WindowsSecurityContextOptions', obj({
  gmsaCredentialSpecName: str(),
  gmsaCredentialSpec: str(),
  runAsUserName: str(),
  hostProcess: bool(),
}, { description: 'WindowsSecurityContextOptions holds Windows-specific options.' }));
export type WindowsSecurityContextOptions = Static<typeof WindowsSecurityContextOptions>;

export const SeccompProfile = def('SeccompProfile', obj({
  type: req(oneOf(['Unconfined', 'RuntimeDefault', 'Localhost'] as const, 'Which kind of seccomp profile applies.')),
  localhostProfile: str('Profile file on the node, relative to the kubelet\'s seccomp directory; only for Localhost.'),
}, { description: 'SeccompProfile selects a seccomp profile.', 'x-kubernetes-unions': [{ discriminator: 'type', 'fields-to-discriminateBy': { localhostProfile: 'LocalhostProfile' } }] }));
export type SeccompProfile = Static<typeof SeccompProfile>;

export const AppArmorProfile = def('AppArmorProfile', obj({
  type: req(oneOf(['Unconfined', 'RuntimeDefault', 'Localhost'] as const, 'Which kind of AppArmor profile applies.')),
  localhostProfile: str('Profile loaded on the node; only for Localhost.'),
}, { description: 'AppArmorProfile selects an AppArmor profile.', 'x-kubernetes-unions': [{ discriminator: 'type', 'fields-to-discriminateBy': { localhostProfile: 'LocalhostProfile' } }] }));
export type AppArmorProfile = Static<typeof AppArmorProfile>;

export const SecurityContext = def('SecurityContext', obj({
  capabilities: Capabilities,
  privileged: bool('Run as privileged; defaults to false.'),
  seLinuxOptions: SELinuxOptions,
  windowsOptions: WindowsSecurityContextOptions,
  runAsUser: int64('UID to run the entrypoint as.'),
  runAsGroup: int64('GID to run the entrypoint as.'),
  runAsNonRoot: bool('Refuse to start the container as UID 0.'),
  readOnlyRootFilesystem: bool('Mount the root filesystem read-only.'),
  allowPrivilegeEscalation: bool('Whether a process may gain more privileges than its parent (no_new_privs).'),
  procMount: oneOf(['Default', 'Unmasked'] as const, 'Kind of /proc mount.'),
  seccompProfile: SeccompProfile,
  appArmorProfile: AppArmorProfile,
}, { description: 'SecurityContext holds the security settings of a container; they override the pod\'s.' }));
export type SecurityContext = Static<typeof SecurityContext>;

const containerFields = {
  name: req(str('Name of the container: a DNS label unique within the pod.')),
  image: str('Container image name.'),
  command: list(str(), { listType: 'atomic', description: 'Entrypoint array; the image\'s ENTRYPOINT when empty.' }),
  args: list(str(), { listType: 'atomic', description: 'Arguments to the entrypoint; the image\'s CMD when empty.' }),
  workingDir: str('Working directory; the runtime\'s default when empty.'),
  ports: list(ContainerPort, {
    mergeKey: 'containerPort', strategy: 'merge', listType: 'map', mapKeys: ['containerPort', 'protocol'],
    description: 'Ports the container exposes (informational).',
  }),
  envFrom: list(EnvFromSource, { listType: 'atomic', description: 'Sources of environment variables.' }),
  env: list(EnvVar, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'], description: 'Environment variables.' }),
  resources: ResourceRequirements,
  resizePolicy: list(ContainerResizePolicy, { listType: 'atomic', description: 'How each resource may be resized in place.' }),
  restartPolicy: oneOf(['Always'] as const, 'Only for init containers: Always makes a sidecar container.'),
  volumeMounts: list(VolumeMount, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', mapKeys: ['mountPath'], description: 'Volumes mounted into the container.' }),
  volumeDevices: list(VolumeDevice, { mergeKey: 'devicePath', strategy: 'merge', listType: 'map', mapKeys: ['devicePath'], description: 'Block devices used by the container.' }),
  livenessProbe: Probe,
  readinessProbe: Probe,
  startupProbe: Probe,
  lifecycle: Lifecycle,
  terminationMessagePath: str('File whose content becomes the termination message; defaults to /dev/termination-log.'),
  terminationMessagePolicy: oneOf(TERMINATION_MESSAGE_POLICIES, 'How the termination message is filled; defaults to File.'),
  imagePullPolicy: oneOf(PULL_POLICIES, 'When to pull the image: Always for :latest or no tag, IfNotPresent otherwise.'),
  securityContext: SecurityContext,
  stdin: bool('Keep a stdin buffer open for the container.'),
  stdinOnce: bool('Close stdin after the first attach ends.'),
  tty: bool('Allocate a TTY (requires stdin).'),
};

export const Container = def('Container', obj(containerFields, {
  description: 'Container is a single application container of a pod.',
}));
export type Container = Static<typeof Container>;

export const EphemeralContainer = def('EphemeralContainer', obj({
  ...containerFields,
  name: req(str('Name of the ephemeral container: a DNS label unique among all the pod\'s containers.')),
  targetContainerName: str('Name of a container whose namespaces (IPC, PID …) this one joins.'),
}, { description: 'EphemeralContainer is a temporary container added to a running pod, e.g. for debugging.' }));
export type EphemeralContainer = Static<typeof EphemeralContainer>;

export { LocalObjectReference };
