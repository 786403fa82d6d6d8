import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { type LimitRange, defaultLimitRange, limitRangePrinter, validateLimitRange } from './limit-range.js';

const lr = (limits: NonNullable<LimitRange['spec']>['limits']): LimitRange => ({
  apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec: { limits },
});
const msgs = (l: LimitRange) => validateLimitRange(l).map(errorString);

test('container defaults: default from max, defaultRequest from default, then from min', () => {
  const l = lr([{ type: 'Container', max: { cpu: '2', memory: '1Gi' }, min: { cpu: '100m', 'ephemeral-storage': '1Gi' }, default: { memory: '512Mi' } }]);
  defaultLimitRange(l);
  assert.deepEqual(l.spec?.limits[0].default, { memory: '512Mi', cpu: '2' });
  assert.deepEqual(l.spec?.limits[0].defaultRequest, { memory: '512Mi', cpu: '2', 'ephemeral-storage': '1Gi' });
  assert.deepEqual(validateLimitRange(l), []);
  const pod = lr([{ type: 'Pod', max: { cpu: '4' } }]);
  defaultLimitRange(pod);
  assert.equal(pod.spec?.limits[0].default, undefined);
});

test('min ≤ defaultRequest ≤ default ≤ max', () => {
  const l = lr([{ type: 'Container', min: { cpu: '500m' }, max: { cpu: '1' }, default: { cpu: '2' }, defaultRequest: { cpu: '250m' } }]);
  assert.deepEqual(msgs(l), [
    'spec.limits[0].defaultRequest[cpu]: Invalid value: "250m": min value 500m is greater than default request value 250m',
    'spec.limits[0].default[cpu]: Invalid value: "1": default value 2 is greater than max value 1',
  ]);
  const inverted = lr([{ type: 'Container', min: { memory: '2Gi' }, max: { memory: '1Gi' } }]);
  defaultLimitRange(inverted);
  assert.deepEqual(msgs(inverted), [
    'spec.limits[0].min[memory]: Invalid value: "2Gi": min value 2Gi is greater than max value 1Gi',
    'spec.limits[0].defaultRequest[memory]: Invalid value: "1Gi": min value 2Gi is greater than default request value 1Gi',
    'spec.limits[0].default[memory]: Invalid value: "2Gi": min value 2Gi is greater than default value 1Gi',
  ]);
});

test('types, duplicates, Pod defaults, PVC storage bounds and ratios', () => {
  const l = lr([
    { type: 'Pod', default: { cpu: '1' }, max: { cpu: '2' } },
    { type: 'Pod', max: { cpu: '2' } },
    { type: 'Node' },
    { type: 'PersistentVolumeClaim', max: { cpu: '1' } },
    { type: 'Container', min: { cpu: '1' }, max: { cpu: '2' }, maxLimitRequestRatio: { cpu: '3' } },
    { type: 'example.com/widget', maxLimitRequestRatio: { memory: '500m' } },
  ]);
  assert.deepEqual(msgs(l), [
    "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
    'spec.limits[1].type: Duplicate value: "Pod"',
    'spec.limits[2].type: Invalid value: "Node": must be a standard limit type or fully qualified',
    'spec.limits[3].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
    'spec.limits[4].maxLimitRequestRatio[cpu]: Invalid value: "3": ratio 3 is greater than max/min = 2.000000',
    'spec.limits[5].maxLimitRequestRatio[memory]: Invalid value: "500m": ratio 500m is less than 1',
  ]);
});

test('printer: NAME and CREATED AT', () => {
  assert.deepEqual(limitRangePrinter.columns.map((c) => [c.name, c.type]), [['Name', 'string'], ['Created At', 'date']]);
  assert.deepEqual(limitRangePrinter.row(lr([]), new Date()), ['limits', '2024-01-01T00:00:00Z']);
});
