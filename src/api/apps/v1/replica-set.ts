// apps/v1 ReplicaSet: keeps a number of pods matching a selector running.
import { definer, packageOf, obj, req, str, int32, int64, list, time, type Static } from '../../schema.js';
import { kindSchema, LabelSelector } from '../../meta/v1/types.js';
import { PodTemplateSpec } from './pod-template.js';

const def = definer(packageOf('apps', 'v1'));

export const ReplicaSetSpec = def('ReplicaSetSpec', obj({
  replicas: int32('Desired number of pods; defaults to 1.'),
  minReadySeconds: int32('Seconds a new pod must be ready, without crashing, to count as available.'),
  selector: req(LabelSelector),
  template: PodTemplateSpec,
}, { description: 'The desired state of a ReplicaSet.' }));
export type ReplicaSetSpec = Static<typeof ReplicaSetSpec>;

export const ReplicaSetCondition = def('ReplicaSetCondition', obj({
  type: req(str('The kind of condition, e.g. ReplicaFailure.')),
  status: req(str('True, False or Unknown.')),
  lastTransitionTime: time,
  reason: str(),
  message: str(),
}, { description: 'One aspect of the state of a ReplicaSet.' }));
export type ReplicaSetCondition = Static<typeof ReplicaSetCondition>;

export const ReplicaSetStatus = def('ReplicaSetStatus', obj({
  replicas: req(int32('Pods the ReplicaSet currently has.')),
  fullyLabeledReplicas: int32('Pods whose labels match the template labels.'),
  readyReplicas: int32('Pods with the Ready condition.'),
  availableReplicas: int32('Pods ready for at least minReadySeconds.'),
  terminatingReplicas: int32('Pods being deleted (alpha).'),
  observedGeneration: int64('The generation the controller last acted on.'),
  conditions: list(ReplicaSetCondition, { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] }),
}, { description: 'The observed state of a ReplicaSet.' }));
export type ReplicaSetStatus = Static<typeof ReplicaSetStatus>;

export const ReplicaSet = kindSchema('apps', 'v1', 'ReplicaSet', { spec: ReplicaSetSpec, status: ReplicaSetStatus },
  'ReplicaSet keeps a given number of pod replicas running.');
export type ReplicaSet = Static<typeof ReplicaSet>;
