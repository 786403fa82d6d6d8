import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cronJobPrinter, jobPrinter } from './printers.js';
import type { Job } from './job.js';
import type { CronJob } from './cron-job.js';

const now = new Date('2024-05-01T12:00:00Z');
const header = (cols: { name: string; priority: number }[], wide: boolean) =>
  cols.filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase()).join(' ');

const job = (status: Job['status'], spec: Partial<NonNullable<Job['spec']>> = {}, deleting = false): Job => ({
  metadata: { name: 'pi', creationTimestamp: '2024-05-01T11:50:00Z', ...(deleting ? { deletionTimestamp: '2024-05-01T11:59:00Z' } : {}) },
  spec: { completions: 1, parallelism: 1, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } },
    template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } }, ...spec },
  status,
} as Job);

test('jobs: NAME STATUS COMPLETIONS DURATION AGE', () => {
  assert.equal(header(jobPrinter.columns, false), 'NAME STATUS COMPLETIONS DURATION AGE');
  assert.equal(header(jobPrinter.columns, true), 'NAME STATUS COMPLETIONS DURATION AGE CONTAINERS IMAGES SELECTOR');
  const done = job({ succeeded: 1, startTime: '2024-05-01T11:50:00Z', completionTime: '2024-05-01T11:50:42Z',
    conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] });
  assert.deepEqual(jobPrinter.row(done, now), ['pi', 'Complete', '1/1', '42s', '10m', 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u']);
  const running = job({ active: 1, startTime: '2024-05-01T11:58:00Z' });
  assert.deepEqual(jobPrinter.row(running, now).slice(1, 4), ['Running', '0/1', '2m']);
  assert.equal(jobPrinter.row(job({}), now)[3], '');
  assert.equal(jobPrinter.row(job({ conditions: [{ type: 'Failed', status: 'True' }] }), now)[1], 'Failed');
  assert.equal(jobPrinter.row(job({ conditions: [{ type: 'Suspended', status: 'True' }] }), now)[1], 'Suspended');
  assert.equal(jobPrinter.row(job({ conditions: [{ type: 'Suspended', status: 'True' }] }, {}, true), now)[1], 'Terminating');
  assert.equal(jobPrinter.row(job({ conditions: [{ type: 'FailureTarget', status: 'True' }] }), now)[1], 'FailureTarget');
  assert.equal(jobPrinter.row(job({ conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }] }), now)[1], 'SuccessCriteriaMet');
  assert.equal(jobPrinter.row(job({ succeeded: 2 }, { completions: undefined, parallelism: 3 }), now)[2], '2/1 of 3');
});

test('cronjobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE', () => {
  assert.equal(header(cronJobPrinter.columns, false), 'NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE');
  const cj = { metadata: { name: 'hello', creationTimestamp: '2024-05-01T10:00:00Z' },
    spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } } } },
    status: { active: [{ name: 'hello-28571234' }], lastScheduleTime: '2024-05-01T11:59:00Z' } } as CronJob;
  assert.deepEqual(cronJobPrinter.row(cj, now), ['hello', '*/1 * * * *', '<none>', 'False', 1, '60s', '120m', 'hello', 'busybox', '<none>']);
  const tz = { ...cj, spec: { ...cj.spec!, timeZone: 'Etc/UTC', suspend: undefined }, status: {} } as CronJob;
  assert.deepEqual(cronJobPrinter.row(tz, now).slice(2, 6), ['Etc/UTC', '<unset>', 0, '<none>']);
});
