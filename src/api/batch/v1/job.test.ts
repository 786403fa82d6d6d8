import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString, type FieldError } from '../../../machinery/field-errors.js';
import { defaultCronJob, defaultJob } from './defaults.js';
import { generateJobSelector } from './job-selector.js';
import { validateJob, validateJobUpdate } from './job-validation.js';
import { validateCronJob, validateCronJobUpdate } from './cron-job-validation.js';
import { validateJobStatusUpdate } from './job-status-validation.js';
import type { Job } from './job.js';
import type { CronJob } from './cron-job.js';

const msgs = (errs: FieldError[]) => errs.map(errorString);
const UID = '863452e6-270d-420e-9b94-53a54146c223';

/** kubectl create job pi --image=perl, as the API server receives, defaults and prepares it. */
function created(mut?: (j: Job) => void): Job {
  const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid: UID },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' } } } } as Job;
  mut?.(job);
  defaultJob(job);
  generateJobSelector(job);
  return job;
}

test('Job defaults and the generated selector match a real cluster', () => {
  const job = created();
  const spec = job.spec!;
  assert.equal(spec.completions, 1);
  assert.equal(spec.parallelism, 1);
  assert.equal(spec.backoffLimit, 6);
  assert.equal(spec.completionMode, 'NonIndexed');
  assert.equal(spec.suspend, false);
  assert.equal(spec.podReplacementPolicy, 'TerminatingOrFailed');
  assert.equal(spec.manualSelector, undefined);
  assert.deepEqual(spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
  const labels = {
    'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': UID, 'job-name': 'pi',
  };
  assert.deepEqual(spec.template.metadata?.labels, labels);
  assert.deepEqual(job.metadata?.labels, labels);
  assert.deepEqual(msgs(validateJob(job)), []);
});

test('Job defaults: parallelism alone, backoffLimitPerIndex, pod failure policy', () => {
  const par = created((j) => { j.spec!.parallelism = 3; });
  assert.equal(par.spec?.completions, undefined);
  assert.equal(par.spec?.parallelism, 3);
  const perIndex = created((j) => { j.spec!.completionMode = 'Indexed'; j.spec!.completions = 3; j.spec!.backoffLimitPerIndex = 1; });
  assert.equal(perIndex.spec?.backoffLimit, 2147483647);
  const pfp = created((j) => { j.spec!.podFailurePolicy = { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' } as { type: string; status: string }] }] }; });
  assert.equal(pfp.spec?.podFailurePolicy?.rules[0].onPodConditions?.[0].status, 'True');
  assert.equal(pfp.spec?.podReplacementPolicy, 'Failed');
});

test('restartPolicy must be OnFailure or Never', () => {
  const job = created((j) => { delete j.spec!.template.spec!.restartPolicy; });
  assert.deepEqual(msgs(validateJob(job)), ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
});

test('negative counts and Indexed rules', () => {
  const job = created((j) => { j.spec!.parallelism = -1; j.spec!.backoffLimit = -2; j.spec!.backoffLimitPerIndex = 1; });
  assert.deepEqual(msgs(validateJob(job)), [
    'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
    'spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0',
    'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode',
  ]);
  const indexed = created((j) => { j.spec!.completionMode = 'Indexed'; j.spec!.parallelism = 2; });
  assert.deepEqual(msgs(validateJob(indexed)), ['spec.completions: Required value: when completion mode is Indexed']);
});

test('a selector that does not select the generated labels', () => {
  const job = created((j) => { j.spec!.selector = { matchLabels: { app: 'x' } }; });
  assert.deepEqual(msgs(validateJob(job)), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"863452e6-270d-420e-9b94-53a54146c223"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
    'spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"863452e6-270d-420e-9b94-53a54146c223", "batch.kubernetes.io/job-name":"pi", "controller-uid":"863452e6-270d-420e-9b94-53a54146c223", "job-name":"pi"}: `selector` does not match template `labels`',
  ]);
});

test('pod failure policy rules', () => {
  const job = created((j) => {
    j.spec!.podFailurePolicy = { rules: [
      { action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 3, 2] } },
      { action: 'Ignore' },
    ] };
  });
  assert.deepEqual(msgs(validateJob(job)), [
    'spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator',
    'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{0, 3, 2}: must be ordered',
    'spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required',
  ]);
});

test('Job updates: template and selector are immutable, parallelism is not', () => {
  const old = created();
  const scaled = structuredClone(old);
  scaled.spec!.parallelism = 4;
  assert.deepEqual(msgs(validateJobUpdate(scaled, old)), []);
  const retemplated = structuredClone(old);
  retemplated.spec!.template.spec!.containers[0].image = 'perl:5.36';
  const out = msgs(validateJobUpdate(retemplated, old));
  assert.equal(out.length, 1);
  assert.match(out[0], /^spec\.template: Invalid value: .*: field is immutable$/);
  const suspended = structuredClone(old);
  suspended.spec!.suspend = true;
  const moved = structuredClone(suspended);
  moved.spec!.template.spec!.nodeSelector = { zone: 'a' };
  assert.deepEqual(msgs(validateJobUpdate(moved, suspended)), [], 'scheduling directives of a suspended, never started Job may change');
});

function cronJob(mut?: (c: CronJob) => void): CronJob {
  const cj = { metadata: { name: 'hello', namespace: 'default' },
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }], restartPolicy: 'OnFailure' } } } } } } as CronJob;
  mut?.(cj);
  defaultCronJob(cj);
  return cj;
}

