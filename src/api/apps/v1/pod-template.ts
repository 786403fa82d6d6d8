// The one place the workload kinds (apps, batch) reach the core/v1 pod template and
// PersistentVolumeClaim. TEMPORARY: core/v1/pod.ts and persistent-volume-claim.ts are being
// written; until they land this file stands in with structural schemas and no-op rules.
import { anyObject, type Static } from '../../schema.js';
import type { FieldError, Path } from '../../../machinery/field-errors.js';
import type { ObjectMeta } from '../../meta/v1/types.js';

export const PodTemplateSpec = anyObject('PodTemplateSpec describes the pods that will be created.');

export interface PodTemplateSpecShape {
  metadata?: ObjectMeta;
  spec?: {
    containers?: { name?: string; image?: string }[];
    initContainers?: { name?: string; image?: string }[];
    restartPolicy?: string;
    activeDeadlineSeconds?: number;
    nodeSelector?: Record<string, string>;
    [key: string]: unknown;
  };
}
export type PodTemplateSpec = PodTemplateSpecShape & Static<typeof PodTemplateSpec>;

export function defaultPodTemplateSpec(tpl: PodTemplateSpec): void {
  const spec = (tpl.spec ??= {});
  spec.restartPolicy ??= 'Always';
}

export function validatePodTemplateSpec(tpl: PodTemplateSpec, path: Path): FieldError[] {
  void tpl;
  void path;
  return [];
}

export const PersistentVolumeClaim = anyObject('PersistentVolumeClaim is a user\'s request for storage.');
export type PersistentVolumeClaim = Static<typeof PersistentVolumeClaim>;

export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  const spec = (pvc.spec ??= {}) as Record<string, unknown>;
  spec.volumeMode ??= 'Filesystem';
  const status = (pvc.status ??= {}) as Record<string, unknown>;
  status.phase ??= 'Pending';
}
