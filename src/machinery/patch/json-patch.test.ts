import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, JsonPatchError, decodePointerToken, encodePointerToken } from './json-patch.js';
import { BadRequestError, StatusError } from '../errors.js';

const pod = () => ({
  metadata: { name: 'web', labels: { app: 'web', 'a/b': 'x', 'c~d': 'y' } },
  spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox' }] },
});

function fails(fn: () => unknown, index: number, message: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof JsonPatchError);
    assert.equal(e.code, 422);
    assert.equal(e.reason, 'Invalid');
    assert.equal(e.operation, index);
    assert.equal(e.message, message);
    return true;
  });
}

test('RFC 6902 operations', () => {
  const out = applyJsonPatch(pod(), [
    { op: 'add', path: '/metadata/labels/tier', value: 'fe' },
    { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.25' },
    { op: 'add', path: '/spec/containers/-', value: { name: 'c' } },
    { op: 'add', path: '/spec/containers/0', value: { name: 'first' } },
    { op: 'remove', path: '/metadata/labels/app' },
    { op: 'copy', from: '/metadata/name', path: '/metadata/labels/name' },
    { op: 'move', from: '/metadata/labels/tier', path: '/metadata/annotations' },
    { op: 'test', path: '/spec/containers/1/image', value: 'nginx:1.25' },
  ]);
  assert.deepEqual(out, {
    metadata: { name: 'web', labels: { 'a/b': 'x', 'c~d': 'y', name: 'web' }, annotations: 'fe' },
    spec: { containers: [{ name: 'first' }, { name: 'a', image: 'nginx:1.25' }, { name: 'b', image: 'busybox' }, { name: 'c' }] },
  });
});

test('pointer escaping', () => {
  assert.equal(decodePointerToken('a~1b'), 'a/b');
  assert.equal(decodePointerToken('c~0d'), 'c~d');
  assert.equal(encodePointerToken('example.com/x~y'), 'example.com~1x~0y');
  const out = applyJsonPatch(pod(), [
    { op: 'remove', path: '/metadata/labels/a~1b' },
    { op: 'replace', path: '/metadata/labels/c~0d', value: 'z' },
  ]);
  assert.deepEqual(out.metadata.labels, { app: 'web', 'c~d': 'z' });
});

test('the input is never mutated and a failure applies nothing', () => {
  const doc = pod();
  const before = structuredClone(doc);
  assert.throws(() => applyJsonPatch(doc, [
    { op: 'add', path: '/metadata/labels/x', value: '1' },
    { op: 'remove', path: '/spec/foo' },
  ]));
  assert.deepEqual(doc, before);
  applyJsonPatch(doc, [{ op: 'add', path: '/metadata/labels/x', value: '1' }]);
  assert.deepEqual(doc, before);
});

test('errors carry upstream text and the failing operation index', () => {
  fails(() => applyJsonPatch(pod(), [{ op: 'test', path: '/metadata/name', value: 'web' }, { op: 'add', path: '/spec/foo/bar', value: 1 }]),
    1, 'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value');
  fails(() => applyJsonPatch(pod(), [{ op: 'remove', path: '/spec/foo' }]),
    0, "error in remove for path: '/spec/foo': Unable to remove nonexistent key: foo: missing value");
  fails(() => applyJsonPatch(pod(), [{ op: 'remove', path: '/spec/x/y' }]),
    0, 'remove operation does not apply: doc is missing path: "/spec/x/y": missing value');
  fails(() => applyJsonPatch(pod(), [{ op: 'remove', path: '/spec/containers/5' }]),
    0, "error in remove for path: '/spec/containers/5': Unable to access invalid index: 5: invalid index referenced");
  fails(() => applyJsonPatch(pod(), [{ op: 'replace', path: '/spec/containers/2', value: {} }]),
    0, 'replace operation does not apply: doc is missing key: /spec/containers/2: missing value');
  fails(() => applyJsonPatch(pod(), [{ op: 'test', path: '/metadata/name', value: 'db' }]),
    0, 'testing value /metadata/name failed: test failed');
  fails(() => applyJsonPatch(pod(), [{ op: 'move', from: '/nope/x', path: '/metadata/y' }]),
    0, 'move operation does not apply: doc is missing from path: /nope/x: missing value');
  fails(() => applyJsonPatch(pod(), [{ op: 'copy', from: '/metadata/name', path: '/a/b' }]),
    0, 'copy operation does not apply: doc is missing destination path: /a/b: missing value');
  fails(() => applyJsonPatch(pod(), [{ op: 'frobnicate', path: '/a' }]), 0, 'Unexpected kind: frobnicate: unknown object type');
});

test('upstream quirks: replace of a missing key adds it, negative indexes count from the end', () => {
  const out = applyJsonPatch(pod(), [
    { op: 'replace', path: '/metadata/labels/new', value: 'v' },
    { op: 'remove', path: '/spec/containers/-1' },
  ]);
  assert.equal((out.metadata.labels as Record<string, string>).new, 'v');
  assert.deepEqual(out.spec.containers.map((c) => c.name), ['a']);
});

test('test on arrays and objects compares deeply; add to an index inserts', () => {
  const out = applyJsonPatch({ a: [1, 2] }, [
    { op: 'test', path: '/a', value: [1, 2] },
    { op: 'add', path: '/a/1', value: 9 },
  ]);
  assert.deepEqual(out, { a: [1, 9, 2] });
});

test('a body that is not a list of operations is a bad request', () => {
  assert.throws(() => applyJsonPatch({}, { op: 'add' }), BadRequestError);
  assert.throws(() => applyJsonPatch({}, ['x']), (e: unknown) => e instanceof StatusError && e.code === 400);
});

test('more than 10000 operations is too large', () => {
  const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 }));
  assert.throws(() => applyJsonPatch({ a: 1 }, ops), (e: unknown) => e instanceof StatusError && e.code === 413 &&
    e.message === 'The allowed maximum operations in a JSON patch is 10000, got 10001');
});
