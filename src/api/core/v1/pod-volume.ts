// core/v1 Volume: a named directory of a pod with exactly one source. Kept apart from
// volume.ts because generic ephemeral volumes embed a PersistentVolumeClaimSpec, and the
// claim module itself builds on the sources in volume.ts.
import { definer, packageOf, obj, req, str, type Static } from '../../schema.js';
import { ObjectMeta } from '../../meta/v1/types.js';
import { PersistentVolumeClaimSpec } from './persistent-volume-claim.js';
import {
  CSIVolumeSource, ConfigMapVolumeSource, DownwardAPIVolumeSource, EmptyDirVolumeSource, HostPathVolumeSource,
  ImageVolumeSource, NFSVolumeSource, PersistentVolumeClaimVolumeSource, ProjectedVolumeSource, SecretVolumeSource,
} from './volume.js';

const def = definer(packageOf('', 'v1'));

export const PersistentVolumeClaimTemplate = def('PersistentVolumeClaimTemplate', obj({
  metadata: ObjectMeta,
  spec: req(PersistentVolumeClaimSpec),
}, { description: 'PersistentVolumeClaimTemplate describes the claim an ephemeral volume creates.' }));
export type PersistentVolumeClaimTemplate = Static<typeof PersistentVolumeClaimTemplate>;

export const EphemeralVolumeSource = def('EphemeralVolumeSource', obj({
  volumeClaimTemplate: PersistentVolumeClaimTemplate,
}, { description: 'EphemeralVolumeSource creates a PersistentVolumeClaim that lives as long as the pod.' }));
export type EphemeralVolumeSource = Static<typeof EphemeralVolumeSource>;

/** The source fields of a Volume this module models, in upstream's validation order (upstream has more, mostly deprecated in-tree plugins). */
export const VOLUME_SOURCE_FIELDS = [
  'emptyDir', 'hostPath', 'secret', 'nfs', 'persistentVolumeClaim', 'downwardAPI', 'configMap',
  'projected', 'csi', 'ephemeral', 'image',
] as const;

export const Volume = def('Volume', obj({
  name: req(str('Name of the volume: a DNS label unique within the pod; mounts refer to it.')),
  hostPath: HostPathVolumeSource,
  emptyDir: EmptyDirVolumeSource,
  secret: SecretVolumeSource,
  nfs: NFSVolumeSource,
  persistentVolumeClaim: PersistentVolumeClaimVolumeSource,
  downwardAPI: DownwardAPIVolumeSource,
  configMap: ConfigMapVolumeSource,
  projected: ProjectedVolumeSource,
  csi: CSIVolumeSource,
  ephemeral: EphemeralVolumeSource,
  image: ImageVolumeSource,
}, { description: 'Volume is a named directory that containers of the pod can mount; exactly one source is set.' }));
export type Volume = Static<typeof Volume>;
