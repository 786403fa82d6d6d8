// Validation of Job status updates (the /status subresource), the parts of upstream's
// ValidateJobUpdateStatus that hold for any writer: counts are not negative and the uncounted
// pod UIDs are non-empty and unique.
import { type FieldError, duplicate, invalid, root } from '../../../machinery/field-errors.js';
import { validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { nonNegative } from '../../apps/v1/workload-validation.js';
import type { Job } from './job.js';

export function validateJobStatusUpdate(job: Job, old: Job): FieldError[] {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain });
  const st = job.status ?? {};
  const p = root('status');
  for (const key of ['active', 'succeeded', 'failed', 'ready', 'terminating'] as const) errs.push(...nonNegative(st[key], p.child(key)));
  const seen = new Set<string>();
  for (const key of ['succeeded', 'failed'] as const) {
    (st.uncountedTerminatedPods?.[key] ?? []).forEach((uid, i) => {
      const at = p.child('uncountedTerminatedPods', key).index(i);
      if (!uid) errs.push(invalid(at, uid, 'must not be empty'));
      else if (seen.has(uid)) errs.push(duplicate(at, uid));
      else seen.add(uid);
    });
  }
  return errs;
}
