import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strategicMergePatch } from './strategic.js';
import { BadRequestError } from '../errors.js';
import { Deployment, Pod } from './test-fixtures.js';

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' }, finalizers: ['a', 'b'] },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] },
    ],
    tolerations: [{ key: 'x', operator: 'Exists' }],
    volumes: [{ name: 'data', emptyDir: {} }],
  },
});

const names = (o: { spec: { containers: { name: string }[] } }) => o.spec.containers.map((c) => c.name);

test('keyed lists merge element by element', () => {
  const out = strategicMergePatch(pod(), { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 443 }] }] } }, Pod);
  assert.deepEqual(out.spec.containers[0], {
    name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 443 }, { containerPort: 80 }],
    env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
  });
  assert.deepEqual(out.spec.containers[1], pod().spec.containers[1]);
});

test('new elements come before the server-only ones, as upstream orders them', () => {
  // The kubectl patch docs example: a patch adding patch-demo-ctr-2 lists it first.
  const out = strategicMergePatch(pod(), { spec: { containers: [{ name: 'redis', image: 'redis' }] } }, Pod);
  assert.deepEqual(names(out), ['redis', 'nginx', 'sidecar']);
  // Items the patch names keep the patch order; server-only items keep theirs around them.
  const out2 = strategicMergePatch(pod(), { spec: { containers: [{ name: 'sidecar', image: 'x' }, { name: 'new' }] } }, Pod);
  assert.deepEqual(names(out2), ['nginx', 'sidecar', 'new']);
});

test('$patch: delete and $patch: replace in lists', () => {
  const del = strategicMergePatch(pod(), { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } }, Pod);
  assert.deepEqual(names(del), ['nginx']);
  const delEnv = strategicMergePatch(pod(), { spec: { containers: [{ name: 'nginx', env: [{ name: 'A', $patch: 'delete' }] }] } }, Pod);
  assert.deepEqual(delEnv.spec.containers[0].env, [{ name: 'B', value: '2' }]);
  const rep = strategicMergePatch(pod(), { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } }, Pod);
  assert.deepEqual(rep.spec.containers, [{ name: 'only', image: 'x' }]);
});

test('$patch on maps: replace, delete, merge', () => {
  const rep = strategicMergePatch(pod(), { metadata: { labels: { $patch: 'replace', env: 'prod' } } }, Pod);
  assert.deepEqual(rep.metadata.labels, { env: 'prod' });
  const del = strategicMergePatch(pod(), { metadata: { labels: { $patch: 'delete' } } }, Pod);
  assert.deepEqual(del.metadata.labels, {});
  const merge = strategicMergePatch(pod(), { metadata: { labels: { $patch: 'merge', env: 'prod' } } }, Pod);
  assert.deepEqual(merge.metadata.labels, { app: 'web', tier: 'fe', env: 'prod' });
});

test('maps merge and null deletes', () => {
  const out = strategicMergePatch(pod(), { metadata: { labels: { tier: null, env: 'prod' } }, spec: { tolerations: null } }, Pod);
  assert.deepEqual(out.metadata.labels, { app: 'web', env: 'prod' });
  assert.equal('tolerations' in out.spec, false);
  // nulls for fields that are not there vanish, also inside newly added values
  const out2 = strategicMergePatch(pod(), { spec: { nodeSelector: { disk: 'ssd', gone: null } }, metadata: { annotations: null } }, Pod);
  assert.deepEqual((out2.spec as Record<string, unknown>).nodeSelector, { disk: 'ssd' });
  assert.equal('annotations' in out2.metadata, false);
});

test('lists without a strategy are replaced; scalars are replaced', () => {
  const out = strategicMergePatch(pod(), { spec: { tolerations: [{ key: 'y', operator: 'Exists' }], containers: [{ name: 'sidecar', command: ['true'] }] } }, Pod);
  assert.deepEqual(out.spec.tolerations, [{ key: 'y', operator: 'Exists' }]);
  assert.deepEqual(out.spec.containers[1].command, ['true']);
});

