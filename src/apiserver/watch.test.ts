import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { MemoryStore } from '../storage/memory.js';
import { encodeObject } from './registry.js';
import { startTestServer, type TestServer } from './testing.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(async () => {
  await t.close();
});

interface Ev {
  type: string;
  object: { kind?: string; metadata?: { name?: string; resourceVersion?: string; annotations?: Record<string, string> }; code?: number; reason?: string; message?: string; rows?: { cells: unknown[] }[]; columnDefinitions?: unknown };
}

/** Opens a watch and collects events until `count` arrived or the stream ends. */
function watch(path: string, count: number, accept?: string): { events: Ev[]; done: Promise<Ev[]>; close(): void } {
  const events: Ev[] = [];
  let close = (): void => undefined;
  const done = new Promise<Ev[]>((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: t.server.port, path, ca: t.pki.ca.cert, cert: t.pki.admin.cert, key: t.pki.admin.key,
      servername: 'localhost', agent: false, headers: accept ? { accept } : {},
    }, (res) => {
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString();
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, i)) as Ev);
          buf = buf.slice(i + 1);
          if (events.length >= count) {
            req.destroy();
            resolve(events);
          }
        }
      });
      res.on('end', () => resolve(events));
      res.on('error', () => resolve(events));
    });
    req.on('error', (e) => (events.length >= count ? resolve(events) : reject(e)));
    req.end();
    close = () => {
      req.destroy();
      resolve(events);
    };
  });
  return { events, done, close };
}

const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { a: '1' } });

test('a watch without resourceVersion starts with ADDED for what exists, then streams changes', async () => {
  await t.request('POST', '/api/v1/namespaces/w1/configmaps', { body: cm('first') });
  const w = watch('/api/v1/namespaces/w1/configmaps?watch=true', 4);
  await new Promise((r) => setTimeout(r, 100));
  await t.request('POST', '/api/v1/namespaces/w1/configmaps', { body: cm('second') });
  await t.request('PATCH', '/api/v1/namespaces/w1/configmaps/second', { body: { data: { a: '2' } }, contentType: 'application/merge-patch+json' });
  await t.request('DELETE', '/api/v1/namespaces/w1/configmaps/first');
  const ev = await w.done;
  assert.deepEqual(ev.map((e) => `${e.type} ${e.object.metadata?.name}`), ['ADDED first', 'ADDED second', 'MODIFIED second', 'DELETED first']);
  assert.equal(ev[0].object.kind, 'ConfigMap');
});

test('a watch resumes after a resourceVersion, and a label selector turns leaving objects into DELETED', async () => {
  const created = await t.request('POST', '/api/v1/namespaces/w2/configmaps', { body: cm('x', { keep: 'yes' }) });
  const rv = created.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
  await t.request('PATCH', '/api/v1/namespaces/w2/configmaps/x', { body: { metadata: { labels: { keep: 'no' } } }, contentType: 'application/merge-patch+json' });
  await t.request('PATCH', '/api/v1/namespaces/w2/configmaps/x', { body: { metadata: { labels: { keep: 'yes' } } }, contentType: 'application/merge-patch+json' });
  const all = await watch(`/api/v1/namespaces/w2/configmaps?watch=1&resourceVersion=${rv}`, 2).done;
  assert.deepEqual(all.map((e) => e.type), ['MODIFIED', 'MODIFIED']);
  const sel = await watch(`/api/v1/namespaces/w2/configmaps?watch=1&resourceVersion=${rv}&labelSelector=keep%3Dyes`, 2).done;
  assert.deepEqual(sel.map((e) => e.type), ['DELETED', 'ADDED']);
});

test('a watch from before the cache\'s history gets a 410 Expired ERROR event', async () => {
  // the cache of a server started over existing data begins at the store's revision then
  const store = new MemoryStore();
  for (let i = 0; i < 3; i++) await store.create(`/registry/configmaps/old/c${i}`, encodeObject({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: `c${i}`, namespace: 'old' } }));
  const saved = t;
  t = await startTestServer({ store });
  let ev: Ev[];
  try {
    ev = await watch('/api/v1/configmaps?watch=1&resourceVersion=1', 1).done;
  } finally {
    await t.close();
    t = saved;
  }
  assert.equal(ev[0].type, 'ERROR');
  assert.equal(ev[0].object.code, 410);
  assert.equal(ev[0].object.reason, 'Expired');
  assert.equal(ev[0].object.message, 'too old resource version: 1 (4)');
});

