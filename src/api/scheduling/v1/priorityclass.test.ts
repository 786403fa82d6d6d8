import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultPriorityClass, priorityClassPrinter, validatePriorityClass, validatePriorityClassUpdate, type PriorityClass,
} from './priorityclass.js';
import { errorString } from '../../../machinery/field-errors.js';

test('defaults preemptionPolicy to PreemptLowerPriority', () => {
  const pc: PriorityClass = { metadata: { name: 'high' }, value: 1000000 };
  defaultPriorityClass(pc);
  assert.equal(pc.preemptionPolicy, 'PreemptLowerPriority');
  assert.deepEqual(validatePriorityClass(pc), []);
});

test('system- names and the user priority ceiling', () => {
  assert.deepEqual(validatePriorityClass({ metadata: { name: 'system-node-critical' }, value: 2000001000 }), []);
  assert.deepEqual(validatePriorityClass({ metadata: { name: 'system-mine' }, value: 1 }).map(errorString), [
    "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
  ]);
  assert.deepEqual(validatePriorityClass({ metadata: { name: 'huge' }, value: 1000000001 }).map(errorString),
    ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
  const old: PriorityClass = { metadata: { name: 'p' }, value: 1, preemptionPolicy: 'Never' };
  assert.deepEqual(validatePriorityClassUpdate({ metadata: { name: 'p' }, value: 2, preemptionPolicy: 'PreemptLowerPriority' }, old).map(errorString), [
    'value: Forbidden: may not be changed in an update.',
    'preemptionPolicy: Invalid value: "PreemptLowerPriority": field is immutable',
  ]);
});

test('printer: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY', () => {
  assert.deepEqual(priorityClassPrinter.columns.map((c) => c.name), ['Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
  const pc: PriorityClass = { metadata: { name: 'system-cluster-critical', creationTimestamp: '2024-01-01T00:00:00Z' }, value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' };
  assert.deepEqual(priorityClassPrinter.row(pc, new Date('2024-01-01T01:00:00Z')), ['system-cluster-critical', 2000000000, false, '60m', 'PreemptLowerPriority']);
});
