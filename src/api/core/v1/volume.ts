// core/v1 volume sources: what a pod's Volume (pod-volume.ts) can mount, plus the sources
// and references that PersistentVolume shares with pods (host paths, NFS, CSI, local).
import {
  definer, packageOf, obj, req, str, int32, int64, bool, list, map, oneOf, quantity,
  type Static,
} from '../../schema.js';
import { LabelSelector } from '../../meta/v1/types.js';

const def = definer(packageOf('', 'v1'));

// ---- references shared by volumes, env and PV sources ----

export const LocalObjectReference = def('LocalObjectReference', obj({
  name: str('Name of the referent in the same namespace.'),
}, { description: 'LocalObjectReference names an object in the same namespace.', mapType: 'atomic' }));
export type LocalObjectReference = Static<typeof LocalObjectReference>;

export const SecretReference = def('SecretReference', obj({
  name: str('Name of the secret.'),
  namespace: str('Namespace of the secret.'),
}, { description: 'SecretReference names a Secret in any namespace.', mapType: 'atomic' }));
export type SecretReference = Static<typeof SecretReference>;

export const ObjectFieldSelector = def('ObjectFieldSelector', obj({
  apiVersion: str('Version of the schema fieldPath is written in; defaults to "v1".'),
  fieldPath: req(str('Path of the field to select, e.g. metadata.name or status.podIP.')),
}, { description: 'ObjectFieldSelector selects a field of the pod.', mapType: 'atomic' }));
export type ObjectFieldSelector = Static<typeof ObjectFieldSelector>;

export const ResourceFieldSelector = def('ResourceFieldSelector', obj({
  containerName: str('Container name; required for volumes, optional for env vars.'),
  resource: req(str('Resource to select, e.g. limits.cpu or requests.memory.')),
  divisor: quantity,
}, { description: 'ResourceFieldSelector selects a container resource (limits or requests) and its output unit.', mapType: 'atomic' }));
export type ResourceFieldSelector = Static<typeof ResourceFieldSelector>;

export const KeyToPath = def('KeyToPath', obj({
  key: req(str('The key to project.')),
  path: req(str('Relative path of the file the key is written to; may not contain "..".')),
  mode: int32('File mode bits (0000 to 0777); defaults to the volume\'s defaultMode.'),
}, { description: 'KeyToPath maps a key of a ConfigMap or Secret to a file path in the volume.' }));
export type KeyToPath = Static<typeof KeyToPath>;

// ---- sources ----

export const HOST_PATH_TYPES = [
  '', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice',
] as const;

export const HostPathVolumeSource = def('HostPathVolumeSource', obj({
  path: req(str('Path of the directory or file on the host; a symlink is followed.')),
  type: oneOf(HOST_PATH_TYPES, 'What must exist at the path; "" performs no check.'),
}, { description: 'HostPathVolumeSource mounts a file or directory of the host into the pod.' }));
export type HostPathVolumeSource = Static<typeof HostPathVolumeSource>;

export const EmptyDirVolumeSource = def('EmptyDirVolumeSource', obj({
  medium: str('Storage medium: "" (the node\'s default) or "Memory".'),
  sizeLimit: quantity,
}, { description: 'EmptyDirVolumeSource is a temporary directory that shares the pod\'s lifetime.' }));
export type EmptyDirVolumeSource = Static<typeof EmptyDirVolumeSource>;

export const SecretVolumeSource = def('SecretVolumeSource', obj({
  secretName: str('Name of the secret in the pod\'s namespace.'),
  items: list(KeyToPath, { listType: 'atomic', description: 'Which keys to project and where; all keys when empty.' }),
  defaultMode: int32('Mode bits of the created files; defaults to 0644.'),
  optional: bool('Whether the secret or its keys may be missing.'),
}, { description: 'SecretVolumeSource fills a volume with the data of a Secret.' }));
export type SecretVolumeSource = Static<typeof SecretVolumeSource>;

