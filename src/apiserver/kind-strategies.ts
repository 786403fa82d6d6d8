// The per-kind steps of upstream's registry strategies (PrepareForCreate, PrepareForUpdate and
// the status subresource's PrepareForUpdate) that the API groups provide; strategy.ts runs them
// after its generic preparation.
import type { KubeObject } from '../api/meta/v1/types.js';
import { generateJobSelector } from '../api/batch/v1/index.js';
import type { Job } from '../api/batch/v1/job.js';
import { prepareNamespaceForCreate, prepareNamespaceForUpdate } from '../api/core/v1/namespace.js';
import { prepareNodeForUpdate, prepareNodeStatusForUpdate } from '../api/core/v1/node.js';
import { preparePersistentVolumeClaimForCreate, preparePersistentVolumeClaimForUpdate } from '../api/core/v1/persistent-volume-claim.js';
import { preparePersistentVolumeForCreate, preparePersistentVolumeForUpdate } from '../api/core/v1/persistent-volume.js';
import { preparePodForCreate, preparePodForUpdate, preparePodStatusUpdate } from '../api/core/v1/pod-status.js';
import { prepareReplicationControllerForCreate } from '../api/core/v1/replication-controller.js';
import { prepareResourceQuotaForCreate, prepareResourceQuotaForUpdate } from '../api/core/v1/resource-quota.js';
import { prepareServiceForCreate, prepareServiceForUpdate } from '../api/core/v1/service-defaults.js';

type Create = (obj: never) => void;
type Update = (obj: never, old: never) => void;

/** keyed by "group/resource" */
export const CREATE_STEPS: Record<string, Create> = {
  '/pods': preparePodForCreate,
  '/namespaces': prepareNamespaceForCreate,
  '/services': prepareServiceForCreate,
  '/resourcequotas': prepareResourceQuotaForCreate,
  '/persistentvolumeclaims': preparePersistentVolumeClaimForCreate,
  '/persistentvolumes': (pv: never) => preparePersistentVolumeForCreate(pv),
  '/replicationcontrollers': prepareReplicationControllerForCreate,
  'batch/jobs': (job: never) => generateJobSelector(job as Job),
};

export const UPDATE_STEPS: Record<string, Update> = {
  '/pods': preparePodForUpdate,
  '/namespaces': prepareNamespaceForUpdate,
  '/services': prepareServiceForUpdate,
  '/resourcequotas': prepareResourceQuotaForUpdate,
  '/persistentvolumeclaims': preparePersistentVolumeClaimForUpdate,
  '/persistentvolumes': preparePersistentVolumeForUpdate,
  '/nodes': prepareNodeForUpdate,
};

export const STATUS_UPDATE_STEPS: Record<string, Update> = {
  '/pods': preparePodStatusUpdate,
  '/nodes': prepareNodeStatusForUpdate,
};

export function runCreateStep(gr: string, obj: KubeObject): void {
  CREATE_STEPS[gr]?.(obj as never);
}

export function runUpdateStep(gr: string, obj: KubeObject, old: KubeObject, subresource: '' | 'status'): void {
  const step = subresource === 'status' ? STATUS_UPDATE_STEPS[gr] : UPDATE_STEPS[gr];
  step?.(obj as never, old as never);
}
