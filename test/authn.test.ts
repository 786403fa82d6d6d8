// End-to-end: service-account tokens from `kubectl create token`, Secret-based tokens,
// bootstrap tokens, TokenReview and `kubectl auth whoami`, with the real kubectl 1.33
// against a `kubets server`. Authorization is another slice: these tests only check who the
// server thinks the caller is (and that bad tokens get 401).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeKubeconfig } from '../src/cluster/kubeconfig.js';
import { keysFromPem } from '../src/apiserver/authn/sa-keys.js';
import { mintLegacyToken } from '../src/apiserver/authn/sa-token.js';
import { TOKEN_SUCCESS_TTL_MS } from '../src/apiserver/authn/token-cache.js';
import { hasKubectl, kubectl, startServer, type KubectlResult, type TestCluster } from './cluster.js';

const skip = !hasKubectl(33) && 'kubectl 1.33 is not installed';

describe('authentication with tokens (kubectl 1.33)', { skip }, () => {
  let c: TestCluster;
  before(async () => {
    c = await startServer();
  });
  after(async () => {
    await c?.stop();
  });

  const k = (args: string[], input?: string): KubectlResult => kubectl(c, 33, args, { input });
  const ok = (args: string[], input?: string): string => {
    const r = k(args, input);
    assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n${c.logs().slice(-2000)}`);
    return r.stdout;
  };
  /** kubectl with a kubeconfig that carries only the token (no client certificate) */
  const asToken = (token: string, args: string[]): KubectlResult => {
    const file = join(c.dataDir, `token-${Math.random().toString(36).slice(2)}.conf`);
    writeKubeconfig(file, { server: c.url, caCert: readFileSync(join(c.dataDir, 'pki', 'ca.crt'), 'utf8'), token, userName: 'token-user' });
    return kubectl(c, 33, ['--kubeconfig', file, ...args], { env: { KUBECONFIG: file } });
  };
  const whoami = (token: string): { username: string; uid?: string; groups: string[]; extra?: Record<string, string[]> } => {
    const r = asToken(token, ['auth', 'whoami', '-o', 'json']);
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { status: { userInfo: { username: string; groups: string[] } } }).status.userInfo;
  };
  const unauthorized = (r: KubectlResult): void => {
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Unauthorized|must be logged in/);
  };
  /** a revoked token: refused once the server's 10 s token cache lets go of it, as upstream */
  const refusedWithinCacheTtl = async (token: string): Promise<void> => {
    const deadline = Date.now() + TOKEN_SUCCESS_TTL_MS + 3000;
    for (;;) {
      const r = asToken(token, ['get', '--raw', '/version']);
      if (r.status !== 0) return unauthorized(r);
      assert.ok(Date.now() < deadline, 'a revoked token still authenticates after the token cache TTL');
      await new Promise((res) => setTimeout(res, 500));
    }
  };

  test('kubectl create token: a bound token that authenticates as the service account', async () => {
    ok(['create', 'serviceaccount', 'bot']);
    const token = ok(['create', 'token', 'bot', '--duration=10m']).trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims.iss, 'https://kubernetes.default.svc.cluster.local');
    assert.deepEqual(claims.aud, ['https://kubernetes.default.svc.cluster.local']);
    assert.equal(claims.sub, 'system:serviceaccount:default:bot');
    assert.equal(Number(claims.exp) - Number(claims.iat), 600);

    const version = asToken(token, ['get', '--raw', '/version']);
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /"gitVersion"/);
    const me = whoami(token);
    assert.equal(me.username, 'system:serviceaccount:default:bot');
    assert.deepEqual(me.groups, ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
    assert.deepEqual(Object.keys(me.extra ?? {}), ['authentication.kubernetes.io/credential-id']);
    const uid = ok(['get', 'serviceaccount', 'bot', '-o', 'jsonpath={.metadata.uid}']);
    assert.equal(me.uid, uid);

    // the table form kubectl prints by default
    const table = asToken(token, ['auth', 'whoami']);
    assert.match(table.stdout, /Username\s+system:serviceaccount:default:bot/);

    // a token for another audience is not for the API server
    const vault = ok(['create', 'token', 'bot', '--audience', 'vault']).trim();
    unauthorized(asToken(vault, ['get', '--raw', '/version']));

    // TokenReview tells the same story
    const review = (tok: string, audiences?: string[]) => JSON.parse(ok(['create', '-o', 'json', '-f', '-'], JSON.stringify({
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: tok, audiences },
    }))) as { status: { authenticated?: boolean; user?: { username?: string }; audiences?: string[]; error?: string } };
    assert.equal(review(token).status.user?.username, 'system:serviceaccount:default:bot');
    assert.equal(review(vault, ['vault']).status.authenticated, true);
    assert.deepEqual(review(vault, ['vault']).status.audiences, ['vault']);
    assert.equal(review(vault).status.authenticated, false);

    // a deleted service account takes its tokens with it, even one recreated with the same name
    ok(['delete', 'serviceaccount', 'bot']);
    await refusedWithinCacheTtl(token);
    ok(['create', 'serviceaccount', 'bot']);
    unauthorized(asToken(token, ['get', '--raw', '/version']));
    assert.match(review(token).status.error ?? '', /service account UID \(.+\) does not match claim/);
  });

  test('kubectl create token refuses durations under ten minutes and unknown accounts', () => {
    ok(['create', 'serviceaccount', 'brief']);
    const short = k(['create', 'token', 'brief', '--duration=1s']);
    assert.notEqual(short.status, 0);
    assert.match(short.stderr, /may not specify a duration less than 10 minutes/);
    const none = k(['create', 'token', 'nobody']);
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /serviceaccounts "nobody" not found/);
  });

  test('forged and garbage tokens are 401', () => {
    ok(['create', 'serviceaccount', 'forger']);
    const token = ok(['create', 'token', 'forger']).trim();
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    claims.exp = Number(claims.exp) + 86400 * 365;
    unauthorized(asToken(`${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`, ['get', '--raw', '/version']));
    unauthorized(asToken(`${h}.${p}.${s.slice(0, -4)}AAAA`, ['get', '--raw', '/version']));
    unauthorized(asToken('garbage', ['get', '--raw', '/version']));
  });

  test('a Secret-based (legacy) token signed with the cluster key authenticates while its Secret holds it', async () => {
    ok(['create', 'serviceaccount', 'legacy']);
    const sa = JSON.parse(ok(['get', 'serviceaccount', 'legacy', '-o', 'json'])) as { metadata: { name: string; namespace: string; uid: string } };
    ok(['create', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: { name: 'legacy-token', annotations: { 'kubernetes.io/service-account.name': 'legacy' } },
    }));
    const secret = JSON.parse(ok(['get', 'secret', 'legacy-token', '-o', 'json'])) as Record<string, unknown>;
    const keys = keysFromPem(readFileSync(join(c.dataDir, 'pki', 'sa.key'), 'utf8'));
    const token = mintLegacyToken(keys, sa, secret);
    // not stored in the Secret yet: refused
    unauthorized(asToken(token, ['get', '--raw', '/version']));
    ok(['patch', 'secret', 'legacy-token', '--type=merge', '-p', JSON.stringify({ data: { token: Buffer.from(token).toString('base64') } })]);
    assert.equal(whoami(token).username, 'system:serviceaccount:default:legacy');
    ok(['delete', 'secret', 'legacy-token']);
    await refusedWithinCacheTtl(token);
  });

  test('a bootstrap token authenticates only as system:bootstrap:<id>; wrong or expired ones are 401', () => {
    const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    ok(['create', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
      metadata: { name: 'bootstrap-token-abcdef', namespace: 'kube-system' },
      stringData: {
        'token-id': 'abcdef', 'token-secret': '0123456789abcdef', expiration,
        'usage-bootstrap-authentication': 'true', 'usage-bootstrap-signing': 'true',
        'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token',
      },
    }));
    const me = whoami('abcdef.0123456789abcdef');
    assert.equal(me.username, 'system:bootstrap:abcdef');
    assert.deepEqual(me.groups, ['system:bootstrappers', 'system:bootstrappers:kubeadm:default-node-token', 'system:authenticated']);
    unauthorized(asToken('abcdef.0123456789abcdee', ['get', '--raw', '/version']));
    unauthorized(asToken('zzzzzz.0123456789abcdef', ['get', '--raw', '/version']));
    ok(['create', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token',
      metadata: { name: 'bootstrap-token-old123', namespace: 'kube-system' },
      stringData: { 'token-id': 'old123', 'token-secret': '0123456789abcdef', expiration: '2020-01-01T00:00:00Z', 'usage-bootstrap-authentication': 'true' },
    }));
    unauthorized(asToken('old123.0123456789abcdef', ['get', '--raw', '/version']));
  });
});