export const ConfigMapVolumeSource = def('ConfigMapVolumeSource', obj({
  name: str('Name of the ConfigMap in the pod\'s namespace.'),
  items: list(KeyToPath, { listType: 'atomic', description: 'Which keys to project and where; all keys when empty.' }),
  defaultMode: int32('Mode bits of the created files; defaults to 0644.'),
  optional: bool('Whether the ConfigMap or its keys may be missing.'),
}, { description: 'ConfigMapVolumeSource fills a volume with the data of a ConfigMap.' }));
export type ConfigMapVolumeSource = Static<typeof ConfigMapVolumeSource>;

export const NFSVolumeSource = def('NFSVolumeSource', obj({
  server: req(str('Hostname or IP address of the NFS server.')),
  path: req(str('Path exported by the NFS server.')),
  readOnly: bool('Mount read-only; defaults to false.'),
}, { description: 'NFSVolumeSource mounts an NFS export.' }));
export type NFSVolumeSource = Static<typeof NFSVolumeSource>;

export const PersistentVolumeClaimVolumeSource = def('PersistentVolumeClaimVolumeSource', obj({
  claimName: req(str('Name of a PersistentVolumeClaim in the pod\'s namespace.')),
  readOnly: bool('Force the mount to be read-only.'),
}, { description: 'PersistentVolumeClaimVolumeSource mounts the volume bound to a claim.' }));
export type PersistentVolumeClaimVolumeSource = Static<typeof PersistentVolumeClaimVolumeSource>;

export const DownwardAPIVolumeFile = def('DownwardAPIVolumeFile', obj({
  path: req(str('Relative path of the file to create; may not contain "..".')),
  fieldRef: ObjectFieldSelector,
  resourceFieldRef: ResourceFieldSelector,
  mode: int32('File mode bits; defaults to the volume\'s defaultMode.'),
}, { description: 'DownwardAPIVolumeFile writes one field of the pod into a file.' }));
export type DownwardAPIVolumeFile = Static<typeof DownwardAPIVolumeFile>;

export const DownwardAPIVolumeSource = def('DownwardAPIVolumeSource', obj({
  items: list(DownwardAPIVolumeFile, { listType: 'atomic', description: 'The files to write.' }),
  defaultMode: int32('Mode bits of the created files; defaults to 0644.'),
}, { description: 'DownwardAPIVolumeSource exposes fields of the pod as files.' }));
export type DownwardAPIVolumeSource = Static<typeof DownwardAPIVolumeSource>;

export const SecretProjection = def('SecretProjection', obj({
  name: str('Name of the secret.'),
  items: list(KeyToPath, { listType: 'atomic' }),
  optional: bool(),
}, { description: 'SecretProjection projects a Secret into a projected volume.' }));
export type SecretProjection = Static<typeof SecretProjection>;

export const ConfigMapProjection = def('ConfigMapProjection', obj({
  name: str('Name of the ConfigMap.'),
  items: list(KeyToPath, { listType: 'atomic' }),
  optional: bool(),
}, { description: 'ConfigMapProjection projects a ConfigMap into a projected volume.' }));
export type ConfigMapProjection = Static<typeof ConfigMapProjection>;

export const DownwardAPIProjection = def('DownwardAPIProjection', obj({
  items: list(DownwardAPIVolumeFile, { listType: 'atomic' }),
}, { description: 'DownwardAPIProjection projects pod fields into a projected volume.' }));
export type DownwardAPIProjection = Static<typeof DownwardAPIProjection>;

export const ServiceAccountTokenProjection = def('ServiceAccountTokenProjection', obj({
  audience: str('Intended audience of the token; defaults to the API server\'s identifier.'),
  expirationSeconds: int64('Requested lifetime of the token; at least 600, defaults to 3600.'),
  path: req(str('Relative path of the token file.')),
}, { description: 'ServiceAccountTokenProjection projects a bound service account token.' }));
export type ServiceAccountTokenProjection = Static<typeof ServiceAccountTokenProjection>;

