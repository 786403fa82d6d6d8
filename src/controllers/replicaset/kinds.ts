// The two kinds the ReplicaSet controller runs: apps/v1 ReplicaSet and core/v1
// ReplicationController (upstream runs the RC manager through the same code by conversion;
// here the few differences live in one small descriptor).
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { ReplicationController } from '../../api/core/v1/replication-controller.js';
import { selectorFromLabelSelector, selectorFromSet, nothing, type Selector } from '../../machinery/labels.js';

/** Either kind: the fields the controller reads have the same shape in both. */
export type ReplicatedObject = ReplicaSet | ReplicationController;

export interface ReplicatedKind {
  /** the controller's name in --controllers and its event source */
  controllerName: 'replicaset' | 'replicationcontroller';
  component: string;
  apiVersion: string;
  kind: string;
  /** the REST collection path, e.g. /apis/apps/v1 */
  groupVersionPath: string;
  resource: string;
  /** the pod selector */
  selector(obj: ReplicatedObject): Selector;
}

export const replicaSetKind: ReplicatedKind = {
  controllerName: 'replicaset', component: 'replicaset-controller',
  apiVersion: 'apps/v1', kind: 'ReplicaSet', groupVersionPath: '/apis/apps/v1', resource: 'replicasets',
  // LabelSelectorAsSelector (throws on an invalid one; validation keeps it from being empty)
  selector: (obj) => selectorFromLabelSelector((obj as ReplicaSet).spec?.selector),
};

export const replicationControllerKind: ReplicatedKind = {
  controllerName: 'replicationcontroller', component: 'replication-controller',
  apiVersion: 'v1', kind: 'ReplicationController', groupVersionPath: '/api/v1', resource: 'replicationcontrollers',
  // a plain key=value map; defaulting fills it from the template labels, validation keeps it non-empty
  selector: (obj) => {
    const sel = (obj as ReplicationController).spec?.selector;
    return sel ? selectorFromSet(sel) : nothing();
  },
};
