import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertBodyDepth, assertObjectDepth, MAX_BODY_DEPTH, MAX_NESTING_DEPTH, tooDeep } from './nesting.js';

/** depth levels of objects, every third one an array */
function nested(depth: number): { x?: unknown } {
  let v: unknown = 1;
  for (let i = depth; i > 0; i--) v = i % 3 ? { x: v } : [v];
  return v as { x?: unknown };
}

test('tooDeep counts objects and arrays, the outermost as 1, and names the bracket past the bound', () => {
  assert.equal(tooDeep(1, 0), undefined);
  assert.equal(tooDeep({}, 1), undefined);
  assert.equal(tooDeep({ a: [] }, 1), '[');
  assert.equal(tooDeep([{ a: 1 }], 1), '{');
  assert.equal(tooDeep(nested(MAX_NESTING_DEPTH)), undefined);
  assert.ok(tooDeep(nested(MAX_NESTING_DEPTH + 1)));
});

test('tooDeep is iterative and stops on cycles', () => {
  assert.equal(tooDeep(nested(200_000)), '['); // level 501 is an array
  assert.equal(tooDeep(nested(200_000), 501), '{'); // level 502 an object
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(tooDeep(cyclic), '{');
});

const refusedWith = (bracket: string) => (e: Error & { code?: number }) => {
  assert.equal(e.code, 400);
  assert.equal(e.message, `invalid character '${bracket}' exceeded max depth`);
  return true;
};

test('a body may nest MAX_BODY_DEPTH levels; past that it is 400 in Go json decoder words', () => {
  assertBodyDepth(nested(MAX_BODY_DEPTH));
  assert.throws(() => assertBodyDepth({ a: nested(MAX_BODY_DEPTH) }), refusedWith('{'));
});

test('an object may nest MAX_NESTING_DEPTH levels, its managed fields five more', () => {
  const managed = (depth: number) => [{ manager: 'm', fieldsV1: nested(depth - 4) }]; // below the object, metadata, the list and its entry
  const obj = (depth: number, fieldsDepth: number) => ({ metadata: { name: 'x', managedFields: managed(fieldsDepth) }, data: nested(depth - 1) });
  assertObjectDepth(obj(MAX_NESTING_DEPTH, MAX_NESTING_DEPTH + 5));
  assert.throws(() => assertObjectDepth(obj(MAX_NESTING_DEPTH + 1, 10)), refusedWith('{'));
  assert.throws(() => assertObjectDepth(obj(10, MAX_NESTING_DEPTH + 6)), refusedWith('{'));
  const bare = { data: nested(MAX_NESTING_DEPTH - 1) };
  assertObjectDepth(bare);
});
