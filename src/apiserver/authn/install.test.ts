import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer } from '../testing.js';
import { generateServiceAccountKeys, installAuthentication } from './index.js';
import { parseJwt } from './jwt.js';
import { TOKEN_SUCCESS_TTL_MS } from './token-cache.js';

const keys = generateServiceAccountKeys();

test('TokenRequest, TokenReview and SelfSubjectReview through the API server', async () => {
  const t = await startTestServer();
  try {
    installAuthentication(t.server, { keys });
    const sa = await t.request('POST', '/api/v1/namespaces/default/serviceaccounts', { body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot' } } });
    assert.equal(sa.status, 201, sa.text);
    const uid = sa.json<{ metadata: { uid: string } }>().metadata.uid;

    const before = Math.floor(Date.now() / 1000);
    const r = await t.request('POST', '/api/v1/namespaces/default/serviceaccounts/bot/token', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
    });
    assert.equal(r.status, 201, r.text);
    const tr = r.json<{ kind: string; metadata: Record<string, string>; spec: { audiences: string[]; expirationSeconds: number }; status: { token: string; expirationTimestamp: string } }>();
    assert.equal(tr.kind, 'TokenRequest');
    assert.equal(tr.metadata.name, 'bot');
    assert.deepEqual(tr.spec.audiences, ['https://kubernetes.default.svc.cluster.local']);
    const claims = parseJwt(tr.status.token)!.claims;
    assert.equal(claims.sub, 'system:serviceaccount:default:bot');
    assert.equal(Number(claims.exp) - Number(claims.iat), 600);
    assert.ok(Number(claims.iat) >= before);
    assert.equal(Date.parse(tr.status.expirationTimestamp) / 1000, Number(claims.exp));
    assert.deepEqual(claims['kubernetes.io'], { namespace: 'default', serviceaccount: { name: 'bot', uid } });

    // unset fields (null from a protobuf body) take the defaults: one hour, the API audiences
    const dflt = await t.request('POST', '/api/v1/namespaces/default/serviceaccounts/bot/token', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: null, expirationSeconds: null, boundObjectRef: null } },
    });
    assert.equal(dflt.status, 201, dflt.text);
    assert.equal(dflt.json<{ spec: { expirationSeconds: number } }>().spec.expirationSeconds, 3600);

    // errors as upstream words them
    const short = await t.request('POST', '/api/v1/namespaces/default/serviceaccounts/bot/token', { body: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', spec: { expirationSeconds: 60 } } });
    assert.equal(short.status, 422);
    assert.equal(short.json<{ message: string }>().message,
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
    const missing = await t.request('POST', '/api/v1/namespaces/default/serviceaccounts/nobody/token', { body: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', spec: {} } });
    assert.equal(missing.status, 404);
    assert.equal(missing.json<{ message: string }>().message, 'serviceaccounts "nobody" not found');
    const badRef = await t.request('POST', '/api/v1/namespaces/default/serviceaccounts/bot/token', {
      body: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', spec: { boundObjectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' } } },
    });
    assert.equal(badRef.status, 400);
    assert.equal(badRef.json<{ message: string }>().message, 'cannot bind token to object of type apps/v1, Kind=Deployment');

    // a token bound to a pod: the kubelet's 3607 s becomes a year with warnafter at the hour
    const pod = await t.request('POST', '/api/v1/namespaces/default/pods', { body: {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { serviceAccountName: 'bot', containers: [{ name: 'c', image: 'nginx' }] },
    } });
    assert.equal(pod.status, 201, pod.text);
    const podUid = pod.json<{ metadata: { uid: string } }>().metadata.uid;
    const bind = (spec: Record<string, unknown>) => t.request('POST', '/api/v1/namespaces/default/serviceaccounts/bot/token', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec },
    });
    const podTok = await bind({ expirationSeconds: 3607, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web', uid: podUid } });
    assert.equal(podTok.status, 201, podTok.text);
    const pt = podTok.json<{ status: { token: string; expirationTimestamp: string } }>().status;
    const pc = parseJwt(pt.token)!.claims;
    const iat = Number(pc.iat);
    assert.equal(Number(pc.exp) - iat, 365 * 24 * 3600);
    assert.deepEqual(pc['kubernetes.io'], { namespace: 'default', serviceaccount: { name: 'bot', uid }, pod: { name: 'web', uid: podUid }, warnafter: iat + 3607 });
    assert.equal(Date.parse(pt.expirationTimestamp) / 1000, iat + 3607);
    const conflict = await bind({ boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web', uid: 'other' } });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json<{ message: string }>().message,
      `Operation cannot be fulfilled on Pod "web": the UID in the bound object reference (other) does not match the UID in record. The object might have been deleted and then recreated`);
    const noPod = await bind({ boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'nope' } });
    assert.equal(noPod.status, 404);
    assert.equal(noPod.json<{ message: string }>().message, 'pods "nope" not found');

    // TokenReview of the issued token, of a token for another audience, and of garbage
    const review = async (token: string, audiences?: string[]) => {
      const res = await t.request('POST', '/apis/authentication.k8s.io/v1/tokenreviews', {
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences } },
      });
      assert.equal(res.status, 201, res.text);
      return res.json<{ status: { authenticated: boolean; user: Record<string, unknown>; audiences?: string[]; error?: string } }>().status;
    };
    const ok = await review(tr.status.token);
    assert.equal(ok.authenticated, true);
    assert.deepEqual(ok.audiences, ['https://kubernetes.default.svc.cluster.local']);
    assert.equal(ok.user.username, 'system:serviceaccount:default:bot');
    assert.equal(ok.user.uid, uid);
    assert.deepEqual(ok.user.groups, ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
    assert.deepEqual(ok.user.extra, { 'authentication.kubernetes.io/credential-id': [`JTI=${String(claims.jti)}`] });
    const wrongAud = await review(tr.status.token, ['vault']);
    assert.equal(wrongAud.authenticated, false);
    assert.deepEqual(wrongAud.user, {});
    assert.equal(wrongAud.error, 'token audiences ["https://kubernetes.default.svc.cluster.local"] is invalid for the target audiences ["vault"]');
    assert.deepEqual(await review('not-a-token'), { authenticated: false, user: {} });
    const empty = await t.request('POST', '/apis/authentication.k8s.io/v1/tokenreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: {} } });
    assert.equal(empty.status, 400);
    assert.equal(empty.json<{ message: string }>().message, 'token is required for TokenReview in authentication');

    // the token is a bearer credential for the API itself; a tampered one is not
    const whoAsBot = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      auth: { token: tr.status.token }, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    assert.equal(whoAsBot.status, 201, whoAsBot.text);
    assert.equal(whoAsBot.json<{ status: { userInfo: { username: string } } }>().status.userInfo.username, 'system:serviceaccount:default:bot');
    assert.equal((await t.request('GET', '/version', { auth: { token: `${tr.status.token.slice(0, -2)}AA` } })).status, 401);

    // the pod-bound token dies with the pod
    assert.equal((await review(pt.token)).authenticated, true);
    assert.equal((await t.request('DELETE', '/api/v1/namespaces/default/pods/web?gracePeriodSeconds=0')).status, 200);
    assert.equal((await review(pt.token)).error, 'pod default/web has been deleted');

    // deleting the service account invalidates its tokens
    assert.equal((await t.request('DELETE', '/api/v1/namespaces/default/serviceaccounts/bot')).status, 200);
    const gone = await review(tr.status.token);
    assert.equal(gone.authenticated, false);
    assert.equal(gone.error, 'service account default/bot has been deleted');
    // the request path caches a token's success for 10 s as kube-apiserver does: the deleted
    // account's token is refused once that entry expires
    const refusedAt = Date.now() + TOKEN_SUCCESS_TTL_MS + 2000;
    while ((await t.request('GET', '/version', { auth: { token: tr.status.token } })).status !== 401) {
      assert.ok(Date.now() < refusedAt, 'the deleted service account\'s token still authenticates after the cache TTL');
      await new Promise((r) => setTimeout(r, 250));
    }

    // whoami as the admin certificate
    const who = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    assert.equal(who.status, 201, who.text);
    const ui = who.json<{ status: { userInfo: { username: string; groups: string[] } } }>().status.userInfo;
    assert.equal(ui.username, 'kubernetes-admin');
    assert.ok(ui.groups.includes('system:authenticated'));
  } finally {
    await t.close();
  }
});

test('TokenReview asks the static token file too', async () => {
  const probe = await startTestServer();
  const file = join(probe.dir, 'review-tokens.csv');
  await probe.close();
  writeFileSync(file, 'file-token,alice,uid-a,"dev"\n');
  const t = await startTestServer({ tokenFile: file });
  try {
    installAuthentication(t.server, { keys });
    const r = await t.request('POST', '/apis/authentication.k8s.io/v1/tokenreviews', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'file-token' } },
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.json<{ status: unknown }>().status, {
      authenticated: true, user: { username: 'alice', uid: 'uid-a', groups: ['dev', 'system:authenticated'] },
      audiences: ['https://kubernetes.default.svc.cluster.local'],
    });
  } finally {
    await t.close();
  }
});
