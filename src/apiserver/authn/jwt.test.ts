import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { keyIdOf, parseJwt, signJwt, verifyJwt } from './jwt.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

test('RS256 tokens round-trip and carry the kid derived from the public key', () => {
  const kid = keyIdOf(publicKey);
  assert.equal(kid, createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url'));
  assert.equal(keyIdOf(privateKey), kid);
  const tok = signJwt({ sub: 'x', n: 1 }, privateKey, kid);
  assert.doesNotMatch(tok, /[=+/]/);
  const jwt = parseJwt(tok);
  assert.ok(jwt);
  assert.deepEqual(jwt.header, { alg: 'RS256', kid });
  assert.deepEqual(jwt.claims, { sub: 'x', n: 1 });
  assert.equal(verifyJwt(jwt, [other.publicKey, createPublicKey(privateKey)]), true);
  assert.equal(verifyJwt(jwt, [other.publicKey]), false);
});

test('forged tokens fail: changed payload, alg none, HS256, garbage', () => {
  const tok = signJwt({ sub: 'alice' }, privateKey);
  const [h, , s] = tok.split('.');
  const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url')}.${s}`;
  assert.equal(verifyJwt(parseJwt(forged)!, [publicKey]), false);
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}.`;
  assert.equal(verifyJwt(parseJwt(none)!, [publicKey]), false);
  const hs = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{"sub":"a"}').toString('base64url')}.${s}`;
  assert.equal(verifyJwt(parseJwt(hs)!, [publicKey]), false);
  for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', 'abcdef.0123456789abcdef', '!!.??.xx', `${h}.bm90IGpzb24.${s}`]) {
    assert.equal(parseJwt(bad), undefined, bad);
  }
});
