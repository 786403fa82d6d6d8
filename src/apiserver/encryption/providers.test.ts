import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecipheriv, randomBytes } from 'node:crypto';
import { aescbcTransformer, aesgcmTransformer, identityTransformer, secretboxTransformer, TransformerChain } from './providers.js';
import { secretboxOpen } from './secretbox.js';

const KEY = '/registry/secrets/default/s1';
const plain = Buffer.from('{"kind":"Secret","data":{"password":"aHVudGVyMg=="}}');

test('aescbc: IV then AES-CBC with PKCS#7, readable by plain AES-256-CBC', () => {
  const k = randomBytes(32);
  const t = aescbcTransformer('key1', k);
  assert.equal(t.prefix, 'k8s:enc:aescbc:v1:key1:');
  const sealed = Buffer.from(t.seal(plain, KEY));
  assert.equal(sealed.length, 16 + Math.ceil((plain.length + 1) / 16) * 16);
  const d = createDecipheriv('aes-256-cbc', k, sealed.subarray(0, 16));
  assert.deepEqual(Buffer.concat([d.update(sealed.subarray(16)), d.final()]), plain);
  assert.deepEqual(Buffer.from(t.open(sealed, KEY)), plain);
  assert.notDeepEqual(Buffer.from(t.seal(plain, KEY)), sealed, 'a fresh IV each time');
  assert.throws(() => t.open(sealed.subarray(0, 10), KEY), /the stored data was shorter than the required size/);
  assert.throws(() => t.open(sealed.subarray(0, sealed.length - 3), KEY), /the stored data is not a multiple of the block size/);
  assert.throws(() => t.open(sealed.subarray(0, 16), KEY), /invalid PKCS7 data \(empty or not padded\)/);
  assert.throws(() => aescbcTransformer('key1', randomBytes(32)).open(sealed, KEY), /invalid padding on input|bad decrypt/);
});

test('aesgcm: 12-byte nonce, ciphertext, tag; the storage key is authenticated', () => {
  const k = randomBytes(32);
  const t = aesgcmTransformer('k', k);
  assert.equal(t.prefix, 'k8s:enc:aesgcm:v1:k:');
  const sealed = Buffer.from(t.seal(plain, KEY));
  assert.equal(sealed.length, 12 + plain.length + 16);
  assert.deepEqual(Buffer.from(t.open(sealed, KEY)), plain);
  // moved to another key (copying one Secret's ciphertext over another's) does not open
  assert.throws(() => t.open(sealed, '/registry/secrets/default/other'), /cipher: message authentication failed/);
  const bad = Buffer.from(sealed);
  bad[20] ^= 1;
  assert.throws(() => t.open(bad, KEY), /message authentication failed/);
  assert.deepEqual(Buffer.from(aesgcmTransformer('k16', randomBytes(16)).seal(plain, KEY)).length, sealed.length);
});

test('secretbox: 24-byte nonce then NaCl secretbox', () => {
  const k = randomBytes(32);
  const t = secretboxTransformer('sb', k);
  assert.equal(t.prefix, 'k8s:enc:secretbox:v1:sb:');
  const sealed = Buffer.from(t.seal(plain, KEY));
  assert.equal(sealed.length, 24 + 16 + plain.length);
  assert.deepEqual(Buffer.from(secretboxOpen(sealed.subarray(24), sealed.subarray(0, 24), k)!), plain);
  assert.deepEqual(Buffer.from(t.open(sealed, KEY)), plain);
  assert.throws(() => secretboxTransformer('sb', randomBytes(32)).open(sealed, KEY), /output array was not large enough for encryption/);
});

test('a chain writes with its first key, reads with any matching prefix and marks those reads stale', () => {
  const k1 = aescbcTransformer('key1', randomBytes(32));
  const k2 = aescbcTransformer('key2', randomBytes(32));
  const old = new TransformerChain([k1]);
  const rotated = new TransformerChain([k2, k1]);
  const v1 = old.write(plain, KEY);
  assert.ok(Buffer.from(v1).toString('latin1').startsWith('k8s:enc:aescbc:v1:key1:'));
  assert.deepEqual(rotated.read(v1, KEY), { value: plain, stale: true });
  const v2 = rotated.write(plain, KEY);
  assert.ok(Buffer.from(v2).toString('latin1').startsWith('k8s:enc:aescbc:v1:key2:'));
  assert.equal(rotated.read(v2, KEY).stale, false);
  // identity: plaintext written as is; reads plaintext, leaves encrypted data to the others
  const decrypting = new TransformerChain([identityTransformer(), k2]);
  assert.deepEqual(Buffer.from(decrypting.write(plain, KEY)), plain);
  assert.deepEqual(decrypting.read(v2, KEY), { value: plain, stale: true });
  assert.deepEqual(decrypting.read(plain, KEY), { value: plain, stale: false });
  // plaintext with no identity provider, or a key no longer configured
  assert.throws(() => old.read(plain, KEY), /no matching prefix found/);
  assert.throws(() => old.read(v2, KEY), /no matching prefix found/);
  assert.throws(() => new TransformerChain([identityTransformer()]).read(v1, KEY), /no matching prefix found/);
});
