import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:https';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { parse } from 'yaml';
import { certIdentity, ensurePki, subjectIdentity } from './pki.js';
import { buildKubeconfig, writeKubeconfig } from './kubeconfig.js';

test('ensurePki writes a CA, a serving cert with the cluster SANs and the admin cert, and reuses them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-pki-'));
  try {
    const pki = await ensurePki(dir, { hosts: ['192.168.1.7'] });
    const ca = new X509Certificate(pki.ca.cert);
    assert.ok(ca.ca);
    const serving = new X509Certificate(pki.serving.cert);
    assert.ok(serving.verify(ca.publicKey));
    for (const san of ['DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc',
      'DNS:kubernetes.default.svc.cluster.local', 'IP Address:127.0.0.1', 'IP Address:10.96.0.1', 'IP Address:192.168.1.7']) {
      assert.ok(serving.subjectAltName?.split(', ').includes(san), `missing SAN ${san}: ${serving.subjectAltName}`);
    }
    assert.deepEqual(certIdentity(pki.admin.cert), { user: 'kubernetes-admin', groups: ['system:masters'] });
    assert.deepEqual(certIdentity(pki.kubeletClient.cert), { user: 'kube-apiserver-kubelet-client', groups: ['system:masters'] });
    assert.equal(statSync(join(dir, 'pki', 'ca.key')).mode & 0o777, 0o600);

    const again = await ensurePki(dir, { hosts: ['192.168.1.7'] });
    assert.equal(again.ca.cert, pki.ca.cert);
    assert.equal(again.serving.cert, pki.serving.cert);
    assert.equal(again.admin.key, pki.admin.key);

    // a new node IP reissues the serving cert from the same CA
    const moved = await ensurePki(dir, { hosts: ['10.0.0.9'] });
    assert.equal(moved.ca.cert, pki.ca.cert);
    assert.notEqual(moved.serving.cert, pki.serving.cert);
    assert.match(new X509Certificate(moved.serving.cert).subjectAltName ?? '', /IP Address:10\.0\.0\.9/);
    assert.equal(readFileSync(join(dir, 'pki', 'apiserver.crt'), 'utf8'), moved.serving.cert);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('subjectIdentity takes CN as the user and every O as a group', () => {
  assert.deepEqual(subjectIdentity('O=system:nodes\nO=team-a\nCN=system:node:n1'), { user: 'system:node:n1', groups: ['system:nodes', 'team-a'] });
});

test('the serving and admin certs complete a mutual TLS handshake', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-pki-'));
  try {
    const pki = await ensurePki(dir);
    const server = createServer({ cert: pki.serving.cert, key: pki.serving.key, ca: pki.ca.cert, requestCert: true }, (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res.end(`${(req.socket as TLSSocket).authorized} ${peer.subject.CN}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const body = await new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', servername: 'kubernetes.default.svc', port, ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key }, (res) => {
        let s = '';
        res.on('data', (c: Buffer) => (s += c.toString()));
        res.on('end', () => resolve(s));
      }).on('error', reject).end();
    });
    server.close();
    assert.equal(body, 'true kubernetes-admin');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the kubeconfig embeds base64 certificates and one current context', () => {
  const cfg = buildKubeconfig({ server: 'https://127.0.0.1:6443', caCert: 'CA', clientCert: 'CERT', clientKey: 'KEY' });
  assert.equal(cfg['current-context'], 'kubernetes-admin@kubets');
  const dir = mkdtempSync(join(tmpdir(), 'kubets-kc-'));
  try {
    const path = join(dir, 'admin.conf');
    writeKubeconfig(path, { server: 'https://127.0.0.1:6443', caCert: 'CA', clientCert: 'CERT', clientKey: 'KEY' });
    const back = parse(readFileSync(path, 'utf8')) as {
      clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
      users: { user: Record<string, string> }[];
    };
    assert.equal(back.clusters[0].cluster.server, 'https://127.0.0.1:6443');
    assert.equal(Buffer.from(back.clusters[0].cluster['certificate-authority-data'], 'base64').toString(), 'CA');
    assert.equal(Buffer.from(back.users[0].user['client-key-data'], 'base64').toString(), 'KEY');
    assert.equal(statSync(path).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
