// apps/v1 Deployment: declarative updates of pods through ReplicaSets.
import { definer, packageOf, obj, req, str, int32, int64, bool, list, oneOf, intOrString, time, type Static } from '../../schema.js';
import { kindSchema, LabelSelector } from '../../meta/v1/types.js';
import { PodTemplateSpec } from './pod-template.js';
import { withPatchStrategy } from './schema-helpers.js';

const def = definer(packageOf('apps', 'v1'));

export const DEPLOYMENT_STRATEGY_TYPES = ['Recreate', 'RollingUpdate'] as const;

export const RollingUpdateDeployment = def('RollingUpdateDeployment', obj({
  maxUnavailable: intOrString,
  maxSurge: intOrString,
}, { description: 'How far a rolling update may go below (maxUnavailable) and above (maxSurge) the desired replicas; a number or a percentage.' }));
export type RollingUpdateDeployment = Static<typeof RollingUpdateDeployment>;

export const DeploymentStrategy = def('DeploymentStrategy', obj({
  type: oneOf(DEPLOYMENT_STRATEGY_TYPES, 'Recreate or RollingUpdate (the default).'),
  rollingUpdate: RollingUpdateDeployment,
}, { description: 'How existing pods are replaced by new ones.' }));
export type DeploymentStrategy = Static<typeof DeploymentStrategy>;

export const DeploymentSpec = def('DeploymentSpec', obj({
  replicas: int32('Desired number of pods; defaults to 1.'),
  selector: req(LabelSelector),
  template: req(PodTemplateSpec),
  strategy: withPatchStrategy(DeploymentStrategy, 'retainKeys'),
  minReadySeconds: int32('Seconds a new pod must be ready, without crashing, to count as available.'),
  revisionHistoryLimit: int32('Old ReplicaSets kept for rollback; defaults to 10.'),
  paused: bool('Stops the rollout of template changes while true.'),
  progressDeadlineSeconds: int32('Seconds the rollout may make no progress before it is reported as failed; defaults to 600.'),
}, { description: 'The desired state of a Deployment.' }));
export type DeploymentSpec = Static<typeof DeploymentSpec>;

export const DeploymentCondition = def('DeploymentCondition', obj({
  type: req(str('Available, Progressing or ReplicaFailure.')),
  status: req(str('True, False or Unknown.')),
  lastUpdateTime: time,
  lastTransitionTime: time,
  reason: str(),
  message: str(),
}, { description: 'One aspect of the state of a Deployment.' }));
export type DeploymentCondition = Static<typeof DeploymentCondition>;

export const DeploymentStatus = def('DeploymentStatus', obj({
  observedGeneration: int64('The generation the controller last acted on.'),
  replicas: int32('Pods targeted by this Deployment.'),
  updatedReplicas: int32('Pods that match the current template.'),
  readyReplicas: int32('Pods with the Ready condition.'),
  availableReplicas: int32('Pods ready for at least minReadySeconds.'),
  unavailableReplicas: int32('Pods still needed for the Deployment to be fully available.'),
  terminatingReplicas: int32('Pods being deleted (alpha).'),
  conditions: list(DeploymentCondition, { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] }),
  collisionCount: int32('Used to avoid name collisions of ReplicaSets.'),
}, { description: 'The observed state of a Deployment.' }));
export type DeploymentStatus = Static<typeof DeploymentStatus>;

export const Deployment = kindSchema('apps', 'v1', 'Deployment', { spec: DeploymentSpec, status: DeploymentStatus },
  'Deployment keeps a number of identical pods running and rolls out changes to them.');
export type Deployment = Static<typeof Deployment>;
