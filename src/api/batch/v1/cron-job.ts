// batch/v1 CronJob: Jobs created on a schedule.
import { definer, packageOf, obj, req, str, int32, int64, bool, list, oneOf, time, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { ObjectReference } from '../../core/v1/object-reference.js';
import { JobTemplateSpec } from './job.js';

const def = definer(packageOf('batch', 'v1'));

export const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;

export const CronJobSpec = def('CronJobSpec', obj({
  schedule: req(str('When to run, in cron format: "*/5 * * * *", "@hourly".')),
  timeZone: str('The IANA time zone of the schedule, e.g. Europe/Paris; the controller\'s when unset.'),
  startingDeadlineSeconds: int64('Seconds after a missed time within which the Job may still start.'),
  concurrencyPolicy: oneOf(CONCURRENCY_POLICIES, 'Allow (the default), Forbid or Replace running Jobs.'),
  suspend: bool('While true, no new Jobs are started.'),
  jobTemplate: req(JobTemplateSpec),
  successfulJobsHistoryLimit: int32('Finished successful Jobs kept; defaults to 3.'),
  failedJobsHistoryLimit: int32('Failed Jobs kept; defaults to 1.'),
}, { description: 'The schedule and the Job a CronJob creates.' }));
export type CronJobSpec = Static<typeof CronJobSpec>;

export const CronJobStatus = def('CronJobStatus', obj({
  active: list(ObjectReference, { listType: 'atomic', description: 'The Jobs running now.' }),
  lastScheduleTime: time,
  lastSuccessfulTime: time,
}, { description: 'The observed state of a CronJob.' }));
export type CronJobStatus = Static<typeof CronJobStatus>;

export const CronJob = kindSchema('batch', 'v1', 'CronJob', { spec: CronJobSpec, status: CronJobStatus },
  'CronJob creates Jobs on a repeating schedule.');
export type CronJob = Static<typeof CronJob>;
