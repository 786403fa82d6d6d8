import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { type ServiceAccount, serviceAccountPrinter, serviceAccountResource, validateServiceAccount, validateServiceAccountUpdate } from './service-account.js';

const sa = (name: string, s: Partial<ServiceAccount> = {}): ServiceAccount => ({
  apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, ...s,
});

test('names are DNS subdomains; only metadata is checked', () => {
  assert.deepEqual(validateServiceAccount(sa('build-bot', { secrets: [{ name: 'x' }], automountServiceAccountToken: false })), []);
  assert.match(validateServiceAccount(sa('Build_Bot')).map(errorString)[0], /^metadata\.name: Invalid value: "Build_Bot": a lowercase RFC 1123 subdomain/);
  const old = sa('bot');
  old.metadata!.uid = 'u1';
  const next = sa('bot');
  next.metadata!.uid = 'u2';
  assert.deepEqual(validateServiceAccountUpdate(next, old).map(errorString), ['metadata.uid: Invalid value: "u2": field is immutable']);
});

test('printer counts secrets; the token subresource is served', () => {
  assert.deepEqual(serviceAccountPrinter.columns.map((c) => c.name), ['Name', 'Secrets', 'Age']);
  assert.deepEqual(serviceAccountPrinter.row(sa('default', { secrets: [{ name: 'a' }, { name: 'b' }] }), new Date('2024-01-01T00:00:03Z')), ['default', 2, '3s']);
  assert.deepEqual(serviceAccountResource.subresources, ['token']);
});