test('primitive merge lists take the union; $deleteFromPrimitiveList removes', () => {
  const out = strategicMergePatch(pod(), { metadata: { finalizers: ['b', 'c'] } }, Pod);
  assert.deepEqual(out.metadata.finalizers, ['a', 'b', 'c']);
  const out2 = strategicMergePatch(pod(), { metadata: { finalizers: ['c'] } }, Pod);
  assert.deepEqual(out2.metadata.finalizers, ['c', 'a', 'b']);
  const del = strategicMergePatch(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a', 'zz'] } }, Pod);
  assert.deepEqual(del.metadata.finalizers, ['b']);
  const none = strategicMergePatch({ metadata: {} }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, Pod);
  assert.deepEqual(none, { metadata: {} });
});

test('$setElementOrder reorders the merged list', () => {
  const out = strategicMergePatch(pod(), {
    spec: {
      '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }],
      containers: [{ name: 'nginx', image: 'nginx:2' }],
    },
  }, Pod);
  assert.deepEqual(names(out), ['sidecar', 'nginx']);
  assert.equal(out.spec.containers[1].image, 'nginx:2');
  const fin = strategicMergePatch(pod(), { metadata: { '$setElementOrder/finalizers': ['b', 'c', 'a'], finalizers: ['c'] } }, Pod);
  assert.deepEqual(fin.metadata.finalizers, ['b', 'c', 'a']);
});

test('$retainKeys clears the fields it does not list', () => {
  const dep = {
    spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
  };
  const out = strategicMergePatch(dep, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, Deployment);
  assert.deepEqual(out.spec.strategy, { type: 'Recreate' });
  // a new volume source replaces the old one when the volume lists its kept keys
  const vol = strategicMergePatch(pod(), { spec: { volumes: [{ name: 'data', $retainKeys: ['hostPath', 'name'], hostPath: { path: '/d' } }] } }, Pod);
  assert.deepEqual(vol.spec.volumes, [{ name: 'data', hostPath: { path: '/d' } }]);
});

test('unknown fields: lists replace, maps merge, directives do not leak into stored values', () => {
  const doc = { spec: { extra: { a: 1, list: [1, 2] } } };
  const out = strategicMergePatch(doc, { spec: { extra: { b: 2, list: [3] } } }, Pod);
  assert.deepEqual(out, { spec: { extra: { a: 1, b: 2, list: [3] } } });
  const noSchema = strategicMergePatch({ a: { b: [1] } }, { a: { c: { $patch: 'replace', d: 1 } } }, undefined);
  assert.deepEqual(noSchema, { a: { b: [1], c: { d: 1 } } });
  const added = strategicMergePatch({ spec: {} }, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, Deployment);
  assert.deepEqual(added, { spec: { strategy: { type: 'Recreate' } } });
});

test('inputs are not mutated', () => {
  const doc = pod();
  const patch = { metadata: { labels: { app: null } }, spec: { containers: [{ name: 'nginx', $patch: 'delete' }] } };
  const before = structuredClone({ doc, patch });
  strategicMergePatch(doc, patch, Pod);
  assert.deepEqual({ doc, patch }, before);
});

function badRequest(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof BadRequestError);
    assert.equal(e.code, 400);
    assert.equal(e.message, message);
    return true;
  });
}

test('malformed directives are bad requests naming the field', () => {
  badRequest(() => strategicMergePatch(pod(), { metadata: { labels: { $patch: 'frob' } } }, Pod),
    'metadata.labels: unknown patch type: frob in map: map[$patch:frob]');
  badRequest(() => strategicMergePatch(pod(), { spec: { containers: [{ image: 'x' }] } }, Pod),
    'spec.containers: map: map[image:x] does not contain declared merge key: name');
  badRequest(() => strategicMergePatch(pod(), { spec: { containers: [{ name: 'nginx', $patch: 'merge' }] } }, Pod),
    'spec.containers: merging lists cannot yet be specified in the patch');
  badRequest(() => strategicMergePatch(pod(), { spec: { '$setElementOrder/containers': 'x' } }, Pod),
    'spec.containers: invalid patch format of setElementOrder list');
  badRequest(() => strategicMergePatch(pod(), { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ name: 'sidecar' }, { name: 'nginx' }] } }, Pod),
    'spec.containers: The order in patch list:\n[{"name":"sidecar"},{"name":"nginx"}]\n doesn\'t match $setElementOrder list:\n[{"name":"nginx"}]\n');
  badRequest(() => strategicMergePatch({ spec: { strategy: { type: 'Recreate' } } }, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, Deployment),
    'spec.strategy: invalid patch format of retainKeys');
  badRequest(() => strategicMergePatch(pod(), { metadata: { $deleteFromPrimitiveList: ['a'] } }, Pod),
    'metadata: invalid patch format of primitive list');
  badRequest(() => strategicMergePatch(pod(), ['x'], Pod), 'expected a map[string]interface {}, but received a []interface {}');
});
