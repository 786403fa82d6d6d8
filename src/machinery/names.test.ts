import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateName, randomString, safeEncodeString, newUid, NAME_ALPHABET, MAX_GENERATED_NAME_LENGTH } from './names.js';

const suffixRe = new RegExp(`^[${NAME_ALPHABET}]{5}$`);

test('generateName appends five characters from the vowel-free alphabet', () => {
  const n = generateName('web-');
  assert.equal(n.length, 9);
  assert.ok(n.startsWith('web-'));
  assert.match(n.slice(4), suffixRe);
  assert.match(generateName(''), suffixRe);
});

test('generateName keeps at most 58 characters of the base (upstream MaxGeneratedNameLength)', () => {
  assert.equal(MAX_GENERATED_NAME_LENGTH, 58);
  const base = 'a'.repeat(70);
  const n = generateName(base);
  assert.equal(n.length, 63);
  assert.equal(n.slice(0, 58), 'a'.repeat(58));
  assert.match(n.slice(58), suffixRe);
  assert.equal(generateName('b'.repeat(58)).length, 63);
});

test('names are random', () => {
  const seen = new Set(Array.from({ length: 200 }, () => generateName('x-')));
  assert.ok(seen.size > 190);
  for (const c of randomString(500)) assert.ok(NAME_ALPHABET.includes(c));
  assert.equal(randomString(0), '');
});

test('safeEncodeString maps each character code modulo 27 onto the alphabet', () => {
  // digits are what pod-template-hash encodes: '0' is 48, 48 % 27 = 21 → '4'
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  assert.equal(safeEncodeString('3344778899'), '7788ccddff');
  assert.equal(safeEncodeString('a'), 'v'); // 97 % 27 = 16
  assert.equal(safeEncodeString(''), '');
});

test('newUid returns distinct v4 UUIDs', () => {
  const a = newUid();
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, newUid());
});
