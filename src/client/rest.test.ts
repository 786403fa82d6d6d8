import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { clientConfig } from '../apiserver/testing.js';
import { isConflict, isNotFound, isAlreadyExists, StatusError } from '../machinery/errors.js';
import type { KubeObject } from '../api/meta/v1/types.js';
import { ConnectionError, RestClient } from './rest.js';
import { resource } from './resource.js';

const CM = { group: '', version: 'v1', resource: 'configmaps' };

import { useTestServer } from './testing.js';
const ctx = useTestServer();

test('CRUD on a generic resource, with typed Status errors', async () => {
  const cms = resource(ctx.rest, CM, 'default');
  const created = await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } });
  assert.equal(created.metadata?.namespace, 'default');
  await assert.rejects(cms.create({ metadata: { name: 'a' } }), (e: unknown) => isAlreadyExists(e) && (e as StatusError).code === 409);
  await assert.rejects(cms.get('nope'), (e: unknown) => isNotFound(e) && (e as StatusError).message === 'configmaps "nope" not found');
  const got = await cms.get('a');
  await cms.update({ ...got, data: { k: 'v2' } });
  await assert.rejects(cms.update({ ...got, data: { k: 'stale' } }), isConflict);
  const merged = await cms.patch('a', 'merge', { data: { m: '1' } });
  assert.deepEqual(merged.data, { k: 'v2', m: '1' });
  const json = await cms.patch('a', 'json', [{ op: 'remove', path: '/data/m' }]);
  assert.deepEqual(json.data, { k: 'v2' });
  const smp = await cms.patch('a', 'strategic', { metadata: { labels: { x: 'y' } } });
  assert.equal(smp.metadata?.labels?.x, 'y');
  const applied = await cms.patch('a', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v2', a: 'b' } }, { fieldManager: 'test', force: true });
  assert.equal((applied.data as Record<string, string>).a, 'b');
  for (let i = 0; i < 5; i++) await cms.create({ metadata: { name: `p${i}`, labels: { page: 'yes' } } });
  const paged = await cms.listAll({ labelSelector: 'page=yes', limit: 2 });
  assert.equal(paged.items.length, 5);
  await cms.deleteCollection({ labelSelector: 'page=yes' });
  assert.equal((await cms.list({ labelSelector: 'page=yes' })).items.length, 0);
  await cms.delete('a');
  await assert.rejects(cms.get('a'), isNotFound);
});

test('updateStatus writes the status subresource only', async () => {
  const ns = resource(ctx.rest, { group: '', version: 'v1', resource: 'namespaces' });
  const n = await ns.create({ metadata: { name: 'st' } });
  const u = await ns.updateStatus({ ...n, spec: { finalizers: [] }, status: { phase: 'Active', conditions: [{ type: 'X', status: 'True' }] } });
  assert.deepEqual((u.status as { conditions: unknown[] }).conditions.length, 1);
  assert.deepEqual((u.spec as { finalizers: string[] }).finalizers, ['kubernetes']);
});

test('a watch streams events and a signal ends it', async () => {
  const cms = resource(ctx.rest, CM, 'default');
  const list = await cms.list();
  const ac = new AbortController();
  const w = await cms.watch({ resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true, signal: ac.signal });
  await cms.create({ metadata: { name: 'w1' } });
  const seen: string[] = [];
  await assert.rejects((async () => {
    for await (const ev of w) {
      seen.push(`${ev.type} ${(ev.object as KubeObject).metadata?.name}`);
      if (seen.length === 1) ac.abort();
    }
  })(), { name: 'AbortError' });
  assert.deepEqual(seen, ['ADDED w1']);
});

