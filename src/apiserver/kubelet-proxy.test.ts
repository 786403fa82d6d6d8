import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { startTestServer, type TestServer } from './testing.js';
import { auditFilter, memorySink } from './audit/filter.js';
import { parsePolicy } from './audit/policy.js';

let t: TestServer;
let kubelet: Server;
const seen: string[] = [];
const sink = memorySink();

before(async () => {
  t = await startTestServer({ audit: auditFilter(parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n'), sink) });
  // a stand-in kubelet: answers logs, and echoes upgraded connections
  kubelet = createServer({ cert: t.pki.serving.cert, key: t.pki.serving.key, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const cn = (req.socket as TLSSocket).getPeerCertificate().subject?.CN;
    seen.push(`${req.method} ${req.url} as ${cn}`);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('line 1\nline 2\n');
  });
  kubelet.on('upgrade', (req, socket) => {
    seen.push(`UPGRADE ${req.url} ${req.headers.upgrade}`);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
    socket.on('data', (d: Buffer) => socket.write(`echo:${d.toString()}`));
  });
  await new Promise<void>((r) => kubelet.listen(0, '127.0.0.1', r));
  const port = (kubelet.address() as AddressInfo).port;
  const node = await t.request('POST', '/api/v1/nodes', {
    body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: port } } } },
  });
  assert.equal(node.status, 201, node.text);
  const pod = (name: string, containers: string[], nodeName?: string) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName, containers: containers.map((c) => ({ name: c, image: 'busybox' })) },
  });
  for (const [name, cs, n] of [['one', ['main'], 'n1'], ['two', ['a', 'b'], 'n1'], ['pending', ['main'], undefined]] as [string, string[], string | undefined][]) {
    const r = await t.request('POST', '/api/v1/namespaces/default/pods', { body: pod(name, cs, n) });
    assert.equal(r.status, 201, r.text);
  }
});
after(async () => {
  kubelet.close();
  kubelet.closeAllConnections();
  await t.close();
});

test('pods/log streams from the kubelet with the API server\'s client certificate', async () => {
  const r = await t.request('GET', '/api/v1/namespaces/default/pods/one/log?tailLines=2&follow=false&bogus=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, 'line 1\nline 2\n');
  assert.equal(seen.at(-1), 'GET /containerLogs/default/one/main?tailLines=2&follow=false as kube-apiserver-kubelet-client');
});

test('boolean log options reach the kubelet as the API read them', async () => {
  const r = await t.request('GET', '/api/v1/namespaces/default/pods/one/log?follow=True&timestamps=FALSE&previous');
  assert.equal(r.status, 200, r.text);
  assert.equal(seen.at(-1), 'GET /containerLogs/default/one/main?follow=true&previous=true&timestamps=false as kube-apiserver-kubelet-client');
});

test('logs need a container when there are several, and a node', async () => {
  const many = await t.request('GET', '/api/v1/namespaces/default/pods/two/log');
  assert.equal(many.status, 400);
  assert.equal(many.json().message, 'a container name must be specified for pod two, choose one of: [a b]');
  const wrong = await t.request('GET', '/api/v1/namespaces/default/pods/two/log?container=c');
  assert.equal(wrong.json().message, 'container c is not valid for pod two');
  const pending = await t.request('GET', '/api/v1/namespaces/default/pods/pending/log');
  assert.equal(pending.json().message, 'pod pending does not have a host assigned');
  const exec = await t.request('POST', '/api/v1/namespaces/default/pods/one/exec?command=ls');
  assert.equal(exec.status, 400);
  assert.equal(exec.json().message, 'Upgrade request required');
});

test('exec upgrades are tunnelled to the kubelet\'s /exec', async () => {
  const reply = await new Promise<string>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: t.server.port, method: 'GET', servername: 'localhost', ca: t.pki.ca.cert, cert: t.pki.admin.cert, key: t.pki.admin.key,
      path: '/api/v1/namespaces/default/pods/one/exec?command=sh&command=-c&stdout=true&container=main',
      headers: { connection: 'Upgrade', upgrade: 'websocket' }, agent: false,
    });
    req.on('upgrade', (res, socket) => {
      assert.equal(res.statusCode, 101);
      socket.on('data', (d: Buffer) => {
        resolve(d.toString());
        socket.destroy();
      });
      socket.write('hi');
    });
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
  assert.equal(reply, 'echo:hi');
  assert.equal(seen.at(-1), 'UPGRADE /exec/default/one/main?command=sh&command=-c&stdout=true websocket');
});

test('nodes/proxy reaches the kubelet at the given path', async () => {
  const r = await t.request('GET', '/api/v1/nodes/n1/proxy/stats/summary');
  assert.equal(r.status, 200);
  assert.equal(seen.at(-1), 'GET /stats/summary as kube-apiserver-kubelet-client');
});

/** An upgrade request as kubectl exec makes it; resolves with the status of a plain response or 101. */
function upgrade(path: string, auth: { token?: string; admin?: boolean }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: t.server.port, method: 'GET', servername: 'localhost', ca: t.pki.ca.cert, path, agent: false,
      ...(auth.admin ? { cert: t.pki.admin.cert, key: t.pki.admin.key } : {}),
      headers: { connection: 'Upgrade', upgrade: 'websocket', ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}) },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('an upgrade with bad credentials is a 401 Status, as any request', async () => {
  const r = await upgrade('/api/v1/namespaces/default/pods/one/exec?command=ls&stdout=true', { token: 'not-a-token' });
  assert.equal(r.status, 401);
  assert.deepEqual(JSON.parse(r.body), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  const wrongPath = await upgrade('/api/v1/namespaces/default/configmaps', { admin: true });
  assert.equal(wrongPath.status, 400);
  assert.equal(JSON.parse(wrongPath.body).message, 'this path does not accept an upgraded connection');
});

test('upgrades go through audit: exec is logged with its user and its 101', async () => {
  const before = sink.events().length;
  assert.equal((await upgrade('/api/v1/namespaces/default/pods/one/exec?command=ls&stdout=true&container=main', { admin: true })).status, 101);
  const evs = sink.events().slice(before);
  assert.deepEqual(evs.map((e) => e.stage), ['RequestReceived', 'ResponseComplete']);
  const done = evs[1];
  assert.deepEqual([done.verb, done.objectRef?.resource, done.objectRef?.subresource, done.responseStatus?.code], ['get', 'pods', 'exec', 101]);
  assert.equal(done.user?.username, 'kubernetes-admin');
});
