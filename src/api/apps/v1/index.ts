// The kinds of apps/v1: what the scheme registers for this group/version.
import type { ResourceInfo, ScaleInfo } from '../../scheme.js';
import { type ScaleSubresource, statusSubresource } from '../../strategy.js';
import type { FieldError } from '../../../machinery/field-errors.js';
import type { KubeObject } from '../../meta/v1/types.js';
import {
  validateDaemonSetStatusUpdate, validateDeploymentStatusUpdate, validateReplicaSetStatusUpdate, validateStatefulSetStatusUpdate,
} from './status-validation.js';
import { Deployment } from './deployment.js';
import { ReplicaSet } from './replica-set.js';
import { DaemonSet } from './daemon-set.js';
import { StatefulSet } from './stateful-set.js';
import { ControllerRevision } from './controller-revision.js';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './defaults.js';
import { validateDeployment, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate } from './deployment-validation.js';
import {
  validateControllerRevision, validateControllerRevisionUpdate, validateDaemonSet, validateDaemonSetUpdate,
  validateStatefulSet, validateStatefulSetUpdate,
} from './set-validation.js';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './printers.js';

/**
 * The scale subresource of deployments, replicasets and statefulsets: autoscaling/v1 Scale with
 * spec.replicas ↔ spec.replicas, status.replicas ← status.replicas, and status.selector the
 * canonical string of spec.selector (a metav1.LabelSelector; see scaleFromObject in autoscaling/v1).
 */
export const REPLICAS_SCALE: ScaleInfo = {
  specReplicasPath: 'spec.replicas',
  statusReplicasPath: 'status.replicas',
  labelSelectorPath: 'spec.selector',
};

export {
  validateDeploymentStatusUpdate, validateReplicaSetStatusUpdate, validateStatefulSetStatusUpdate, validateDaemonSetStatusUpdate,
} from './status-validation.js';

const ALL = ['all'];
const SCALE: ScaleSubresource = { type: 'scale' };

/** The apps status strategies: spec and labels stay as stored. */
function appsStatus<T extends KubeObject>(validate: (obj: T, old: T) => FieldError[]) {
  return statusSubresource(validate, { keepMeta: ['labels'] });
}

export const resources: ResourceInfo[] = [
  {
    group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', singular: 'deployment', namespaced: true,
    shortNames: ['deploy'], categories: ALL, subresources: ['status', 'scale'], scale: REPLICAS_SCALE,
    schema: Deployment, defaults: defaultDeployment, validate: validateDeployment, validateUpdate: validateDeploymentUpdate,
    printer: deploymentPrinter,
    strategy: { subresources: { status: appsStatus(validateDeploymentStatusUpdate), scale: SCALE } },
  },
  {
    group: 'apps', version: 'v1', kind: 'ReplicaSet', resource: 'replicasets', singular: 'replicaset', namespaced: true,
    shortNames: ['rs'], categories: ALL, subresources: ['status', 'scale'], scale: REPLICAS_SCALE,
    schema: ReplicaSet, defaults: defaultReplicaSet, validate: validateReplicaSet, validateUpdate: validateReplicaSetUpdate,
    selectableFields: (rs) => ({ 'status.replicas': String(rs.status?.replicas ?? 0) }),
    printer: replicaSetPrinter,
    strategy: { subresources: { status: appsStatus(validateReplicaSetStatusUpdate), scale: SCALE } },
  },
  {
    group: 'apps', version: 'v1', kind: 'DaemonSet', resource: 'daemonsets', singular: 'daemonset', namespaced: true,
    shortNames: ['ds'], categories: ALL, subresources: ['status'],
    schema: DaemonSet, defaults: defaultDaemonSet, validate: validateDaemonSet, validateUpdate: validateDaemonSetUpdate,
    printer: daemonSetPrinter,
    strategy: { subresources: { status: appsStatus(validateDaemonSetStatusUpdate) } },
  },
  {
    group: 'apps', version: 'v1', kind: 'StatefulSet', resource: 'statefulsets', singular: 'statefulset', namespaced: true,
    shortNames: ['sts'], categories: ALL, subresources: ['status', 'scale'], scale: REPLICAS_SCALE,
    schema: StatefulSet, defaults: defaultStatefulSet, validate: validateStatefulSet, validateUpdate: validateStatefulSetUpdate,
    printer: statefulSetPrinter,
    strategy: { subresources: { status: appsStatus(validateStatefulSetStatusUpdate), scale: SCALE } },
  },
  {
    group: 'apps', version: 'v1', kind: 'ControllerRevision', resource: 'controllerrevisions', singular: 'controllerrevision',
    namespaced: true, shortNames: [], categories: [], subresources: [],
    schema: ControllerRevision, validate: validateControllerRevision, validateUpdate: validateControllerRevisionUpdate,
    printer: controllerRevisionPrinter,
  },
];
