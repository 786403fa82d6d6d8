// Writes that carry no resourceVersion have no precondition: however many writers race on
// one object, upstream retries them until they land. Only a stated resourceVersion (or uid)
// may end in 409 Conflict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import type { ClientHttp2Session } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../storage/sqlite.js';
import { h2Request as h2, h2Session, removeDir, startTestServer, type TestServer } from './testing.js';

const WRITERS = 30;
const CM = '/api/v1/namespaces/default/configmaps';

async function freshConfigMap(t: TestServer, name: string): Promise<void> {
  const r = await t.request('POST', CM, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } } });
  assert.equal(r.status, 201, r.text);
}

async function labelsOf(t: TestServer, name: string): Promise<Record<string, string>> {
  return (await t.request('GET', `${CM}/${name}`)).json<{ metadata: { labels?: Record<string, string> } }>().metadata.labels ?? {};
}

function expectAll(statuses: { status: number; text: string }[], code = 200): void {
  const bad = statuses.filter((r) => r.status !== code);
  assert.equal(bad.length, 0, `${bad.length} of ${statuses.length} failed, e.g. ${bad[0]?.status} ${bad[0]?.text}`);
}

const each = (f: (i: number) => Promise<{ status: number; text: string }>) => Promise.all(Array.from({ length: WRITERS }, (_, i) => f(i)));

/** The test body over a memory store and over SQLite (whose batched commits widen the race). */
function onBothStores(name: string, body: (t: TestServer, s: ClientHttp2Session) => Promise<void>): void {
  for (const kind of ['memory', 'sqlite'] as const) {
    test(`${name} (${kind} store)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kubets-writers-'));
      const t = await startTestServer(kind === 'sqlite' ? { store: new SqliteStore({ path: join(dir, 'state.db') }) } : {});
      const s = h2Session(t);
      try {
        await body(t, s);
      } finally {
        s.close();
        await t.close();
        removeDir(dir);
      }
    });
  }
}
const wantLabels = Object.fromEntries(Array.from({ length: WRITERS }, (_, i) => [`w${i}`, 'x']));

onBothStores(`${WRITERS} concurrent merge, strategic and JSON patches without a resourceVersion all land`, async (t, s) => {
  const cases: [string, string, (i: number) => unknown][] = [
    ['merge', 'application/merge-patch+json', (i) => ({ metadata: { labels: { [`w${i}`]: 'x' } } })],
    ['strategic', 'application/strategic-merge-patch+json', (i) => ({ metadata: { labels: { [`w${i}`]: 'x' } } })],
    ['json', 'application/json-patch+json', (i) => [{ op: 'add', path: `/metadata/labels/w${i}`, value: 'x' }]],
  ];
  for (const [name, type, body] of cases) {
    await freshConfigMap(t, name);
    if (name === 'json') await t.request('PATCH', `${CM}/${name}`, { body: { metadata: { labels: {} } }, contentType: 'application/merge-patch+json' });
    expectAll(await each((i) => h2(s, 'PATCH', `${CM}/${name}`, body(i), type)));
    assert.deepEqual(await labelsOf(t, name), wantLabels, name);
  }
});

onBothStores(`${WRITERS} concurrent server-side applies by different managers and unconditional PUTs all land`, async (t, s) => {
  await freshConfigMap(t, 'applied');
  expectAll(await each((i) => h2(s, 'PATCH', `${CM}/applied?fieldManager=m${i}`,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied', labels: { [`w${i}`]: 'x' } } }, 'application/apply-patch+yaml')));
  assert.deepEqual(await labelsOf(t, 'applied'), wantLabels);

  await freshConfigMap(t, 'put');
  const puts = await each((i) => h2(s, 'PUT', `${CM}/put`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'put' }, data: { who: String(i) } }));
  expectAll(puts);
  // every PUT answered with a distinct resourceVersion: each one was written
  assert.equal(new Set(puts.map((r) => JSON.parse(r.text).metadata.resourceVersion)).size, WRITERS);
});

test('a write that states a stale resourceVersion still fails with 409 Conflict', async () => {
  const t = await startTestServer();
  try {
    await freshConfigMap(t, 'stale');
    const rv = (await t.request('GET', `${CM}/stale`)).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    await t.request('PATCH', `${CM}/stale`, { body: { data: { b: '2' } }, contentType: 'application/merge-patch+json' });
    const r = await t.request('PATCH', `${CM}/stale`, { body: { metadata: { resourceVersion: rv }, data: { c: '3' } }, contentType: 'application/merge-patch+json' });
    assert.equal(r.status, 409, r.text);
    const p = await t.request('PUT', `${CM}/stale`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stale', resourceVersion: rv } } });
    assert.equal(p.status, 409, p.text);
  } finally {
    await t.close();
  }
});

test('a PUT whose metadata.uid differs from the stored object\'s is a 409 on the UID precondition', async () => {
  const t = await startTestServer();
  try {
    await freshConfigMap(t, 'uid');
    const live = (await t.request('GET', `${CM}/uid`)).json<{ metadata: { uid: string } }>();
    const r = await t.request('PUT', `${CM}/uid`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'uid', uid: 'not-the-uid' }, data: { b: '2' } } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json().message, 'Operation cannot be fulfilled on configmaps "uid": StorageError: invalid object, Code: 4, '
      + `Key: /registry/configmaps/default/uid, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: not-the-uid, UID in object meta: ${live.metadata.uid}`);
    assert.equal((await t.request('PUT', `${CM}/uid`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'uid', uid: live.metadata.uid }, data: { b: '2' } } })).status, 200);
  } finally {
    await t.close();
  }
});
