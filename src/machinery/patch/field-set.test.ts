import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromFieldsV1, toFieldsV1, members, pathString, keyPE, valuePE, union, difference, intersection, setOf } from './field-set.js';
import { fieldSetOf, compareObjects } from './field-walk.js';
import { Deployment } from './test-fixtures.js';

const example = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {} } } },
};

test('FieldsV1 reads and writes the same trie', () => {
  const set = fromFieldsV1(example);
  assert.deepEqual(members(set).map(pathString), [
    '.metadata.labels.app',
    '.spec.containers[name="nginx"]',
    '.spec.containers[name="nginx"].image',
  ]);
  assert.deepEqual(toFieldsV1(set), example);
  assert.equal(JSON.stringify(toFieldsV1(set)), JSON.stringify(example));
});

test('path elements print as upstream prints them', () => {
  assert.equal(keyPE({ protocol: 'TCP', containerPort: 80 }), 'k:{"containerPort":80,"protocol":"TCP"}');
  assert.equal(pathString(['f:spec', 'f:ports', keyPE({ protocol: 'TCP', containerPort: 80 }), 'f:name']), '.spec.ports[containerPort=80,protocol="TCP"].name');
  assert.equal(pathString(['f:metadata', 'f:finalizers', valuePE('example.com/x')]), '.metadata.finalizers[="example.com/x"]');
});

test('set algebra works on members', () => {
  const a = setOf([['f:a'], ['f:b', 'f:c']]);
  const b = setOf([['f:b', 'f:c'], ['f:d']]);
  assert.deepEqual(members(union(a, b)).map(pathString), ['.a', '.b.c', '.d']);
  assert.deepEqual(members(difference(a, b)).map(pathString), ['.a']);
  assert.deepEqual(members(intersection(a, b)).map(pathString), ['.b.c']);
});

test('the fields a configuration sets, with keys completed from the merged object', () => {
  const config = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['example.com/a'] },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], command: ['nginx'] }] } },
    },
  };
  const merged = structuredClone(config);
  (merged.spec.template.spec.containers[0].ports[0] as Record<string, unknown>).protocol = 'TCP';
  assert.deepEqual(toFieldsV1(fieldSetOf(config, Deployment, merged)), {
    'f:apiVersion': {},
    'f:kind': {},
    'f:metadata': { 'f:finalizers': { 'v:"example.com/a"': {} }, 'f:labels': { 'f:app': {} }, 'f:name': {} },
    'f:spec': {
      'f:replicas': {},
      'f:selector': {},
      'f:template': {
        'f:spec': {
          'f:containers': {
            'k:{"name":"nginx"}': {
              '.': {}, 'f:command': {}, 'f:image': {}, 'f:name': {},
              'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
            },
          },
        },
      },
    },
  });
});

test('comparing objects finds added, changed and removed fields', () => {
  const a = { spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b' }] } } } };
  const b = { metadata: { labels: { app: 'web' } }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'x', env: [{ name: 'E', value: '1' }] }] } } } };
  const cmp = compareObjects(a, b, Deployment);
  assert.deepEqual(members(cmp.added).map(pathString), [
    '.metadata.labels', '.metadata.labels.app',
    '.spec.template.spec.containers[name="a"].env',
    '.spec.template.spec.containers[name="a"].env[name="E"]',
    '.spec.template.spec.containers[name="a"].env[name="E"].name',
    '.spec.template.spec.containers[name="a"].env[name="E"].value',
  ]);
  assert.deepEqual(members(cmp.modified).map(pathString), ['.spec.replicas']);
  assert.deepEqual(members(cmp.removed).map(pathString), ['.spec.template.spec.containers[name="b"]', '.spec.template.spec.containers[name="b"].name']);
});
