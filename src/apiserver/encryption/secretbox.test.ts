// Known-answer vectors: NaCl's core1 (HSalsa20) and stream (XSalsa20) tests, RFC 8439's
// Poly1305 example, and Go's x/crypto secretbox vector (made with the C NaCl); all of them
// also reproduced with libsodium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { hsalsa20, poly1305, secretboxOpen, secretboxSeal, xsalsa20Xor } from './secretbox.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const FIRSTKEY = hex('1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389');
const NONCE = hex('69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37');

test('HSalsa20: NaCl core1 (the shared key of the box example is firstkey)', () => {
  const shared = hex('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
  assert.deepEqual(hsalsa20(shared, new Uint8Array(16)), FIRSTKEY);
});

test('XSalsa20: NaCl stream test (SHA-256 of 4 MiB of key stream)', () => {
  const stream = xsalsa20Xor(FIRSTKEY, NONCE, new Uint8Array(4194304));
  assert.equal(createHash('sha256').update(stream).digest('hex'), '662b9d0e3463029156069b12f918691a98f7dfb2ca0393c96bbfc6b1fbd630a2');
  assert.equal(Buffer.from(stream.subarray(0, 8)).toString('hex'), 'eea6a7251c1e7291');
});

test('Poly1305: RFC 8439 section 2.5.2', () => {
  const key = hex('85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b');
  assert.equal(Buffer.from(poly1305(key, Buffer.from('Cryptographic Forum Research Group'))).toString('hex'), 'a8061dc1305136c6c22b8baf0c0127a9');
});

test('secretbox: Go x/crypto vector, empty message, open and tamper detection', () => {
  const box = secretboxSeal(new Uint8Array(64).fill(3), new Uint8Array(24).fill(2), new Uint8Array(32).fill(1));
  assert.equal(Buffer.from(box).toString('hex'),
    '8442bc313f4626f1359e3b50122b6ce6fe66ddfe7d39d14e637eb4fd5b45beadab55198df6ab5368439792a23c87db70acb6156dc5ef957ac04f6276cf6093b84be77ff0849cc33e34b7254d5a8f65ad');
  assert.equal(Buffer.from(secretboxSeal(new Uint8Array(0), NONCE, FIRSTKEY)).toString('hex'), '2539121d8e234e652d651fa4c8cff880');
  for (const n of [0, 1, 15, 16, 17, 63, 64, 65, 1000]) {
    const m = randomBytes(n);
    const k = randomBytes(32);
    const nonce = randomBytes(24);
    const sealed = secretboxSeal(m, nonce, k);
    assert.equal(sealed.length, n + 16);
    assert.deepEqual(Buffer.from(secretboxOpen(sealed, nonce, k)!), m);
    const bad = Uint8Array.from(sealed);
    bad[bad.length - 1] ^= 1;
    assert.equal(secretboxOpen(bad, nonce, k), undefined);
    assert.equal(secretboxOpen(sealed, nonce, randomBytes(32)), undefined);
  }
  assert.equal(secretboxOpen(new Uint8Array(5), NONCE, FIRSTKEY), undefined);
});
