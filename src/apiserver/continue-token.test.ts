import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTINUE_EXPIRED_MESSAGE, continueExpired, decodeContinue, encodeContinue } from './continue-token.js';

test('continue tokens carry the revision and the key after the prefix, as upstream encodes them', () => {
  const tok = encodeContinue(42, '/registry/pods/default/web', '/registry/pods/');
  assert.deepEqual(JSON.parse(Buffer.from(tok, 'base64').toString()), { v: 'meta.k8s.io/v1', rv: 42, start: 'default/web\u0000' });
  assert.deepEqual(decodeContinue(tok), { rv: 42, after: 'default/web' });
});

test('malformed and traversing tokens are 400', () => {
  for (const bad of ['!!!', Buffer.from('{"v":"x","rv":1,"start":"a"}').toString('base64'),
    Buffer.from('{"v":"meta.k8s.io/v1","rv":0,"start":"a"}').toString('base64'),
    Buffer.from('{"v":"meta.k8s.io/v1","rv":3,"start":"../secrets/x"}').toString('base64')]) {
    assert.throws(() => decodeContinue(bad), (e: Error & { code?: number }) => e.code === 400, bad);
  }
});

test('an expired token is 410 Expired', () => {
  const e = continueExpired();
  assert.equal(e.code, 410);
  assert.equal(e.reason, 'Expired');
  assert.equal(e.message, CONTINUE_EXPIRED_MESSAGE);
});
