import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { UnauthorizedError } from '../../machinery/errors.js';
import { parseJwt, signJwt } from './jwt.js';
import { mapLookup } from './lookup.js';
import { createBoundTokenAuthenticator, createLegacyTokenAuthenticator } from './sa-authn.js';
import { ensureServiceAccountKeys, generateServiceAccountKeys } from './sa-keys.js';
import { boundClaims, issueBoundToken, legacyClaims, mintLegacyToken } from './sa-token.js';

const keys = generateServiceAccountKeys();
const otherKeys = generateServiceAccountKeys();
const T0 = 1_800_000_000;

const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bot', namespace: 'default', uid: 'sa-uid-1' } };
const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'pod-uid-1' }, spec: { serviceAccountName: 'bot', nodeName: 'n1' } };
const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'node-uid-1' } };

function world(...objs: KubeObject[]): Map<string, KubeObject> {
  const m = new Map<string, KubeObject>();
  for (const o of objs) {
    const res = `${String(o.kind).toLowerCase()}s`;
    m.set(`${res}/${o.kind === 'Node' ? '' : o.metadata?.namespace}/${o.metadata?.name}`, o);
  }
  return m;
}

function bound(objs: Map<string, KubeObject>, now = T0) {
  return createBoundTokenAuthenticator({ keys, lookup: mapLookup(objs), now: () => now });
}

async function rejects(p: Promise<unknown>, message: string | RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof UnauthorizedError, String(e));
    assert.equal(e.code, 401);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

test('bound token claims follow upstream: iss, sub, aud, exp/iat/nbf, jti and kubernetes.io', () => {
  const c = boundClaims({ serviceAccount: sa, pod, node, audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600, now: T0 });
  assert.match(String(c.jti), /^[0-9a-f-]{36}$/);
  assert.deepEqual({ ...c, jti: 'x' }, {
    aud: ['https://kubernetes.default.svc.cluster.local'], exp: T0 + 3600, iat: T0, nbf: T0, jti: 'x',
    iss: 'https://kubernetes.default.svc.cluster.local', sub: 'system:serviceaccount:default:bot',
    'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'bot', uid: 'sa-uid-1' }, pod: { name: 'web', uid: 'pod-uid-1' }, node: { name: 'n1', uid: 'node-uid-1' } },
  });
  assert.throws(() => boundClaims({ serviceAccount: sa, pod, secret: sa, audiences: [], expirationSeconds: 600 }), /only be bound to one object type/);
});

