import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvLine, parseTokenFile } from './authn/static-token.js';
import { startTestServer } from './testing.js';
import { createAuthenticator } from './authn.js';

test('the static token file reads token,user,uid,"group1,group2" as upstream', () => {
  assert.deepEqual(parseCsvLine('t1,alice,uid-1,"dev,ops"'), ['t1', 'alice', 'uid-1', 'dev,ops']);
  const tokens = parseTokenFile('# comment\nt1,alice,uid-1,"dev,ops"\nt2,bob,uid-2\n\n');
  assert.deepEqual(tokens.get('t1'), { user: 'alice', uid: 'uid-1', groups: ['dev', 'ops'] });
  assert.deepEqual(tokens.get('t2'), { user: 'bob', uid: 'uid-2', groups: [] });
  assert.throws(() => parseTokenFile('onlytoken,user\n'), /line 1: need at least 3 columns/);
});

test('bearer tokens from the file authenticate; unknown tokens and no credentials are 401', async () => {
  const probe = await startTestServer();
  const file = join(probe.dir, 'tokens.csv');
  await probe.close();
  writeFileSync(file, 'secret-token,alice,uid-1,"dev,ops"\n');
  const t = await startTestServer({ tokenFile: file });
  try {
    t.server.registerVirtual('authentication.k8s.io/selfsubjectreviews', async (ctx, body) => ({ ...body, status: { userInfo: { username: ctx.user.name, uid: ctx.user.uid, groups: ctx.user.groups } } }));
    const r = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      auth: { token: 'secret-token' }, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json<{ status: unknown }>().status, { userInfo: { username: 'alice', uid: 'uid-1', groups: ['dev', 'ops', 'system:authenticated'] } });
    assert.equal((await t.request('GET', '/api/v1/namespaces', { auth: { token: 'wrong' } })).status, 401);
    assert.equal((await t.request('GET', '/api/v1/namespaces', { auth: 'none' })).status, 401);
  } finally {
    await t.close();
  }
});

test('a valid client certificate authenticates even beside an invalid bearer token (certificate first, as upstream)', async () => {
  const t = await startTestServer();
  try {
    const r = await t.request('GET', '/api/v1/namespaces', { headers: { authorization: 'Bearer not-a-known-token' } });
    assert.equal(r.status, 200, r.text);
    assert.equal((await t.request('GET', '/api/v1/namespaces', { auth: { token: 'not-a-known-token' } })).status, 401);
  } finally {
    await t.close();
  }
});

test('a connection\'s peer certificate is read once, also when it has none', async () => {
  let reads = 0;
  const socket = { authorized: false, getPeerCertificate: () => (reads++, {}) };
  const authn = createAuthenticator();
  const req = { socket, headers: {} } as unknown as Parameters<typeof authn.authenticate>[0];
  assert.equal(await authn.authenticate(req), undefined);
  assert.equal(await authn.authenticate(req), undefined);
  assert.equal(await authn.authenticate({ socket, headers: {} } as unknown as typeof req), undefined);
  assert.equal(reads, 1);
});
