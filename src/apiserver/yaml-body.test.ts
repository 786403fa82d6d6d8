import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BODY_DEPTH } from '../machinery/nesting.js';
import { parseYamlBody } from './yaml-body.js';

const refused = (text: string, message: string) => assert.throws(() => parseYamlBody(text), (e: Error & { code?: number }) => {
  assert.equal(e.code, 400);
  assert.equal(e.message, message);
  return true;
});

test('plain YAML and shared (non-recursive) aliases parse as before', () => {
  assert.deepEqual(parseYamlBody('a: &x {b: [1, 2]}\nc: *x\n'), { a: { b: [1, 2] }, c: { b: [1, 2] } });
  assert.equal(parseYamlBody(''), null);
});

test('an alias inside its own anchor is refused, at any distance', () => {
  refused('data: &d {x: *d}', "error converting YAML to JSON: yaml: anchor 'd' value contains itself");
  refused('a: &top\n  b:\n    - c: [1, *top]\n', "error converting YAML to JSON: yaml: anchor 'top' value contains itself");
  refused('- &s [*s]', "error converting YAML to JSON: yaml: anchor 's' value contains itself");
});

test('nesting is measured before composing, in flow and block style and through aliases', () => {
  const tooDeep = `error converting YAML to JSON: yaml: exceeded max depth of ${MAX_BODY_DEPTH}`;
  // the syntax parser stops within a level of the bound; the composed value is held to it exactly
  refused('['.repeat(MAX_BODY_DEPTH + 2) + ']'.repeat(MAX_BODY_DEPTH + 2), tooDeep);
  refused('['.repeat(MAX_BODY_DEPTH + 1) + ']'.repeat(MAX_BODY_DEPTH + 1), "invalid character '[' exceeded max depth");
  refused('['.repeat(3_000_000), tooDeep);
  refused('- '.repeat(MAX_BODY_DEPTH + 2) + 'x', tooDeep);
  const block = Array.from({ length: MAX_BODY_DEPTH + 2 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
  refused(`${block} 1`, tooDeep);
  assert.ok(parseYamlBody('['.repeat(MAX_BODY_DEPTH) + ']'.repeat(MAX_BODY_DEPTH)));
  // each level alone is within the bound; the alias puts one inside the other
  const half = MAX_BODY_DEPTH / 2 + 1;
  const twice = `a: &a ${'['.repeat(half)}${']'.repeat(half)}\nb: ${'['.repeat(half)}*a${']'.repeat(half)}\n`;
  refused(twice, "invalid character '[' exceeded max depth");
});

test('the library\'s own refusals stay 400: bad syntax and excessive aliasing', () => {
  assert.throws(() => parseYamlBody('a: [1'), (e: Error & { code?: number }) => e.code === 400 && e.message.startsWith('error converting YAML to JSON: '));
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) laughs.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
  assert.throws(() => parseYamlBody(laughs.join('\n')), (e: Error & { code?: number }) => e.code === 400);
});
