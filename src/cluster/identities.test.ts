import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startTestServer, type TestServer } from '../apiserver/testing.js';
import { writeIdentityKubeconfigs } from './identities.js';
import { certIdentity, ensurePki } from './pki.js';

let t: TestServer;
let paths: Record<string, string>;

before(async () => {
  t = await startTestServer();
  const pki = await ensurePki(t.dir, { nodeName: 'node-1' });
  paths = writeIdentityKubeconfigs(t.dir, pki, `https://127.0.0.1:${t.server.port}`, 'node-1');
});
after(async () => {
  await t.close();
});

test('the PKI issues kubeadm identities and writes their kubeconfigs beside admin.conf', async () => {
  assert.deepEqual(Object.keys(paths).sort(), ['admin.conf', 'controller-manager.conf', 'kubelet.conf', 'scheduler.conf']);
  const who = (file: string): { user: string; groups: string[] } => {
    const kc = parse(readFileSync(paths[file], 'utf8'));
    return certIdentity(Buffer.from(kc.users[0].user['client-certificate-data'], 'base64').toString());
  };
  assert.deepEqual(who('controller-manager.conf'), { user: 'system:kube-controller-manager', groups: [] });
  assert.deepEqual(who('scheduler.conf'), { user: 'system:kube-scheduler', groups: [] });
  assert.deepEqual(who('kubelet.conf'), { user: 'system:node:node-1', groups: ['system:nodes'] });
  assert.deepEqual(who('admin.conf'), { user: 'kubernetes-admin', groups: ['system:masters'] });
  assert.equal(parse(readFileSync(paths['scheduler.conf'], 'utf8')).users[0].name, 'system:kube-scheduler');
  const again = await ensurePki(t.dir, { nodeName: 'node-1' });
  assert.equal(again.scheduler.cert, (await ensurePki(t.dir, { nodeName: 'node-1' })).scheduler.cert, 'reused on restart');
  assert.equal(certIdentity((await ensurePki(t.dir, { nodeName: 'node-2' })).node!.cert).user, 'system:node:node-2', 'reissued for another node name');
  await ensurePki(t.dir, { nodeName: 'node-1' });
});