test('twenty watches on one signal: one abort listener on it, and aborting it ends them all', async () => {
  const cms = resource(ctx.rest, CM, 'default');
  const list = await cms.list();
  const ac = new AbortController();
  const warnings: string[] = [];
  const onWarning = (w: Error): void => { warnings.push(w.name); };
  process.on('warning', onWarning);
  try {
    const watches = await Promise.all(Array.from({ length: 20 }, () => cms.watch({ resourceVersion: list.metadata.resourceVersion, signal: ac.signal })));
    const ended = watches.map(async (w) => {
      for await (const _ of w) { /* no events expected */ }
    });
    await new Promise((r) => setImmediate(r));
    ac.abort();
    const results = await Promise.allSettled(ended);
    assert.deepEqual(results.map((r) => r.status === 'rejected' && (r.reason as Error).name), Array(20).fill('AbortError'));
    assert.deepEqual(warnings, [], 'no MaxListenersExceededWarning for the shared signal');
  } finally {
    process.off('warning', onWarning);
  }
});

test('the token bucket limits requests (qps 20, burst 2: 6 requests take ≥ 190 ms)', async () => {
  const limited = new RestClient({ ...clientConfig(ctx.t), qps: 20, burst: 2 });
  const start = Date.now();
  for (let i = 0; i < 6; i++) await limited.request({ path: '/version' });
  assert.ok(Date.now() - start >= 190, `took ${Date.now() - start} ms`);
  limited.close();
});

test('unauthenticated requests get the 401 Status', async () => {
  const anon = new RestClient(clientConfig(ctx.t, 'none'));
  await assert.rejects(resource(anon, CM, 'default').list(), (e: unknown) => e instanceof StatusError && e.reason === 'Unauthorized' && e.code === 401);
  anon.close();
});

/** A bare HTTP/2 server for transport behaviour the API server does not show on demand. */
async function h2Server(handler: Parameters<typeof createSecureServer>[1]): Promise<{ srv: Http2SecureServer; port: number }> {
  const srv = createSecureServer({ cert: ctx.t.pki.serving.cert, key: ctx.t.pki.serving.key }, handler);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { srv, port: (srv.address() as AddressInfo).port };
}

test('429 is retried after Retry-After; GOAWAY makes a new session', async () => {
  let calls = 0;
  const sessions = new Set<unknown>();
  const { srv, port } = await h2Server((req, res) => {
    sessions.add(req.stream.session);
    calls++;
    if (calls <= 2) {
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'TooManyRequests', code: 429, message: 'slow down' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    if (calls === 3) req.stream.session?.close(); // sends GOAWAY, finishes the open stream
  });
  const c = new RestClient({ server: `https://127.0.0.1:${port}`, ca: ctx.t.pki.ca.cert, tlsServerName: 'localhost', qps: Infinity });
  assert.deepEqual(await c.json({ path: '/x' }), { ok: true });
  assert.equal(calls, 3);
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(await c.json({ path: '/y' }), { ok: true });
  assert.equal(sessions.size, 2);
  const no = new RestClient({ server: `https://127.0.0.1:${port}`, ca: ctx.t.pki.ca.cert, tlsServerName: 'localhost', qps: Infinity, maxRetries: 0 });
  calls = 0;
  await assert.rejects(no.json({ path: '/z' }), (e: unknown) => e instanceof StatusError && e.reason === 'TooManyRequests' && e.message === 'slow down');
  c.close();
  no.close();
  await new Promise((r) => srv.close(r));
});

test('connection errors are retried a bounded number of times', async () => {
  const { srv, port } = await h2Server(() => undefined);
  await new Promise((r) => srv.close(r));
  const c = new RestClient({ server: `https://127.0.0.1:${port}`, ca: ctx.t.pki.ca.cert, tlsServerName: 'localhost', qps: Infinity, maxRetries: 3 });
  const start = Date.now();
  await assert.rejects(c.json({ method: 'POST', path: '/x', body: {} }), (e: unknown) => e instanceof ConnectionError && e.notSent);
  assert.ok(Date.now() - start >= 150, 'backed off between attempts');
  c.close();
});
