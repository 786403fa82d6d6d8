import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { type Event, defaultEvent, eventPrinter, eventResource, validateEvent } from './event.js';
import { bindingResource, validateBinding } from './binding.js';
import { componentStatusPrinter, componentStatusResource } from './component-status.js';

const now = new Date('2024-01-01T01:00:00Z');
const event = (e: Partial<Event>): Event => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.17a', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', fieldPath: 'spec.containers{app}' }, ...e,
});

test('a kubelet-style event is valid and gets the always-present reporting fields', () => {
  const e = event({ reason: 'Pulled', message: 'pulled image', type: 'Normal', source: { component: 'kubelet', host: 'node-1' } });
  defaultEvent(e);
  assert.equal(e.reportingComponent, '');
  assert.equal(e.reportingInstance, '');
  assert.deepEqual(e.source, { component: 'kubelet', host: 'node-1' });
  const bare = event({});
  defaultEvent(bare);
  assert.deepEqual(bare.source, {});
  assert.deepEqual(validateEvent(e), []);
});

test('the involved object\'s namespace must match the event\'s', () => {
  const e = event({ involvedObject: { kind: 'Pod', namespace: 'other', name: 'web' } });
  assert.deepEqual(validateEvent(e).map(errorString), ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
  const cluster = event({ involvedObject: { kind: 'Node', name: 'node-1' } });
  cluster.metadata!.namespace = 'team-a';
  assert.deepEqual(validateEvent(cluster).map(errorString), ['involvedObject.namespace: Invalid value: "": does not match event.namespace']);
});

test('events with eventTime need the reporting fields, action and reason', () => {
  const e = event({ eventTime: '2024-01-01T00:00:00.000000Z' });
  defaultEvent(e);
  const m = validateEvent(e).map(errorString);
  for (const want of [
    'reportingController: Required value',
    'reportingInstance: Required value',
    'action: Required value',
    'reason: Required value',
  ]) assert.ok(m.includes(want), want);
  assert.ok(m.every((x) => x.startsWith('reporting') || x.startsWith('action') || x.startsWith('reason')));
});

test('printer: wide columns in upstream order, counts and sources', () => {
  assert.deepEqual(eventPrinter.columns.map((c) => [c.name, c.priority]), [
    ['Last Seen', 0], ['Type', 0], ['Reason', 0], ['Object', 0], ['Subobject', 1], ['Source', 1], ['Message', 0],
    ['First Seen', 1], ['Count', 1], ['Name', 1],
  ]);
  const e = event({
    reason: 'BackOff', message: ' Back-off restarting failed container \n', type: 'Warning', count: 7,
    firstTimestamp: '2024-01-01T00:00:00Z', lastTimestamp: '2024-01-01T00:55:00Z', source: { component: 'kubelet', host: 'node-1' },
  });
  assert.deepEqual(eventPrinter.row(e, now), [
    '5m', 'Warning', 'BackOff', 'pod/web', 'spec.containers{app}', 'kubelet, node-1', 'Back-off restarting failed container', '60m', 7, 'web.17a',
  ]);
  const modern = event({ eventTime: '2024-01-01T00:59:30.000000Z', reportingComponent: 'default-scheduler', reportingInstance: '', reason: 'Scheduled', type: 'Normal' });
  const row = eventPrinter.row(modern, now);
  assert.deepEqual([row[0], row[5], row[7], row[8]], ['30s', 'default-scheduler', '30s', 1]);
  assert.equal(eventResource.selectableFields?.(modern).source, 'default-scheduler');
});

test('Binding: target must be a named Node; create only, not stored', () => {
  assert.deepEqual(validateBinding({ target: { kind: 'Pod' } }).map(errorString), [
    'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"',
    'target.name: Required value',
  ]);
  assert.deepEqual(validateBinding({ target: { name: 'node-1' } }), []);
  assert.deepEqual(bindingResource.verbs, ['create']);
  assert.equal(bindingResource.virtual, true);
});

test('ComponentStatus printer', () => {
  assert.deepEqual(componentStatusPrinter.row({ metadata: { name: 'etcd-0' }, conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] }, now),
    ['etcd-0', 'Healthy', 'ok', '']);
  assert.deepEqual(componentStatusPrinter.row({ metadata: { name: 'scheduler' } }, now), ['scheduler', 'Unknown', '', '']);
  assert.deepEqual(componentStatusResource.verbs, ['get', 'list']);
});