test('a bound token authenticates as the service account with upstream groups and extra', async () => {
  const tok = issueBoundToken(keys, { serviceAccount: sa, audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 600, now: T0 });
  const jti = String(parseJwt(tok)!.claims.jti);
  assert.equal(parseJwt(tok)!.header.kid, keys.keyId);
  const u = await bound(world(sa)).authenticateToken(tok);
  assert.deepEqual(u, {
    name: 'system:serviceaccount:default:bot', uid: 'sa-uid-1',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
    extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${jti}`] },
  });
  const podTok = issueBoundToken(keys, { serviceAccount: sa, pod, node, audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 600, now: T0 });
  const pu = await bound(world(sa, pod, node)).authenticateToken(podTok);
  assert.deepEqual(pu?.extra && Object.keys(pu.extra).sort(), [
    'authentication.kubernetes.io/credential-id', 'authentication.kubernetes.io/node-name', 'authentication.kubernetes.io/node-uid',
    'authentication.kubernetes.io/pod-name', 'authentication.kubernetes.io/pod-uid',
  ]);
  assert.deepEqual(pu?.extra?.['authentication.kubernetes.io/pod-name'], ['web']);
});

test('bound tokens: forged signature, expired, not yet valid, wrong audience, deleted or replaced objects → 401', async () => {
  const aud = ['https://kubernetes.default.svc.cluster.local'];
  const tok = issueBoundToken(keys, { serviceAccount: sa, audiences: aud, expirationSeconds: 600, now: T0 });
  const objs = world(sa);
  // signed by another key
  await rejects(bound(objs).authenticateToken(issueBoundToken(otherKeys, { serviceAccount: sa, audiences: aud, expirationSeconds: 600, now: T0 })), /signature is invalid/);
  // claims changed after signing
  const [h, p, s] = tok.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  claims['kubernetes.io'].serviceaccount.name = 'admin';
  await rejects(bound(objs).authenticateToken(`${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`), /signature is invalid/);
  // expiry, with upstream's one-minute leeway
  assert.ok(await bound(objs, T0 + 600 + 59).authenticateToken(tok));
  await rejects(bound(objs, T0 + 600 + 61).authenticateToken(tok), 'service account token has expired');
  await rejects(bound(objs, T0 - 120).authenticateToken(tok), 'service account token is not valid yet');
  // audience
  const other = issueBoundToken(keys, { serviceAccount: sa, audiences: ['vault'], expirationSeconds: 600, now: T0 });
  await rejects(bound(objs).authenticateToken(other), 'token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]');
  assert.equal((await bound(objs).authenticateToken(other, ['vault']))?.name, 'system:serviceaccount:default:bot');
  // the service account is gone, or was recreated with a new uid
  await rejects(bound(new Map()).authenticateToken(tok), 'service account default/bot has been deleted');
  const recreated = { ...sa, metadata: { ...sa.metadata, uid: 'sa-uid-2' } };
  await rejects(bound(world(recreated)).authenticateToken(tok), 'service account UID (sa-uid-2) does not match claim (sa-uid-1)');
  // a pod-bound token dies with its pod
  const podTok = issueBoundToken(keys, { serviceAccount: sa, pod, audiences: aud, expirationSeconds: 600, now: T0 });
  await rejects(bound(world(sa)).authenticateToken(podTok), 'pod default/web has been deleted');
  const secret: KubeObject = { kind: 'Secret', metadata: { name: 's', namespace: 'default', uid: 'sec-1' } };
  const secTok = issueBoundToken(keys, { serviceAccount: sa, secret, audiences: aud, expirationSeconds: 600, now: T0 });
  assert.ok(await bound(world(sa, secret)).authenticateToken(secTok));
  await rejects(bound(world(sa)).authenticateToken(secTok), 'secret default/s has been deleted');
  // tokens of other issuers and non-JWTs are not ours
  assert.equal(await bound(objs).authenticateToken(signJwt({ iss: 'someone-else' }, keys.privateKey)), undefined);
  assert.equal(await bound(objs).authenticateToken('abcdef.0123456789abcdef'), undefined);
});

test('legacy Secret-based tokens: claims, validity tied to the Secret and the service account', async () => {
  const secret: KubeObject = {
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
    metadata: { name: 'bot-token', namespace: 'default', uid: 'sec-uid', annotations: { 'kubernetes.io/service-account.name': 'bot' } },
  };
  assert.deepEqual(legacyClaims(sa, secret), {
    iss: 'kubernetes/serviceaccount',
    'kubernetes.io/serviceaccount/namespace': 'default',
    'kubernetes.io/serviceaccount/secret.name': 'bot-token',
    'kubernetes.io/serviceaccount/service-account.name': 'bot',
    'kubernetes.io/serviceaccount/service-account.uid': 'sa-uid-1',
    sub: 'system:serviceaccount:default:bot',
  });
  const tok = mintLegacyToken(keys, sa, secret);
  const filled = { ...secret, data: { token: Buffer.from(tok).toString('base64') } };
  const legacy = (objs: Map<string, KubeObject>) => createLegacyTokenAuthenticator({ keys, lookup: mapLookup(objs) });
  assert.deepEqual(await legacy(world(sa, filled)).authenticateToken(tok), {
    name: 'system:serviceaccount:default:bot', uid: 'sa-uid-1', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
  });
  await rejects(legacy(world(sa)).authenticateToken(tok), 'Token has been invalidated');
  await rejects(legacy(world(sa, secret)).authenticateToken(tok), "Token does not match server's copy");
  await rejects(legacy(world(filled)).authenticateToken(tok), 'ServiceAccount default/bot has been deleted');
  await rejects(legacy(world(sa, filled)).authenticateToken(mintLegacyToken(otherKeys, sa, secret)), /signature is invalid/);
  // the bound authenticator does not take legacy tokens and vice versa
  assert.equal(await bound(world(sa, filled)).authenticateToken(tok), undefined);
});

test('the key pair is written once under <data-dir>/pki and reused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-sa-'));
  try {
    const a = ensureServiceAccountKeys(dir);
    const b = ensureServiceAccountKeys(dir);
    assert.equal(a.keyId, b.keyId);
    assert.match(readFileSync(join(dir, 'pki', 'sa.key'), 'utf8'), /^-----BEGIN RSA PRIVATE KEY-----/);
    assert.match(readFileSync(join(dir, 'pki', 'sa.pub'), 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(statSync(join(dir, 'pki', 'sa.key')).mode & 0o777, 0o600);
    assert.equal(a.privateKey.asymmetricKeyDetails?.modulusLength, 2048);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
