// apps/v1 StatefulSet: pods with stable identities and their own storage.
import { definer, packageOf, obj, req, str, int32, int64, list, oneOf, intOrString, time, type Static } from '../../schema.js';
import { kindSchema, LabelSelector } from '../../meta/v1/types.js';
import { PodTemplateSpec, PersistentVolumeClaim } from './pod-template.js';

const def = definer(packageOf('apps', 'v1'));

export const POD_MANAGEMENT_POLICIES = ['OrderedReady', 'Parallel'] as const;
export const STATEFUL_SET_UPDATE_STRATEGY_TYPES = ['RollingUpdate', 'OnDelete'] as const;
export const PVC_RETENTION_POLICIES = ['Retain', 'Delete'] as const;

export const RollingUpdateStatefulSetStrategy = def('RollingUpdateStatefulSetStrategy', obj({
  partition: int32('Pods with an ordinal at or above the partition are updated; defaults to 0.'),
  maxUnavailable: intOrString,
}, { description: 'Parameters of a StatefulSet rolling update.' }));
export type RollingUpdateStatefulSetStrategy = Static<typeof RollingUpdateStatefulSetStrategy>;

export const StatefulSetUpdateStrategy = def('StatefulSetUpdateStrategy', obj({
  type: oneOf(STATEFUL_SET_UPDATE_STRATEGY_TYPES, 'RollingUpdate (the default) or OnDelete.'),
  rollingUpdate: RollingUpdateStatefulSetStrategy,
}, { description: 'How the pods of a StatefulSet are replaced when its template changes.' }));
export type StatefulSetUpdateStrategy = Static<typeof StatefulSetUpdateStrategy>;

export const StatefulSetPersistentVolumeClaimRetentionPolicy = def('StatefulSetPersistentVolumeClaimRetentionPolicy', obj({
  whenDeleted: oneOf(PVC_RETENTION_POLICIES, 'What happens to the claims when the StatefulSet is deleted: Retain or Delete.'),
  whenScaled: oneOf(PVC_RETENTION_POLICIES, 'What happens to the claims of pods removed by scaling down: Retain or Delete.'),
}, { description: 'The lifecycle of the claims created from volumeClaimTemplates.' }));
export type StatefulSetPersistentVolumeClaimRetentionPolicy = Static<typeof StatefulSetPersistentVolumeClaimRetentionPolicy>;

export const StatefulSetOrdinals = def('StatefulSetOrdinals', obj({
  start: int32('The number of the first replica; defaults to 0.'),
}, { description: 'The numbering of the replicas.' }));
export type StatefulSetOrdinals = Static<typeof StatefulSetOrdinals>;

export const StatefulSetSpec = def('StatefulSetSpec', obj({
  replicas: int32('Desired number of pods; defaults to 1.'),
  selector: req(LabelSelector),
  template: req(PodTemplateSpec),
  volumeClaimTemplates: list(PersistentVolumeClaim, { listType: 'atomic', description: 'Claims each pod gets, named <template>-<statefulset>-<ordinal>.' }),
  serviceName: str('The headless Service that gives the pods their network identity.'),
  podManagementPolicy: oneOf(POD_MANAGEMENT_POLICIES, 'OrderedReady (the default) or Parallel.'),
  updateStrategy: StatefulSetUpdateStrategy,
  revisionHistoryLimit: int32('Old revisions kept; defaults to 10.'),
  minReadySeconds: int32('Seconds a new pod must be ready, without crashing, to count as available.'),
  persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy,
  ordinals: StatefulSetOrdinals,
}, { description: 'The desired state of a StatefulSet.' }));
export type StatefulSetSpec = Static<typeof StatefulSetSpec>;

export const StatefulSetCondition = def('StatefulSetCondition', obj({
  type: req(str()),
  status: req(str('True, False or Unknown.')),
  lastTransitionTime: time,
  reason: str(),
  message: str(),
}, { description: 'One aspect of the state of a StatefulSet.' }));
export type StatefulSetCondition = Static<typeof StatefulSetCondition>;

export const StatefulSetStatus = def('StatefulSetStatus', obj({
  observedGeneration: int64('The generation the controller last acted on.'),
  replicas: req(int32('Pods created by the controller.')),
  readyReplicas: int32('Pods with the Ready condition.'),
  currentReplicas: int32('Pods at currentRevision.'),
  updatedReplicas: int32('Pods at updateRevision.'),
  currentRevision: str('The revision of the pods before the update.'),
  updateRevision: str('The revision the pods are being updated to.'),
  collisionCount: int32('Used to avoid name collisions of ControllerRevisions.'),
  conditions: list(StatefulSetCondition, { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] }),
  availableReplicas: int32('Pods ready for at least minReadySeconds.'),
}, { description: 'The observed state of a StatefulSet.' }));
export type StatefulSetStatus = Static<typeof StatefulSetStatus>;

export const StatefulSet = kindSchema('apps', 'v1', 'StatefulSet', { spec: StatefulSetSpec, status: StatefulSetStatus },
  'StatefulSet runs pods with stable names, ordinals and storage.');
export type StatefulSet = Static<typeof StatefulSet>;
