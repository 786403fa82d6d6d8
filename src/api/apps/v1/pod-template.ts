// The one place the workload kinds (apps, batch) reach core/v1: the pod template and the
// PersistentVolumeClaim of StatefulSet volumeClaimTemplates.
export { PodTemplateSpec } from '../../core/v1/pod.js';
export { defaultPodTemplateSpec } from '../../core/v1/pod-defaults.js';
export { validatePodTemplateSpec } from '../../core/v1/pod-validation.js';
export { PersistentVolumeClaim, defaultPersistentVolumeClaim } from '../../core/v1/persistent-volume-claim.js';
