import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultTokenRequest, validateTokenRequest, type TokenRequest } from './types.js';
import { errorString } from '../../../machinery/field-errors.js';

test('TokenRequest defaults to one hour and must last at least ten minutes', () => {
  const tr: TokenRequest = { spec: { audiences: ['https://kubernetes.default.svc'] } };
  defaultTokenRequest(tr);
  assert.equal(tr.spec.expirationSeconds, 3600);
  assert.deepEqual(validateTokenRequest(tr), []);
  assert.deepEqual(validateTokenRequest({ spec: { audiences: [], expirationSeconds: 60 } }).map(errorString),
    ['spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes']);
  assert.deepEqual(validateTokenRequest({ spec: { audiences: [], expirationSeconds: 2 ** 33 } }).map(errorString),
    ['spec.expirationSeconds: Too long: may not specify a duration larger than 2^32 seconds']);
});