test('timeoutSeconds ends the stream; sendInitialEvents ends the initial list with a bookmark', async () => {
  const t0 = Date.now();
  await watch('/api/v1/namespaces/none/configmaps?watch=1&timeoutSeconds=1', 100).done;
  assert.ok(Date.now() - t0 >= 900);
  await t.request('POST', '/api/v1/namespaces/w3/configmaps', { body: cm('only') });
  const ev = await watch('/api/v1/namespaces/w3/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true', 2).done;
  assert.deepEqual(ev.map((e) => e.type), ['ADDED', 'BOOKMARK']);
  assert.equal(ev[1].object.metadata?.annotations?.['k8s.io/initial-events-end'], 'true');
});

test('watch in Table form sends column definitions only with the first event', async () => {
  await t.request('POST', '/api/v1/namespaces/w4/configmaps', { body: cm('a') });
  await t.request('POST', '/api/v1/namespaces/w4/configmaps', { body: cm('b') });
  const ev = await watch('/api/v1/namespaces/w4/configmaps?watch=1', 2, 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json').done;
  assert.equal(ev[0].object.kind, 'Table');
  assert.ok(Array.isArray(ev[0].object.columnDefinitions));
  assert.equal(ev[1].object.columnDefinitions, null);
  assert.equal(ev[1].object.rows?.[0].cells[0], 'b');
});

// upstream reads a boolean query parameter as runtime's Convert_Slice_string_To_bool does:
// `0` and `false` in any case are false, every other value (`f` and the empty one too) is true
const TRUE_SPELLINGS = ['1', 't', 'T', 'TRUE', 'true', 'True', 'f', 'F', 'yes', ''];
const FALSE_SPELLINGS = ['0', 'false', 'False', 'FALSE', 'fAlSe'];
const q = encodeURIComponent;

test('watch is read like upstream: every true spelling watches, every false one lists', async () => {
  await t.request('POST', '/api/v1/namespaces/wb1/configmaps', { body: cm('one') });
  for (const v of TRUE_SPELLINGS) {
    const ev = await watch(`/api/v1/namespaces/wb1/configmaps?watch=${q(v)}`, 1).done;
    assert.deepEqual(ev.map((e) => `${e.type} ${e.object.metadata?.name}`), ['ADDED one'], `watch=${v}`);
  }
  for (const v of FALSE_SPELLINGS) {
    const r = await t.request('GET', `/api/v1/namespaces/wb1/configmaps?watch=${q(v)}`);
    assert.equal(r.json<{ kind: string }>().kind, 'ConfigMapList', `watch=${v}`);
  }
});

test('allowWatchBookmarks and sendInitialEvents are read like upstream in every spelling', async () => {
  await t.request('POST', '/api/v1/namespaces/wb2/configmaps', { body: cm('one') });
  const base = '/api/v1/namespaces/wb2/configmaps?watch=1&resourceVersionMatch=NotOlderThan&timeoutSeconds=1';
  const types = async (query: string) => (await watch(`${base}&${query}`, 5).done).map((e) => e.type);
  const runs = await Promise.all([
    ...TRUE_SPELLINGS.map(async (v) => [`allowWatchBookmarks=${v}`, await types(`sendInitialEvents=true&allowWatchBookmarks=${q(v)}`), ['ADDED', 'BOOKMARK']] as const),
    ...FALSE_SPELLINGS.map(async (v) => [`allowWatchBookmarks=${v}`, await types(`sendInitialEvents=true&allowWatchBookmarks=${q(v)}`), ['ADDED']] as const),
    ...TRUE_SPELLINGS.map(async (v) => [`sendInitialEvents=${v}`, await types(`sendInitialEvents=${q(v)}&allowWatchBookmarks=true`), ['ADDED', 'BOOKMARK']] as const),
    ...FALSE_SPELLINGS.map(async (v) => [`sendInitialEvents=${v}`, await types(`sendInitialEvents=${q(v)}&allowWatchBookmarks=true`), []] as const),
  ]);
  for (const [what, got, want] of runs) assert.deepEqual(got, want, what);
});

test('a watch is long-running: the request timeout parameter does not end it, timeoutSeconds does', async () => {
  await t.request('POST', '/api/v1/namespaces/wt/configmaps', { body: cm('first') });
  const w = watch('/api/v1/namespaces/wt/configmaps?watch=1&timeout=1s', 2);
  await new Promise((r) => setTimeout(r, 1500));
  await t.request('POST', '/api/v1/namespaces/wt/configmaps', { body: cm('later') });
  const ev = await w.done;
  assert.deepEqual(ev.map((e) => `${e.type} ${e.object.metadata?.name}`), ['ADDED first', 'ADDED later']);
});
