import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { type ConfigMap, configMapPrinter, validateConfigMap, validateConfigMapUpdate } from './configmap.js';

const cm = (data?: Record<string, string>, binaryData?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, data, binaryData,
});

test('keys must be config keys and not repeat across data and binaryData', () => {
  const c = cm({ 'a b': 'x', '..hidden': 'y', dup: 'z' }, { dup: 'AA==' });
  assert.deepEqual(validateConfigMap(c).map(errorString), [
    `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    `data[..hidden]: Invalid value: "..hidden": must not start with '..'`,
    'data[dup]: Invalid value: "dup": duplicate of key present in binaryData',
  ]);
});

test('the whole ConfigMap may hold at most 1 MiB', () => {
  const c = cm({ big: 'x'.repeat(1024 * 1024), more: 'y' });
  assert.deepEqual(validateConfigMap(c).map(errorString), ['[]: Too long: may not be more than 1048576 bytes']);
  assert.deepEqual(validateConfigMap(cm({ big: 'x'.repeat(1024 * 1024) })), []);
});

test('immutable ConfigMaps keep their data', () => {
  const old = cm({ a: '1' });
  old.immutable = true;
  const next = cm({ a: '2' });
  assert.deepEqual(validateConfigMapUpdate(next, old).map(errorString), [
    'immutable: Forbidden: field is immutable when `immutable` is set',
    'data: Forbidden: field is immutable when `immutable` is set',
  ]);
  const same = cm({ a: '1' });
  same.immutable = true;
  same.metadata!.labels = { x: 'y' };
  assert.deepEqual(validateConfigMapUpdate(same, old), []);
});

test('printer counts data and binaryData', () => {
  assert.deepEqual(configMapPrinter.columns.map((c) => c.name), ['Name', 'Data', 'Age']);
  assert.deepEqual(configMapPrinter.row(cm({ a: '1', b: '2' }, { c: 'AA==' }), new Date('2024-01-01T00:00:30Z')), ['cfg', 3, '30s']);
});
