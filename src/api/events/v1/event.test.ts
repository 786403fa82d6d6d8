import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventPrinter, eventResource, validateEvent, validateEventUpdate, type Event } from './event.js';
import { errorString } from '../../../machinery/field-errors.js';
import { isQualifiedName } from '../../../machinery/validation.js';

const event = (): Event => ({
  metadata: { name: 'web.17a', namespace: 'default' },
  eventTime: '2024-01-01T00:00:00.000000Z',
  reportingController: 'kubernetes.io/kubelet',
  reportingInstance: 'kubelet-node-1',
  action: 'Pulling',
  reason: 'Pulling',
  regarding: { kind: 'Pod', namespace: 'default', name: 'web', fieldPath: 'spec.containers{web}' },
  note: 'Pulling image "nginx"',
  type: 'Normal',
});

test('an event from the kubelet is valid', () => {
  assert.deepEqual(validateEvent(event()), []);
});

test('events.k8s.io/v1 rules', () => {
  const e = { ...event(), reportingController: '', action: '', type: 'Info', deprecatedCount: 3, series: { count: 1, lastObservedTime: '2024-01-01T00:00:00.000000Z' } };
  assert.deepEqual(validateEvent(e).map(errorString), [
    'reportingController: Required value',
    ...isQualifiedName('').map((m) => `reportingController: Invalid value: "": ${m}`),
    'action: Required value',
    'series.count: Invalid value: "": should be at least 2',
    'type: Invalid value: "": has invalid value: Info',
    'deprecatedCount: Invalid value: "": needs to be unset',
  ]);
  assert.deepEqual(validateEventUpdate({ ...event(), reason: 'Pulled' }, event()).map(errorString), ['reason: Invalid value: "Pulled": field is immutable']);
});

test('printer: the core event columns, from the new fields', () => {
  assert.deepEqual(eventPrinter.columns.map((c) => c.name),
    ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']);
  const now = new Date('2024-01-01T00:01:00Z');
  assert.deepEqual(eventPrinter.row(event(), now),
    ['60s', 'Normal', 'Pulling', 'pod/web', 'spec.containers{web}', 'kubernetes.io/kubelet, kubelet-node-1', 'Pulling image "nginx"', '60s', 1, 'web.17a']);
  const series = { ...event(), series: { count: 4, lastObservedTime: '2024-01-01T00:00:50.000000Z' } };
  const row = eventPrinter.row(series, now);
  assert.equal(row[0], '10s');
  assert.equal(row[8], 4);
  assert.equal(eventResource.selectableFields!(event())['involvedObject.name'], 'web');
});
