// Server-side table columns of Jobs and CronJobs, as upstream's printers.go.
import type { Printer } from '../../scheme.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import { age, containerCells, humanDuration } from '../../printing.js';
import { labelSelectorToString } from '../../../machinery/labels.js';
import { CONTAINERS_COLUMN, IMAGES_COLUMN, selectorColumn } from '../../apps/v1/printers.js';
import type { Job } from './job.js';
import type { CronJob } from './cron-job.js';


const JOB_SELECTOR = selectorColumn('A label query over pods that should match the pod count.');

function hasCondition(job: Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The STATUS cell: Complete, Failed, Terminating, Suspended, FailureTarget, SuccessCriteriaMet or Running. */
export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec?.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(job: Job, now: Date): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime;
  return humanDuration((end ? Date.parse(end) : now.getTime()) - Date.parse(start));
}

export const jobPrinter: Printer<Job> = {
  columns: [
    nameColumn,
    col('Status', 'Status of the job.', 'string'),
    col('Completions', 'The number of pods which reached phase Succeeded.', 'string'),
    col('Duration', 'Time required to complete the job.', 'string'),
    ageColumn, CONTAINERS_COLUMN, IMAGES_COLUMN, JOB_SELECTOR,
  ],
  row(job, now) {
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return [
      job.metadata?.name ?? '', jobStatus(job), completions(job), duration(job, now), age(job.metadata?.creationTimestamp, now),
      names, images, labelSelectorToString(job.spec?.selector),
    ];
  },
};

export const cronJobPrinter: Printer<CronJob> = {
  columns: [
    nameColumn,
    col('Schedule', 'The schedule in Cron format.', 'string'),
    col('Timezone', 'The time zone name for the given schedule.', 'string'),
    col('Suspend', 'Whether the controller suspends subsequent executions.', 'boolean'),
    col('Active', 'A list of pointers to currently running jobs.', 'integer'),
    col('Last Schedule', 'Information when was the last time the job was successfully scheduled.', 'string'),
    ageColumn, CONTAINERS_COLUMN, IMAGES_COLUMN, JOB_SELECTOR,
  ],
  row(cj, now) {
    const spec = cj.spec;
    const jobSpec = spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    const last = cj.status?.lastScheduleTime ? age(cj.status.lastScheduleTime, now) : '<none>';
    const suspend = spec?.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False';
    return [
      cj.metadata?.name ?? '', spec?.schedule ?? '', spec?.timeZone ?? '<none>', suspend, (cj.status?.active ?? []).length, last,
      age(cj.metadata?.creationTimestamp, now), names, images, labelSelectorToString(jobSpec?.selector),
    ];
  },
};
