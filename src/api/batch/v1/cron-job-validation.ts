// Validation of CronJobs (pkg/apis/batch/validation), with upstream's messages and field paths.
import { type FieldError, type Path, invalid, notSupported, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import type { CronJob, CronJobSpec } from './cron-job.js';
import type { JobSpec } from './job.js';
import { validateJobSpecCommon } from './job-validation.js';
import { CronParseError, parseCronSchedule, timeZoneError } from './cron.js';
import { goLabelSelector, invalidGo } from '../../apps/v1/go-format.js';
import { nonNegative } from '../../apps/v1/workload-validation.js';

const META = { namespaced: true, nameValidator: nameIsDNSSubdomain };
/** Job names get an 11-character suffix; Job names are limited to 63. */
const MAX_CRONJOB_NAME = 52;

function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | undefined, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseCronSchedule(schedule);
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    errs.push(invalid(p, schedule, e.message));
  }
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined) {
    errs.push(invalid(p, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(invalid(p, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone. */
export function validateTimeZone(tz: string | undefined, p: Path): FieldError[] {
  if (tz === undefined) return [];
  if (tz.length === 0) return [invalid(p, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) return [invalid(p, tz, `unknown time zone ${tz}`)];
  }
  if (tz.toLowerCase() === 'local') return [invalid(p, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  const err = timeZoneError(tz);
  return err ? [invalid(p, tz, err)] : [];
}

function validateJobTemplate(spec: CronJobSpec, p: Path): FieldError[] {
  const jobSpec = spec.jobTemplate?.spec ?? ({} as JobSpec);
  const sp = p.child('spec');
  const errs = validateJobSpecCommon(jobSpec, sp);
  if (jobSpec.selector) errs.push(invalidGo(sp.child('selector'), jobSpec.selector, goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(notSupported(sp.child('manualSelector'), true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(spec: CronJobSpec, old: CronJobSpec | undefined): FieldError[] {
  const p = root('spec');
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(required(p.child('schedule'), ''));
  else errs.push(...validateSchedule(spec.schedule, old !== undefined && (old.schedule ?? '').includes('TZ'), spec.timeZone, p.child('schedule')));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, p.child('startingDeadlineSeconds')));
  if (old === undefined || old.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone, p.child('timeZone')));
  const policy: string = spec.concurrencyPolicy ?? '';
  if (policy === '') errs.push(required(p.child('concurrencyPolicy'), ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) errs.push(notSupported(p.child('concurrencyPolicy'), policy, ['Allow', 'Forbid', 'Replace']));
  errs.push(...validateJobTemplate(spec, p.child('jobTemplate')));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, p.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, p.child('failedJobsHistoryLimit')));
  return errs;
}

export function validateCronJob(cj: CronJob): FieldError[] {
  const errs = validateObjectMeta(cj.metadata, META);
  errs.push(...validateCronJobSpec(cj.spec ?? ({} as CronJobSpec), undefined));
  const name = cj.metadata?.name ?? '';
  if (name.length > MAX_CRONJOB_NAME) errs.push(invalid(root('metadata', 'name'), name, `must be no more than ${MAX_CRONJOB_NAME} characters`));
  return errs;
}

/** On update the 52-character name limit is not applied, so older CronJobs stay editable. */
export function validateCronJobUpdate(cj: CronJob, old: CronJob): FieldError[] {
  return [
    ...validateObjectMetaUpdate(cj.metadata, old.metadata, META),
    ...validateCronJobSpec(cj.spec ?? ({} as CronJobSpec), old.spec ?? ({} as CronJobSpec)),
  ];
}
