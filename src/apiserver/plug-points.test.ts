import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { ForbiddenError } from '../machinery/errors.js';
import { alwaysAllow, type AdmissionAttributes, type AdmissionPlugin, type Authorizer } from './chain.js';
import { startTestServer, type TestServer } from './testing.js';

// the server's authorizer and admission plugin hand over to these, which each test sets
let authorizer: Authorizer = alwaysAllow;
let plugin: AdmissionPlugin | undefined;

let t: TestServer;
before(async () => {
  t = await startTestServer({
    authorizer: { authorize: (a) => authorizer.authorize(a) },
    admission: () => [{
      name: 'Delegate',
      admit: async (a) => plugin?.admit?.(a),
      validate: async (a) => plugin?.validate?.(a),
    }],
  });
});
after(async () => {
  await t.close();
});

const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

test('a token authenticator added later authenticates bearer tokens the file does not know', async () => {
  assert.equal((await t.request('GET', '/api/v1/namespaces', { auth: { token: 'sa-token' } })).status, 401);
  t.server.addTokenAuthenticator({ authenticateToken: async (tok) => (tok === 'sa-token' ? { name: 'system:serviceaccount:default:x', groups: ['system:serviceaccounts'] } : undefined) });
  assert.equal((await t.request('GET', '/api/v1/namespaces', { auth: { token: 'sa-token' } })).status, 200);
});

test('the authorizer decides; a denial is 403 with upstream\'s wording', async () => {
  authorizer = ({
    authorize: async (a) => (a.user.name === 'kubernetes-admin' || a.path === '/version' ? { decision: 'allow' } : { decision: 'noOpinion' }),
  });
  try {
    const r = await t.request('GET', '/api/v1/namespaces/default/pods', { auth: { token: 'sa-token' } });
    assert.equal(r.status, 403);
    assert.equal(r.json().message, 'pods is forbidden: User "system:serviceaccount:default:x" cannot list resource "pods" in API group "" in the namespace "default"');
    const one = await t.request('GET', '/apis/apps/v1/deployments', { auth: { token: 'sa-token' } });
    assert.equal(one.json().message, 'deployments.apps is forbidden: User "system:serviceaccount:default:x" cannot list resource "deployments" in API group "apps" at the cluster scope');
    const path = await t.request('GET', '/metrics', { auth: { token: 'sa-token' } });
    assert.equal(path.json().message, 'forbidden: User "system:serviceaccount:default:x" cannot get path "/metrics"');
    assert.equal((await t.request('GET', '/version', { auth: { token: 'sa-token' } })).status, 200);
    assert.equal((await t.request('GET', '/api/v1/namespaces')).status, 200);
  } finally {
    authorizer = alwaysAllow;
  }
});

test('admission: mutating plugins change the object before validation; validating plugins refuse', async () => {
  const seen: string[] = [];
  plugin = {
    name: 'Labeler',
    admit: async (a: AdmissionAttributes) => {
      seen.push(`admit ${a.operation} ${a.info.resource}${a.subresource ? `/${a.subresource}` : ''} ${a.name}`);
      if (a.object && a.operation !== 'DELETE') a.object.metadata = { ...a.object.metadata, labels: { ...a.object.metadata?.labels, admitted: 'yes' } };
    },
    validate: async (a: AdmissionAttributes) => {
      seen.push(`validate ${a.operation} ${a.name}`);
      if (a.operation === 'DELETE' && a.name === 'keep') throw new ForbiddenError({ group: '', resource: 'configmaps' }, 'keep', 'this one stays');
      if (a.object?.metadata?.name === 'bad') a.warnings.push('bad name');
    },
  };
  try {
    const c = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('keep') });
    assert.equal(c.status, 201);
    assert.deepEqual(c.json<{ metadata: { labels: Record<string, string> } }>().metadata.labels, { admitted: 'yes' });
    const w = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('bad') });
    assert.equal(w.headers.warning, '299 - "bad name"');
    const d = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/keep');
    assert.equal(d.status, 403);
    assert.equal(d.json().message, 'configmaps "keep" is forbidden: this one stays');
    assert.equal((await t.request('GET', '/api/v1/namespaces/default/configmaps/keep')).status, 200);
    const p = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/keep', { body: { data: { a: '2' } }, contentType: 'application/merge-patch+json' });
    assert.equal(p.status, 200);
    assert.deepEqual(seen.slice(0, 2), ['admit CREATE configmaps keep', 'validate CREATE keep']);
    assert.ok(seen.includes('admit UPDATE configmaps keep'));
    assert.ok(seen.includes('validate DELETE keep'));
  } finally {
    plugin = undefined;
  }
});

test('filters wrap every authenticated request in order and see the final code', async () => {
  const log: string[] = [];
  t.server.addFilter(async (ctx, next) => {
    log.push(`outer ${ctx.user?.name} ${ctx.ri.verb}`);
    await next();
    log.push(`outer done ${ctx.code}`);
  });
  t.server.addFilter(async (_ctx, next) => {
    log.push('inner');
    await next();
  });
  await t.request('GET', '/api/v1/namespaces/default/configmaps/nope');
  assert.deepEqual(log, ['outer kubernetes-admin get', 'inner', 'outer done 404']);
});
