// The selector and labels the API server gives a Job on create (upstream's job registry strategy,
// generateSelector, run before validation once the Job has its uid): unless spec.manualSelector is
// true, the pod template gets job-name/controller-uid labels (legacy and batch.kubernetes.io/ forms)
// and the selector matches batch.kubernetes.io/controller-uid. A user's own values are kept, so a
// conflict shows up in validation.
import type { Job } from './job.js';
import type { PodTemplateSpec } from '../../apps/v1/pod-template.js';

export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';

/**
 * Fills in spec.selector and the template labels in place. Call after metadata.uid is set and
 * before validateJob. Also copies the template labels to the Job's labels when it has none, as a
 * real cluster returns them (upstream gets this from defaulting the stored object again on read).
 */
export function generateJobSelector(job: Job): void {
  const spec = job.spec;
  if (!spec || spec.manualSelector === true) return;
  const name = job.metadata?.name ?? '';
  const uid = job.metadata?.uid ?? '';
  const tpl = (spec.template ??= {}) as PodTemplateSpec;
  const meta = (tpl.metadata ??= {});
  const labels = (meta.labels ??= {});
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
  if (Object.keys(job.metadata?.labels ?? {}).length === 0) (job.metadata ??= {}).labels = { ...labels };
}
