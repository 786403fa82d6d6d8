// The one place the workload kinds (apps, batch) reach the core/v1 pod template and
// PersistentVolumeClaim. TEMPORARY for the claim: core/v1/persistent-volume-claim.ts is being
// written; until it lands, a structural schema and the two claim defaults stand in for it.
import { anyObject, type Static } from '../../schema.js';

export { PodTemplateSpec } from '../../core/v1/pod.js';
export { defaultPodTemplateSpec } from '../../core/v1/pod-defaults.js';
export { validatePodTemplateSpec } from '../../core/v1/pod-validation.js';

export const PersistentVolumeClaim = anyObject('PersistentVolumeClaim is a user\'s request for storage.');
export type PersistentVolumeClaim = Static<typeof PersistentVolumeClaim>;

export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  const spec = (pvc.spec ??= {}) as Record<string, unknown>;
  spec.volumeMode ??= 'Filesystem';
  const status = (pvc.status ??= {}) as Record<string, unknown>;
  status.phase ??= 'Pending';
}
