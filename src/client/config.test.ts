import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { stringify } from 'yaml';
import { inClusterConfig, loadKubeconfig } from './config.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function files(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-kc-'));
  writeFileSync(join(dir, 'ca.pem'), 'CA-FROM-FILE');
  writeFileSync(join(dir, 'a.yaml'), stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'one',
    clusters: [{ name: 'c1', cluster: { server: 'https://127.0.0.1:1', 'certificate-authority': 'ca.pem' } }],
    users: [{ name: 'u1', user: { token: 'tok-1' } }],
    contexts: [{ name: 'one', context: { cluster: 'c1', user: 'u1', namespace: 'ns1' } }],
  }));
  writeFileSync(join(dir, 'b.yaml'), stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'two',
    clusters: [
      { name: 'c1', cluster: { server: 'https://127.0.0.1:999' } },
      { name: 'c2', cluster: { server: 'https://127.0.0.1:2', 'certificate-authority-data': b64('CA2'), 'tls-server-name': 'localhost' } },
    ],
    users: [{ name: 'u2', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') } }],
    contexts: [{ name: 'two', context: { cluster: 'c2', user: 'u2' } }],
  }));
  return dir;
}

test('KUBECONFIG merges files, the first value winning; --kubeconfig reads only its file', () => {
  const dir = files();
  try {
    const env = { KUBECONFIG: [join(dir, 'missing.yaml'), join(dir, 'a.yaml'), join(dir, 'b.yaml')].join(delimiter) };
    const merged = loadKubeconfig({ env });
    assert.deepEqual(merged, { server: 'https://127.0.0.1:1', ca: 'CA-FROM-FILE', token: 'tok-1', namespace: 'ns1' });
    const two = loadKubeconfig({ env, context: 'two' });
    assert.deepEqual(two, { server: 'https://127.0.0.1:2', ca: 'CA2', tlsServerName: 'localhost', cert: 'CERT', key: 'KEY' });
    assert.equal(loadKubeconfig({ kubeconfig: join(dir, 'b.yaml'), env }).server, 'https://127.0.0.1:2');
    assert.throws(() => loadKubeconfig({ kubeconfig: join(dir, 'missing.yaml') }), /no such file/);
    assert.throws(() => loadKubeconfig({ env, context: 'nope' }), /context "nope" does not exist/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('in-cluster config: service host/port, the mounted token (re-read), CA and namespace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-sa-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'token'), 'sa-token\n');
    writeFileSync(join(dir, 'ca.crt'), 'CA');
    writeFileSync(join(dir, 'namespace'), 'team-a');
    const cfg = inClusterConfig({ dir, env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '443' } });
    assert.equal(cfg.server, 'https://127.0.0.1:443');
    assert.equal(cfg.ca, 'CA');
    assert.equal(cfg.namespace, 'team-a');
    assert.equal(cfg.tokenSource?.(), 'sa-token');
    assert.equal(inClusterConfig({ dir, env: { KUBERNETES_SERVICE_HOST: '::1', KUBERNETES_SERVICE_PORT: '6443' } }).server, 'https://[::1]:6443');
    assert.throws(() => inClusterConfig({ dir, env: {} }), /KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
