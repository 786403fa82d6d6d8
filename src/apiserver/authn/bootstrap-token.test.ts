import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { bootstrapGroups, createBootstrapTokenAuthenticator } from './bootstrap-token.js';
import { mapLookup } from './lookup.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const NOW = Date.parse('2026-11-23T12:00:00Z');

function tokenSecret(data: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
    metadata: { name: `bootstrap-token-${data['token-id'] ?? 'abcdef'}`, namespace: 'kube-system' },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
    ...extra,
  };
}

function authn(...secrets: KubeObject[]) {
  const m = new Map(secrets.map((s) => [`secrets/kube-system/${s.metadata?.name}`, s]));
  return createBootstrapTokenAuthenticator({ lookup: mapLookup(m), now: () => NOW });
}

const good = { 'token-id': 'abcdef', 'token-secret': '0123456789abcdef', 'usage-bootstrap-authentication': 'true', expiration: '2026-11-24T12:00:00Z' };

test('a valid bootstrap token is system:bootstrap:<id> in system:bootstrappers and its extra groups', async () => {
  assert.deepEqual(await authn(tokenSecret(good)).authenticateToken('abcdef.0123456789abcdef'), {
    name: 'system:bootstrap:abcdef', groups: ['system:bootstrappers', 'system:authenticated'],
  });
  const withGroups = tokenSecret({ ...good, 'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token,system:bootstrappers:kubeadm:default-node-token' });
  assert.deepEqual((await authn(withGroups).authenticateToken('abcdef.0123456789abcdef'))?.groups,
    ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated']);
});

test('wrong secret, expired, missing, wrong type, unusable for authentication or bad groups: not authenticated', async () => {
  const none = async (a: ReturnType<typeof authn>, tok = 'abcdef.0123456789abcdef') => assert.equal(await a.authenticateToken(tok), undefined);
  await none(authn(tokenSecret(good)), 'abcdef.0123456789abcdee');
  await none(authn(tokenSecret(good)), 'abcdeg.0123456789abcdef');
  await none(authn(tokenSecret({ ...good, expiration: '2026-11-23T11:59:59Z' })));
  await none(authn(tokenSecret({ ...good, expiration: 'tomorrow' })));
  await none(authn(tokenSecret({ ...good, 'usage-bootstrap-authentication': 'false' })));
  await none(authn(tokenSecret({ ...good, 'usage-bootstrap-authentication': '' })));
  await none(authn(tokenSecret(good, { type: 'Opaque' })));
  await none(authn(tokenSecret({ ...good, 'auth-extra-groups': 'system:masters' })));
  await none(authn());
  // not bootstrap-shaped at all
  await none(authn(tokenSecret(good)), 'ABCDEF.0123456789abcdef');
  await none(authn(tokenSecret(good)), 'abcdef.0123456789abcdef0');
  // no expiration means no expiry
  const { expiration: _e, ...noExp } = good;
  void _e;
  assert.ok(await authn(tokenSecret(noExp)).authenticateToken('abcdef.0123456789abcdef'));
});

test('extra groups must be system:bootstrappers:*', () => {
  assert.throws(() => bootstrapGroups(tokenSecret({ ...good, 'auth-extra-groups': 'system:nodes' })), /must match/);
  assert.deepEqual(bootstrapGroups(tokenSecret(good)), ['system:bootstrappers']);
});
