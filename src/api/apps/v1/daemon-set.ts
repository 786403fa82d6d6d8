// apps/v1 DaemonSet: one pod on each eligible node.
import { definer, packageOf, obj, req, str, int32, int64, list, oneOf, intOrString, time, type Static } from '../../schema.js';
import { kindSchema, LabelSelector } from '../../meta/v1/types.js';
import { PodTemplateSpec } from './pod-template.js';

const def = definer(packageOf('apps', 'v1'));

export const DAEMON_SET_UPDATE_STRATEGY_TYPES = ['RollingUpdate', 'OnDelete'] as const;

export const RollingUpdateDaemonSet = def('RollingUpdateDaemonSet', obj({
  maxUnavailable: intOrString,
  maxSurge: intOrString,
}, { description: 'How many nodes may lack a ready pod (maxUnavailable) or run an extra one (maxSurge) during an update.' }));
export type RollingUpdateDaemonSet = Static<typeof RollingUpdateDaemonSet>;

export const DaemonSetUpdateStrategy = def('DaemonSetUpdateStrategy', obj({
  type: oneOf(DAEMON_SET_UPDATE_STRATEGY_TYPES, 'RollingUpdate (the default) or OnDelete.'),
  rollingUpdate: RollingUpdateDaemonSet,
}, { description: 'How the pods of a DaemonSet are replaced when its template changes.' }));
export type DaemonSetUpdateStrategy = Static<typeof DaemonSetUpdateStrategy>;

export const DaemonSetSpec = def('DaemonSetSpec', obj({
  selector: req(LabelSelector),
  template: req(PodTemplateSpec),
  updateStrategy: DaemonSetUpdateStrategy,
  minReadySeconds: int32('Seconds a new pod must be ready, without crashing, to count as available.'),
  revisionHistoryLimit: int32('Old revisions kept for rollback; defaults to 10.'),
}, { description: 'The desired state of a DaemonSet.' }));
export type DaemonSetSpec = Static<typeof DaemonSetSpec>;

export const DaemonSetCondition = def('DaemonSetCondition', obj({
  type: req(str()),
  status: req(str('True, False or Unknown.')),
  lastTransitionTime: time,
  reason: str(),
  message: str(),
}, { description: 'One aspect of the state of a DaemonSet.' }));
export type DaemonSetCondition = Static<typeof DaemonSetCondition>;

export const DaemonSetStatus = def('DaemonSetStatus', obj({
  currentNumberScheduled: req(int32('Nodes running at least one daemon pod that should.')),
  numberMisscheduled: req(int32('Nodes running a daemon pod that should not.')),
  desiredNumberScheduled: req(int32('Nodes that should run the daemon pod.')),
  numberReady: req(int32('Nodes whose daemon pod is ready.')),
  observedGeneration: int64('The generation the controller last acted on.'),
  updatedNumberScheduled: int32('Nodes running the updated daemon pod.'),
  numberAvailable: int32('Nodes whose daemon pod has been ready for minReadySeconds.'),
  numberUnavailable: int32('Nodes that should run an available daemon pod but do not.'),
  collisionCount: int32('Used to avoid name collisions of ControllerRevisions.'),
  conditions: list(DaemonSetCondition, { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] }),
}, { description: 'The observed state of a DaemonSet.' }));
export type DaemonSetStatus = Static<typeof DaemonSetStatus>;

export const DaemonSet = kindSchema('apps', 'v1', 'DaemonSet', { spec: DaemonSetSpec, status: DaemonSetStatus },
  'DaemonSet runs a copy of a pod on every node that matches.');
export type DaemonSet = Static<typeof DaemonSet>;
