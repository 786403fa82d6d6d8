// The kinds of batch/v1: what the scheme registers for this group/version. A Job's strategy
// gives it its selector and pod labels on create (generateJobSelector, ./job-selector.ts);
// parseCronSchedule (./cron.ts) is the CronJob controller's parser.
import type { ResourceInfo } from '../../scheme.js';
import { statusSubresource } from '../../strategy.js';
import { generateJobSelector } from './job-selector.js';
import { validateJobStatusUpdate } from './job-status-validation.js';
import { Job } from './job.js';
import { CronJob } from './cron-job.js';
import { defaultCronJob, defaultJob } from './defaults.js';
import { validateJob, validateJobUpdate } from './job-validation.js';
import { validateCronJob, validateCronJobUpdate } from './cron-job-validation.js';
import { cronJobPrinter, jobPrinter } from './printers.js';

export { generateJobSelector } from './job-selector.js';
export { parseCronSchedule, type CronSchedule } from './cron.js';
export { validateJobStatusUpdate } from './job-status-validation.js';

export const resources: ResourceInfo[] = [
  {
    group: 'batch', version: 'v1', kind: 'Job', resource: 'jobs', singular: 'job', namespaced: true,
    shortNames: [], categories: ['all'], subresources: ['status'],
    schema: Job, defaults: defaultJob, validate: (job) => validateJob(job), validateUpdate: validateJobUpdate,
    selectableFields: (job) => ({ 'status.successful': String(job.status?.succeeded ?? 0) }),
    printer: jobPrinter,
    strategy: { prepareForCreate: generateJobSelector, subresources: { status: statusSubresource(validateJobStatusUpdate) } },
  },
  {
    group: 'batch', version: 'v1', kind: 'CronJob', resource: 'cronjobs', singular: 'cronjob', namespaced: true,
    shortNames: ['cj'], categories: ['all'], subresources: ['status'],
    schema: CronJob, defaults: defaultCronJob, validate: validateCronJob, validateUpdate: validateCronJobUpdate,
    printer: cronJobPrinter,
  },
];
