import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { startTestServer, type TestServer } from './testing.js';

let t: TestServer;
let kubelet: Server;
const seen: string[] = [];

before(async () => {
  t = await startTestServer();
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