export const ClusterTrustBundleProjection = def('ClusterTrustBundleProjection', obj({
  name: str('Select a single ClusterTrustBundle by name.'),
  signerName: str('Select all ClusterTrustBundles of this signer.'),
  labelSelector: LabelSelector,
  optional: bool(),
  path: req(str('Relative path of the file.')),
}, { description: 'ClusterTrustBundleProjection projects ClusterTrustBundle certificates into a file.' }));
export type ClusterTrustBundleProjection = Static<typeof ClusterTrustBundleProjection>;

export const VolumeProjection = def('VolumeProjection', obj({
  secret: SecretProjection,
  downwardAPI: DownwardAPIProjection,
  configMap: ConfigMapProjection,
  serviceAccountToken: ServiceAccountTokenProjection,
  clusterTrustBundle: ClusterTrustBundleProjection,
}, { description: 'VolumeProjection is one source of a projected volume; exactly one field is set.' }));
export type VolumeProjection = Static<typeof VolumeProjection>;

export const ProjectedVolumeSource = def('ProjectedVolumeSource', obj({
  sources: list(VolumeProjection, { listType: 'atomic', description: 'The projections.' }),
  defaultMode: int32('Mode bits of the created files; defaults to 0644.'),
}, { description: 'ProjectedVolumeSource combines secrets, config maps, downward API and tokens in one directory.' }));
export type ProjectedVolumeSource = Static<typeof ProjectedVolumeSource>;

export const CSIVolumeSource = def('CSIVolumeSource', obj({
  driver: req(str('Name of the CSI driver.')),
  readOnly: bool('Mount read-only; defaults to false.'),
  fsType: str('Filesystem type, e.g. ext4.'),
  volumeAttributes: map(str(), 'Driver-specific properties.'),
  nodePublishSecretRef: LocalObjectReference,
}, { description: 'CSIVolumeSource is an inline (ephemeral) volume of a CSI driver.' }));
export type CSIVolumeSource = Static<typeof CSIVolumeSource>;

export const ImageVolumeSource = def('ImageVolumeSource', obj({
  reference: str('Image or artifact reference to mount.'),
  pullPolicy: oneOf(['Always', 'Never', 'IfNotPresent'] as const, 'When to pull the image.'),
}, { description: 'ImageVolumeSource mounts the content of an OCI image or artifact read-only.' }));
export type ImageVolumeSource = Static<typeof ImageVolumeSource>;

// ---- PersistentVolume-only sources ----

export const LocalVolumeSource = def('LocalVolumeSource', obj({
  path: req(str('Full path of the volume on the node: a directory or a block device.')),
  fsType: str('Filesystem type, used only when path is a block device.'),
}, { description: 'LocalVolumeSource is a local disk of a node.' }));
export type LocalVolumeSource = Static<typeof LocalVolumeSource>;

export const CSIPersistentVolumeSource = def('CSIPersistentVolumeSource', obj({
  driver: req(str('Name of the CSI driver.')),
  volumeHandle: req(str('The driver\'s unique identifier of the volume.')),
  readOnly: bool('Mount read-only; defaults to false.'),
  fsType: str('Filesystem type, e.g. ext4.'),
  volumeAttributes: map(str(), 'Driver-specific properties.'),
  controllerPublishSecretRef: SecretReference,
  nodeStageSecretRef: SecretReference,
  nodePublishSecretRef: SecretReference,
  controllerExpandSecretRef: SecretReference,
  nodeExpandSecretRef: SecretReference,
}, { description: 'CSIPersistentVolumeSource is a volume managed by an external CSI driver.' }));
export type CSIPersistentVolumeSource = Static<typeof CSIPersistentVolumeSource>;

/** The default file mode of configMap, secret, downwardAPI and projected volumes: 0644. */
export const DEFAULT_VOLUME_MODE = 0o644;