test('CronJob defaults: the jobTemplate gets pod defaults only', () => {
  const cj = cronJob();
  assert.equal(cj.spec?.concurrencyPolicy, 'Allow');
  assert.equal(cj.spec?.suspend, false);
  assert.equal(cj.spec?.successfulJobsHistoryLimit, 3);
  assert.equal(cj.spec?.failedJobsHistoryLimit, 1);
  assert.equal(cj.spec?.jobTemplate.spec?.backoffLimit, undefined);
  assert.equal(cj.spec?.jobTemplate.spec?.template.spec?.dnsPolicy, 'ClusterFirst');
  assert.deepEqual(msgs(validateCronJob(cj)), []);
});

test('CronJob: schedule, time zone, name length, selector', () => {
  const bad = cronJob((c) => { c.spec!.schedule = '* * * *'; c.spec!.timeZone = 'Mars/Olympus'; });
  assert.deepEqual(msgs(validateCronJob(bad)), [
    'spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]',
    'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
  ]);
  const tz = cronJob((c) => { c.spec!.schedule = 'TZ=UTC 0 * * * *'; });
  assert.deepEqual(msgs(validateCronJob(tz)), ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
  const local = cronJob((c) => { c.spec!.timeZone = 'Local'; });
  assert.deepEqual(msgs(validateCronJob(local)), ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones']);
  const long = cronJob((c) => { c.metadata!.name = 'a'.repeat(53); });
  assert.deepEqual(msgs(validateCronJob(long)), [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`]);
  assert.deepEqual(msgs(validateCronJobUpdate(long, long)), []);
  const sel = cronJob((c) => { c.spec!.jobTemplate.spec!.selector = { matchLabels: { a: 'b' } }; });
  assert.deepEqual(msgs(validateCronJob(sel)), [
    'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
  ]);
  const always = cronJob((c) => { c.spec!.jobTemplate.spec!.template.spec!.restartPolicy = 'Always'; });
  assert.deepEqual(msgs(validateCronJob(always)), ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
});

test('Job status updates: counts and uncounted pods', () => {
  const old = created();
  const job = structuredClone(old);
  job.status = { active: -1, uncountedTerminatedPods: { succeeded: ['a', ''], failed: ['a'] } };
  assert.deepEqual(msgs(validateJobStatusUpdate(job, old)), [
    'status.active: Invalid value: -1: must be greater than or equal to 0',
    'status.uncountedTerminatedPods.succeeded[1]: Invalid value: "": must not be empty',
    'status.uncountedTerminatedPods.failed[0]: Duplicate value: "a"',
  ]);
});
