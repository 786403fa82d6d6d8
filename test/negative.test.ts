// The negative-input suite: forged, expired and wrongly signed certificates and tokens,
// oversized headers, path traversal, hostile bodies and slow clients against a real
// `kubets server`. None gets in, none crashes it: /readyz answers after every case.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request, Agent } from 'node:https';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { connect as netConnect } from 'node:net';
import { connect as http2Connect } from 'node:http2';
import { createCA, issueCert, type CertKey } from '../src/cluster/pki.js';
import * as x509 from '@peculiar/x509';
import { startServer, type TestCluster } from './cluster.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface Creds {
  cert?: string;
  key?: string;
  token?: string;
}

describe('negative input against a real server', () => {
  let cluster: TestCluster;
  let ca: CertKey;
  let admin: Creds;
  const agent = new Agent({ keepAlive: false });

  function call(creds: Creds, method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1', port: cluster.port, method, path, ca: ca.cert, cert: creds.cert, key: creds.key, agent,
        headers: {
          accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(creds.token !== undefined ? { authorization: `Bearer ${creds.token}` } : {}), ...headers,
        },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async function assertAlive(): Promise<void> {
    const r = await call({}, 'GET', '/readyz');
    assert.equal(r.status, 200, `server not ready: ${r.body}\n${cluster.logs().slice(-2000)}`);
    assert.equal((await call(admin, 'GET', '/api/v1/namespaces/default')).status, 200);
  }

  async function assertUnauthorized(creds: Creds, what: string): Promise<void> {
    for (const path of ['/api/v1/namespaces/kube-system/secrets', '/api/v1/namespaces']) {
      const r = await call(creds, 'GET', path);
      assert.equal(r.status, 401, `${what}: ${path} → ${r.status} ${r.body}`);
      assert.equal(JSON.parse(r.body).reason, 'Unauthorized');
    }
    const w = await call(creds, 'POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'intruder' } }));
    assert.equal(w.status, 401, `${what}: create → ${w.status}`);
  }

  before(async () => {
    cluster = await startServer();
    const pki = join(cluster.dataDir, 'pki');
    ca = { cert: readFileSync(join(pki, 'ca.crt'), 'utf8'), key: readFileSync(join(pki, 'ca.key'), 'utf8') };
    admin = { cert: readFileSync(join(pki, 'admin.crt'), 'utf8'), key: readFileSync(join(pki, 'admin.key'), 'utf8') };
    const s = await call(admin, 'POST', '/api/v1/namespaces/default/secrets', JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'top' }, stringData: { password: 'hunter2' } }));
    assert.equal(s.status, 201, s.body);
  });
  after(async () => {
    agent.destroy();
    await cluster?.stop();
  });

  describe('client certificates', () => {
    test('a certificate from a self-signed CA with the same subject as the cluster CA', async () => {
      const forgedCA = await createCA('kubernetes');
      const forged = await issueCert(forgedCA, { cn: 'kubernetes-admin', groups: ['system:masters'], usage: 'client' });
      await assertUnauthorized(forged, 'forged CA');
      // the forged leaf with the forged CA appended as a chain does not help either
      await assertUnauthorized({ cert: forged.cert + forgedCA.cert, key: forged.key }, 'forged chain');
      await assertAlive();
    });

    test('an expired certificate signed by the real CA', async () => {
      const expired = await signedByCA(ca, { cn: 'kubernetes-admin', groups: ['system:masters'], notBefore: -10, notAfter: -1, clientAuth: true });
      await assertUnauthorized(expired, 'expired');
      const future = await signedByCA(ca, { cn: 'kubernetes-admin', groups: ['system:masters'], notBefore: 2, notAfter: 30, clientAuth: true });
      await assertUnauthorized(future, 'not yet valid');
      await assertAlive();
    });

    test('a certificate for another usage (server authentication only)', async () => {
      const serverOnly = await issueCert(ca, { cn: 'kubernetes-admin', groups: ['system:masters'], usage: 'server' });
      await assertUnauthorized(serverOnly, 'serverAuth-only certificate');
      // the API server's own serving certificate is not a client credential
      const pki = join(cluster.dataDir, 'pki');
      await assertUnauthorized({ cert: readFileSync(join(pki, 'apiserver.crt'), 'utf8'), key: readFileSync(join(pki, 'apiserver.key'), 'utf8') }, 'serving certificate');
      await assertAlive();
    });

    test('a certificate signed by a leaf (not a CA) of the real CA', async () => {
      const leaf = await issueCert(ca, { cn: 'jane', usage: 'client' });
      const child = await issueCert(leaf, { cn: 'kubernetes-admin', groups: ['system:masters'], usage: 'client' });
      await assertUnauthorized({ cert: child.cert + leaf.cert, key: child.key }, 'leaf-signed');
      await assertAlive();
    });

    test('a certificate with no common name', async () => {
      const noCN = await signedByCA(ca, { cn: '', groups: ['system:masters'], notBefore: -1, notAfter: 30, clientAuth: true });
      await assertUnauthorized(noCN, 'empty CN');
      await assertAlive();
    });
  });

  describe('bearer tokens', () => {
    test('garbage, empty and malformed tokens', async () => {
      for (const token of ['garbage', '', ' ', 'a'.repeat(8000), 'abcdef.0123456789abcdef', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.', '..', 'Bearer x', '\u00ff\u00fe']) {
        await assertUnauthorized({ token }, `token ${JSON.stringify(token.slice(0, 20))}`);
      }
      const basic = await call({}, 'GET', '/api/v1/namespaces', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' });
      assert.equal(basic.status, 401);
      await assertAlive();
    });

    test('JWTs: unsigned (alg none), signed with a foreign key, expired, for a missing service account', async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = (over: Record<string, unknown> = {}) => ({
        aud: ['https://kubernetes.default.svc.cluster.local'], iss: 'https://kubernetes.default.svc.cluster.local', iat: now, nbf: now, exp: now + 600,
        sub: 'system:serviceaccount:kube-system:default', 'kubernetes.io': { namespace: 'kube-system', serviceaccount: { name: 'default', uid: '00000000-0000-0000-0000-000000000000' } }, ...over,
      });
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      await assertUnauthorized({ token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.` }, 'alg none');
      await assertUnauthorized({ token: `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims())}.${Buffer.from('x').toString('base64url')}` }, 'HS256');
      const foreign = await rsaKey();
      await assertUnauthorized({ token: await signRS256(foreign, claims()) }, 'foreign key');
      const saKeyFile = join(cluster.dataDir, 'pki', 'sa.key');
      if (existsSync(saKeyFile)) {
        const real = await importRsa(readFileSync(saKeyFile, 'utf8'));
        await assertUnauthorized({ token: await signRS256(real, claims({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 })) }, 'expired');
        await assertUnauthorized({ token: await signRS256(real, claims({ aud: ['https://evil.example.com'] })) }, 'wrong audience');
        await assertUnauthorized({ token: await signRS256(real, claims({ sub: 'system:serviceaccount:kube-system:nobody', 'kubernetes.io': { namespace: 'kube-system', serviceaccount: { name: 'nobody', uid: 'x' } } })) }, 'missing SA');
        // control: the same recipe with a real service account is accepted, so the refusals above are about the flaw
        const sa = await call(admin, 'POST', '/api/v1/namespaces/default/serviceaccounts', JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'probe' } }));
        assert.equal(sa.status, 201, sa.body);
        const uid = JSON.parse(sa.body).metadata.uid as string;
        const probe = (over: Record<string, unknown> = {}) => claims({ sub: 'system:serviceaccount:default:probe', 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'probe', uid } }, ...over });
        const accepted = await call({ token: await signRS256(real, probe()) }, 'GET', '/api/v1/namespaces/default/pods');
        assert.equal(accepted.status, 403, accepted.body);
        assert.match(JSON.parse(accepted.body).message, /User "system:serviceaccount:default:probe" cannot list resource "pods"/);
        await assertUnauthorized({ token: await signRS256(real, probe({ iat: now - 7200, nbf: now - 7200, exp: now - 3600 })) }, 'expired (real SA)');
        await assertUnauthorized({ token: await signRS256(real, probe({ 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'probe', uid: 'another-uid' } } })) }, 'stale uid');
        await assertUnauthorized({ token: await signRS256(real, probe({ nbf: now + 3600, iat: now + 3600, exp: now + 7200 })) }, 'not yet valid');
        // a signature from the real key over different claims
        const good = await signRS256(real, claims());
        const [h, , sig] = good.split('.');
        await assertUnauthorized({ token: `${h}.${b64(claims({ sub: 'system:serviceaccount:kube-system:admin' }))}.${sig}` }, 'tampered payload');
      }
      await assertAlive();
    });

    test('bootstrap tokens: unknown id, wrong secret, expired', async () => {
      const mk = (id: string, secret: string, extra: Record<string, string> = {}) => call(admin, 'POST', '/api/v1/namespaces/kube-system/secrets', JSON.stringify({
        apiVersion: 'v1', kind: 'Secret', type: 'bootstrap.kubernetes.io/token', metadata: { name: `bootstrap-token-${id}` },
        stringData: { 'token-id': id, 'token-secret': secret, 'usage-bootstrap-authentication': 'true', ...extra },
      }));
      assert.equal((await mk('abcdef', '0123456789abcdef')).status, 201);
      assert.equal((await mk('expird', '0123456789abcdef', { expiration: '2020-01-01T00:00:00Z' })).status, 201);
      await assertUnauthorized({ token: 'zzzzzz.0123456789abcdef' }, 'unknown id');
      await assertUnauthorized({ token: 'abcdef.0123456789abcdee' }, 'wrong secret');
      await assertUnauthorized({ token: 'abcdef.0123456789ABCDEF' }, 'wrong case');
      await assertUnauthorized({ token: 'expird.0123456789abcdef' }, 'expired');
      // the right one authenticates, as a bootstrapper that may not read secrets
      const ok = await call({ token: 'abcdef.0123456789abcdef' }, 'GET', '/api/v1/namespaces/kube-system/secrets');
      assert.equal(ok.status, 403, `bootstrap token read secrets: ${ok.status} ${ok.body}`);
      assert.match(JSON.parse(ok.body).message, /User "system:bootstrap:abcdef" cannot list resource "secrets"/);
      await assertAlive();
    });
  });

  describe('oversized and malformed requests', () => {
    test('a 1 MiB header is refused (431 or closed), the server lives on', async () => {
      const answer = await rawHttp1(`GET /api/v1/namespaces HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(1024 * 1024)}\r\n\r\n`, admin);
      assert.ok(answer === '' || /^HTTP\/1\.1 (431|400|413)/.test(answer), answer.slice(0, 200));
      await assertAlive();
    });

    test('a 1 MiB header over HTTP/2 ends the stream or the session, not the server', async () => {
      const session = http2Connect(`https://127.0.0.1:${cluster.port}`, { ca: ca.cert, cert: admin.cert, key: admin.key, servername: 'localhost' });
      session.on('error', () => undefined);
      const outcome = await new Promise<string>((resolve) => {
        const st = session.request({ ':path': '/api/v1/namespaces', 'x-big': 'a'.repeat(1024 * 1024) });
        st.on('response', (h) => resolve(`status ${h[':status']}`));
        st.on('error', (e: Error) => resolve(`error ${e.message}`));
        st.on('close', () => resolve('closed'));
        st.end();
      });
      session.destroy();
      assert.ok(!/^status (2|5)/.test(outcome), outcome);
      await assertAlive();
    });

    test('a 1 MiB bearer token and 5000 headers are refused', async () => {
      const big = await call({ token: 'x'.repeat(1024 * 1024) }, 'GET', '/api/v1/namespaces').catch((e: Error) => e);
      if (!(big instanceof Error)) assert.ok([400, 401, 431].includes(big.status), String(big.status));
      const many = Array.from({ length: 5000 }, (_, i) => `X-H${i}: v`).join('\r\n');
      const answer = await rawHttp1(`GET /api/v1/namespaces HTTP/1.1\r\nHost: x\r\n${many}\r\n\r\n`, admin);
      assert.ok(answer === '' || /^HTTP\/1\.1 (431|400|200)/.test(answer), answer.slice(0, 200));
      await assertAlive();
    });

    test('path traversal in names, namespaces and subresources never reaches another object', async () => {
      const paths = [
        '/api/v1/namespaces/default/configmaps/..%2Fsecrets%2Ftop',
        '/api/v1/namespaces/default/configmaps/%2e%2e/secrets/top',
        '/api/v1/namespaces/default/configmaps/x/..%2F..%2Fsecrets%2Ftop',
        '/api/v1/namespaces/default/configmaps/../secrets/top',
        '/api/v1/namespaces/default/pods/x/%2e%2e%2f%2e%2e%2fsecrets%2ftop',
        '/api/v1/namespaces/default/pods/x/..',
        '/api/v1/namespaces/%2e%2e/namespaces/default/secrets/top',
        '/api/v1/namespaces/default%2Fsecrets/top',
        '/api/v1/namespaces/default/secrets%2Ftop',
        '/api/v1/namespaces/default/configmaps/top%2F..%2F..%2Fsecrets%2Ftop',
        '/api/v1/namespaces/default/configmaps/%252e%252e%252fsecrets',
        '/api/v1/namespaces/default/configmaps/.%2E/secrets/top',
        '/api/v1/namespaces/default/configmaps/%ff%fe',
        '/api/v1/namespaces/default/configmaps/a\\..\\..\\secrets',
        '//api/v1/namespaces/default/configmaps/..//secrets/top',
      ];
      for (const path of paths) {
        for (const method of ['GET', 'DELETE', 'PUT']) {
          const r = await call(admin, method, path, method === 'PUT' ? '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}' : undefined);
          assert.ok(r.status >= 400 && r.status < 500, `${method} ${path} → ${r.status} ${r.body.slice(0, 200)}`);
          assert.ok(!r.body.includes('aHVudGVyMg=='), `${method} ${path} leaked the secret`);
        }
      }
      // a name with dots or slashes in the body is invalid, not a path
      for (const name of ['..', '../secrets', 'a/b', '.']) {
        const r = await call(admin, 'POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }));
        assert.ok(r.status === 422 || r.status === 400, `name ${name} → ${r.status}`);
      }
      assert.equal((await call(admin, 'GET', '/api/v1/namespaces/default/secrets/top')).status, 200);
      await assertAlive();
    });

    test('10,000-deep JSON, a 1,000,000-deep array and a YAML alias bomb are refused without a crash', async () => {
      const deep = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep","annotations":{"a":"b"}},"x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
      const r1 = await call(admin, 'POST', '/api/v1/namespaces/default/configmaps', deep);
      assert.ok(r1.status < 500, `${r1.status} ${r1.body.slice(0, 200)}`);
      const arr = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"arr"},"data":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
      const r2 = await call(admin, 'POST', '/api/v1/namespaces/default/configmaps', arr);
      assert.ok(r2.status >= 400, String(r2.status));
      const deepMeta = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dm","labels":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}`;
      const r3 = await call(admin, 'POST', '/api/v1/namespaces/default/configmaps', deepMeta);
      assert.ok(r3.status >= 400 && r3.status < 500, String(r3.status));
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`), 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}'].join('\n');
      const t0 = Date.now();
      const r4 = await call(admin, 'POST', '/api/v1/namespaces/default/configmaps', bomb, { 'content-type': 'application/yaml' });
      assert.ok(r4.status >= 400 && r4.status < 500, `${r4.status} ${r4.body.slice(0, 200)}`);
      assert.ok(Date.now() - t0 < 5000);
      const names = JSON.parse((await call(admin, 'GET', '/api/v1/namespaces/default/configmaps')).body).items.map((i: { metadata: { name: string } }) => i.metadata.name);
      assert.ok(!names.includes('arr') && !names.includes('dm') && !names.includes('bomb'), names.join(','));
      await assertAlive();
    });

    test('invalid UTF-8 in bodies, paths and headers', async () => {
      const bad = Buffer.concat([Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"utf"},"data":{"k":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}}')]);
      const r1 = await call(admin, 'POST', '/api/v1/namespaces/default/configmaps', bad);
      assert.ok(r1.status < 500, String(r1.status));
      const badName = Buffer.concat([Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a'), Buffer.from([0xc0, 0xaf]), Buffer.from('b"}}')]);
      const r2 = await call(admin, 'POST', '/api/v1/namespaces/default/configmaps', badName);
      assert.equal(r2.status, 422);
      const r3 = await call(admin, 'GET', '/api/v1/namespaces/default/configmaps/%c0%ae%c0%ae');
      assert.ok(r3.status >= 400 && r3.status < 500, String(r3.status));
      const raw = await rawHttp1(Buffer.concat([Buffer.from('GET /api/v1/namespaces HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer '), Buffer.from([0xff, 0xc3, 0x28]), Buffer.from('\r\nConnection: close\r\n\r\n')]), {});
      assert.ok(raw === '' || /^HTTP\/1\.1 (400|401)/.test(raw), raw.slice(0, 100));
      await assertAlive();
    });

    test('slow and broken clients: partial requests, garbage before TLS, plain HTTP, half a body', async () => {
      // slowloris: many connections trickling a request's headers
      const slow = await Promise.all(Array.from({ length: 40 }, () => openSlow(admin)));
      await assertAlive();
      const t0 = Date.now();
      for (let i = 0; i < 5; i++) {
        for (const s of slow) s.write('X-Slow: 1\r\n');
        await new Promise((r) => setTimeout(r, 50));
      }
      await assertAlive();
      assert.ok(Date.now() - t0 < 10_000);
      for (const s of slow) s.destroy();
      // a body promised but never finished
      const half = await openSlow(admin, 'POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"apiVersion":');
      await assertAlive();
      half.destroy();
      // not TLS at all
      for (const junk of [Buffer.from('GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) & 255)), Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff])]) {
        await new Promise<void>((resolve) => {
          const s = netConnect(cluster.port, '127.0.0.1', () => s.end(junk));
          s.on('error', () => resolve());
          s.on('close', () => resolve());
          s.resume();
          setTimeout(() => { s.destroy(); resolve(); }, 2000).unref();
        });
      }
      await assertAlive();
    });
  });

  // helpers over the cluster's TLS endpoint

  function rawHttp1(text: string | Buffer, creds: Creds): Promise<string> {
    return new Promise((resolve) => {
      let out = '';
      const s = tlsConnect({ host: '127.0.0.1', port: cluster.port, ca: ca.cert, cert: creds.cert, key: creds.key, ALPNProtocols: ['http/1.1'], servername: 'localhost' }, () => {
        s.write(text);
      });
      s.on('data', (d: Buffer) => { out += d.toString('latin1'); });
      const done = (): void => resolve(out);
      s.on('error', done);
      s.on('close', done);
      setTimeout(() => { s.destroy(); }, 5000).unref();
    });
  }

  function openSlow(creds: Creds, first = 'GET /api/v1/namespaces HTTP/1.1\r\nHost: x\r\n') {
    return new Promise<ReturnType<typeof tlsConnect>>((resolve, reject) => {
      const s = tlsConnect({ host: '127.0.0.1', port: cluster.port, ca: ca.cert, cert: creds.cert, key: creds.key, ALPNProtocols: ['http/1.1'], servername: 'localhost' }, () => {
        s.write(first);
        resolve(s);
      });
      s.on('error', reject);
      s.resume();
    });
  }
});

// certificate and JWT helpers

const DAY = 24 * 3600 * 1000;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function signedByCA(ca: CertKey, o: { cn: string; groups?: string[]; notBefore: number; notAfter: number; clientAuth: boolean }): Promise<CertKey> {
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.key), EC, true, ['sign']);
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const subject = [...(o.groups ?? []).map((g) => `O=${g}`), ...(o.cn ? [`CN=${o.cn}`] : [])].join(', ');
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '0a1b2c3d4e5f', subject, issuer: caCert.subject,
    notBefore: new Date(Date.now() + o.notBefore * DAY), notAfter: new Date(Date.now() + o.notAfter * DAY),
    publicKey: keys.publicKey as never, signingKey: caKey as never, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([o.clientAuth ? x509.ExtendedKeyUsage.clientAuth : x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const key = x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { cert: `${cert.toString('pem')}\n`, key: `${key}\n` };
}

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

async function rsaKey(): Promise<webcrypto.CryptoKey> {
  const kp = await webcrypto.subtle.generateKey({ ...RS256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
  return kp.privateKey;
}

async function importRsa(pem: string): Promise<webcrypto.CryptoKey> {
  const { createPrivateKey } = await import('node:crypto');
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, RS256, false, ['sign']);
}

async function signRS256(key: webcrypto.CryptoKey, claims: unknown): Promise<string> {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
  const sig = await webcrypto.subtle.sign(RS256, key, Buffer.from(input));
  return `${input}.${Buffer.from(sig).toString('base64url')}`;
}
