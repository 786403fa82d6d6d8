import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepEqual, semanticDeepEqual } from './equality.js';

test('deepEqual: JSON equality, key order and undefined members ignored', () => {
  assert.ok(deepEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }));
  assert.ok(deepEqual({ a: 1, u: undefined }, { a: 1 }));
  assert.ok(!deepEqual({ a: [] }, {}));
  assert.ok(!deepEqual([1, 2], [2, 1]));
  assert.ok(!deepEqual({ a: null }, {}));
  assert.ok(!deepEqual([], {}));
  assert.ok(!deepEqual({ a: 1 }, { a: 1, b: 2 }));
  assert.ok(deepEqual(null, null));
  assert.ok(!deepEqual('1', 1));
});

test('semanticDeepEqual: an empty list equals a missing one, at any depth; objects do not', () => {
  assert.ok(semanticDeepEqual({ a: [], b: { c: [] } }, { b: {} }));
  assert.ok(!semanticDeepEqual({ a: {} }, {}));
  assert.ok(!semanticDeepEqual({ a: [1] }, {}));
  assert.ok(semanticDeepEqual([{ x: [] }], [{}]));
});
