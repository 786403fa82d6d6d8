import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMergePatch, createMergePatch } from './merge-patch.js';

test('RFC 7386 appendix A examples', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [doc, patch, want] of cases) {
    assert.deepEqual(applyMergePatch(doc, patch), want, JSON.stringify({ doc, patch }));
  }
});

test('merge patch on an object: labels merge, lists replace, inputs untouched', () => {
  const doc = { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
  const patch = { metadata: { labels: { tier: null, env: 'prod' } }, spec: { containers: [{ name: 'c' }] } };
  const before = structuredClone({ doc, patch });
  assert.deepEqual(applyMergePatch(doc, patch), {
    metadata: { labels: { app: 'web', env: 'prod' } }, spec: { containers: [{ name: 'c' }] },
  });
  assert.deepEqual({ doc, patch }, before);
});

test('createMergePatch produces the minimal patch that round-trips', () => {
  const original = { metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } }, spec: { replicas: 1, ports: [80] } };
  const modified = { metadata: { name: 'web', labels: { app: 'web', env: 'prod' } }, spec: { replicas: 1, ports: [80, 443] } };
  const patch = createMergePatch(original, modified);
  assert.deepEqual(patch, { metadata: { labels: { env: 'prod', tier: null } }, spec: { ports: [80, 443] } });
  assert.deepEqual(applyMergePatch(original, patch), modified);
  assert.deepEqual(createMergePatch(original, structuredClone(original)), {});
  assert.deepEqual(createMergePatch({ a: { b: 1 } }, { a: 'x' }), { a: 'x' });
  assert.deepEqual(createMergePatch({ a: 1 }, {}), { a: null });
});

test('a "__proto__" key (legal in ConfigMap data) is an ordinary key everywhere', async () => {
  const { strategicMergePatch } = await import('./strategic.js');
  const { applyJsonPatch } = await import('./json-patch.js');
  const { applyPatch } = await import('./apply.js');
  const doc = JSON.parse('{"data":{"__proto__":"a","x":"1"}}');
  const patch = JSON.parse('{"data":{"__proto__":"b"}}');
  for (const out of [applyMergePatch(doc, patch), strategicMergePatch(doc, patch, undefined)]) {
    assert.equal(Object.getPrototypeOf(out.data), Object.prototype);
    assert.equal(JSON.stringify(out), '{"data":{"__proto__":"b","x":"1"}}');
  }
  const added = applyJsonPatch({ data: {} }, [{ op: 'add', path: '/data/__proto__', value: 'c' }]);
  assert.equal(JSON.stringify(added), '{"data":{"__proto__":"c"}}');
  assert.equal(JSON.stringify(createMergePatch({ data: {} }, doc)), '{"data":{"__proto__":"a","x":"1"}}');
  const applied = applyPatch(undefined, JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","data":{"__proto__":"z"}}'), 'm', undefined);
  assert.equal(JSON.stringify(applied.data), '{"__proto__":"z"}');
});
