// Validation of status updates (the /status subresource) of the apps/v1 kinds, as upstream's
// Validate*StatusUpdate: counts are not negative, never above status.replicas, and
// collisionCount never goes down. The API server calls these for PUT/PATCH …/status.
import { type FieldError, invalid, root } from '../../../machinery/field-errors.js';
import { validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import type { Deployment } from './deployment.js';
import type { ReplicaSet } from './replica-set.js';
import type { DaemonSet } from './daemon-set.js';
import type { StatefulSet } from './stateful-set.js';
import { nonNegative } from './workload-validation.js';

const META = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const ABOVE_REPLICAS = 'cannot be greater than status.replicas';

function counts(status: Record<string, unknown> | undefined, keys: string[]): FieldError[] {
  const p = root('status');
  return keys.flatMap((k) => nonNegative(status?.[k] as number | undefined, p.child(k)));
}

function notAbove(status: Record<string, unknown> | undefined, keys: string[]): FieldError[] {
  const replicas = (status?.replicas as number | undefined) ?? 0;
  return keys.filter((k) => ((status?.[k] as number | undefined) ?? 0) > replicas)
    .map((k) => invalid(root('status', k), status?.[k], ABOVE_REPLICAS));
}

function collisionCount(now: number | undefined, before: number | undefined): FieldError[] {
  if (before === undefined || (now !== undefined && now >= before)) return [];
  return [invalid(root('status', 'collisionCount'), now ?? 0, 'cannot be decremented')];
}

function availableNotAboveReady(status: { availableReplicas?: number; readyReplicas?: number } | undefined, detail: string): FieldError[] {
  const available = status?.availableReplicas ?? 0;
  return available > (status?.readyReplicas ?? 0) ? [invalid(root('status', 'availableReplicas'), available, detail)] : [];
}

export function validateDeploymentStatusUpdate(d: Deployment, old: Deployment): FieldError[] {
  const st = d.status as Record<string, unknown> | undefined;
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata, META),
    ...counts(st, ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount']),
    ...notAbove(st, ['updatedReplicas', 'readyReplicas', 'availableReplicas']),
    ...availableNotAboveReady(d.status, 'cannot be greater than readyReplicas'),
    ...collisionCount(d.status?.collisionCount, old.status?.collisionCount),
  ];
}

export function validateReplicaSetStatusUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  const st = rs.status as Record<string, unknown> | undefined;
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata, META),
    ...counts(st, ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']),
    ...notAbove(st, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']),
    ...availableNotAboveReady(rs.status, 'cannot be greater than readyReplicas'),
  ];
}

export function validateStatefulSetStatusUpdate(ss: StatefulSet, old: StatefulSet): FieldError[] {
  const st = ss.status as Record<string, unknown> | undefined;
  return [
    ...counts(st, ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount']),
    ...notAbove(st, ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']),
    ...availableNotAboveReady(ss.status, 'cannot be greater than status.readyReplicas'),
    ...validateObjectMetaUpdate(ss.metadata, old.metadata, META),
    ...collisionCount(ss.status?.collisionCount, old.status?.collisionCount),
  ];
}

export function validateDaemonSetStatusUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  const st = ds.status as Record<string, unknown> | undefined;
  return [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata, META),
    ...counts(st, ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration',
      'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount']),
    ...collisionCount(ds.status?.collisionCount, old.status?.collisionCount),
  ];
}
