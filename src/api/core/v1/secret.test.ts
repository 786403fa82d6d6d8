import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { type Secret, defaultSecret, secretPrinter, secretResource, validateSecret, validateSecretUpdate } from './secret.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const secret = (s: Partial<Secret>): Secret => ({
  apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, ...s,
});

test('defaults: type Opaque, stringData folded into data', () => {
  const s = secret({ data: { a: b64('old'), b: b64('keep') }, stringData: { a: 'new' } });
  defaultSecret(s);
  assert.deepEqual(s, secret({ type: 'Opaque', data: { a: b64('new'), b: b64('keep') } }));
});

test('typed secrets need their keys', () => {
  const sa = secret({ type: 'kubernetes.io/service-account-token' });
  assert.deepEqual(validateSecret(sa).map(errorString), ['metadata.annotations[kubernetes.io/service-account.name]: Required value']);
  const dj = secret({ type: 'kubernetes.io/dockerconfigjson', data: {} });
  assert.deepEqual(validateSecret(dj).map(errorString), ['data[.dockerconfigjson]: Required value']);
  const bad = secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('hello') } });
  assert.deepEqual(validateSecret(bad).map(errorString), [
    `data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'h' looking for beginning of value`,
  ]);
  const tls = secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64('x') } });
  assert.deepEqual(validateSecret(tls).map(errorString), ['data[tls.key]: Required value']);
  const basic = secret({ type: 'kubernetes.io/basic-auth', data: {} });
  assert.deepEqual(validateSecret(basic).map(errorString), ['data[username]: Required value', 'data[password]: Required value']);
});

test('size limit counts decoded bytes', () => {
  const s = secret({ type: 'Opaque', data: { a: Buffer.alloc(1024 * 1024 + 1).toString('base64') } });
  assert.deepEqual(validateSecret(s).map(errorString), ['data: Too long: may not be more than 1048576 bytes']);
});

test('type is immutable and immutable secrets keep their data', () => {
  const old = secret({ type: 'Opaque', immutable: true, data: { a: b64('1') } });
  const next = secret({ type: 'kubernetes.io/tls', immutable: true, data: { 'tls.crt': b64('c'), 'tls.key': b64('k') } });
  assert.deepEqual(validateSecretUpdate(next, old).map(errorString), [
    'type: Invalid value: "kubernetes.io/tls": field is immutable',
    'data: Forbidden: field is immutable when `immutable` is set',
  ]);
});

test('printer and field selector', () => {
  const s = secret({ type: 'Opaque', data: { a: b64('1'), b: b64('2') } });
  assert.deepEqual(secretPrinter.columns.map((c) => c.name), ['Name', 'Type', 'Data', 'Age']);
  assert.deepEqual(secretPrinter.row(s, new Date('2024-01-01T01:00:00Z')), ['s', 'Opaque', 2, '60m']);
  assert.deepEqual(secretResource.selectableFields?.(s), { type: 'Opaque' });
});
