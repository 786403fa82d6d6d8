import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '../storage/memory.js';
import { decodeObject, encodeObject } from './registry.js';
import { WatchCache, type CacheEvent } from './watch-cache.js';

const enc = (name: string, v = '1') => encodeObject({ kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data: { v } });
const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), 'condition not reached');
};

test('the cache loads the current state, follows writes and serves lists in key order', async () => {
  const store = new MemoryStore();
  await store.create('/registry/configmaps/ns/b', enc('b'));
  await store.create('/registry/configmaps/ns/a', enc('a'));
  const cache = new WatchCache(store, { decode: decodeObject });
  await cache.start();
  assert.deepEqual(cache.list('/registry/configmaps/').items.map((i) => i.obj.metadata?.name), ['a', 'b']);
  const rev = await store.create('/registry/configmaps/ns/c', enc('c'));
  await cache.waitUntilFresh(rev);
  const l = cache.list('/registry/configmaps/ns/');
  assert.equal(l.revision, rev);
  assert.deepEqual(l.items.map((i) => i.obj.metadata?.name), ['a', 'b', 'c']);
  assert.equal(cache.get('/registry/configmaps/ns/c')?.metadata?.resourceVersion, String(rev));
  await cache.stop();
  await store.close();
});

test('watches replay the ring after a revision, then stream; prev objects are attached', async () => {
  const store = new MemoryStore();
  const cache = new WatchCache(store, { decode: decodeObject });
  await cache.start();
  const r1 = await store.create('/registry/configmaps/ns/a', enc('a'));
  const cur = await store.get('/registry/configmaps/ns/a');
  await store.update('/registry/configmaps/ns/a', enc('a', '2'), cur!.modRevision);
  await store.create('/registry/secrets/ns/s', enc('s'));
  const { revision: r4 } = await store.delete('/registry/configmaps/ns/a');
  await cache.waitUntilFresh(r4);

  const seen: CacheEvent[] = [];
  const w = cache.watch('/registry/configmaps/', r1, (e) => seen.push(e));
  assert.deepEqual(seen.map((e) => e.type), ['MODIFIED', 'DELETED']);
  assert.equal((seen[0].prev?.data as Record<string, string>).v, '1');
  assert.equal(seen[1].obj.metadata?.resourceVersion, String(r4));
  await store.create('/registry/configmaps/ns/z', enc('z'));
  await waitFor(() => seen.length === 3);
  assert.equal(seen[2].type, 'ADDED');
  w.cancel();
  await store.create('/registry/configmaps/ns/y', enc('y'));
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(seen.length, 3);
  await cache.stop();
  await store.close();
});

test('a watch older than the ring is 410 Expired with upstream\'s message', async () => {
  const store = new MemoryStore();
  for (let i = 0; i < 3; i++) await store.create(`/registry/configmaps/ns/o${i}`, enc(`o${i}`));
  const cache = new WatchCache(store, { decode: decodeObject, capacity: 2 });
  await cache.start();
  assert.throws(() => cache.watch('/registry/', 1, () => undefined), (e: Error & { code?: number }) => {
    assert.equal(e.code, 410);
    assert.equal(e.message, 'too old resource version: 1 (4)');
    return true;
  });
  let last = 0;
  for (let i = 0; i < 4; i++) last = await store.create(`/registry/configmaps/ns/n${i}`, enc(`n${i}`));
  await cache.waitUntilFresh(last);
  // the ring holds the last 2 events: starting after last-2 works, after last-3 does not
  const seen: string[] = [];
  cache.watch('/registry/', last - 2, (e) => seen.push(e.obj.metadata?.name ?? '')).cancel();
  assert.deepEqual(seen, ['n2', 'n3']);
  assert.throws(() => cache.watch('/registry/', last - 3, () => undefined), /too old resource version/);
  await cache.stop();
  await store.close();
});

test('waitUntilFresh times out with a 504 when the revision never arrives', async () => {
  const store = new MemoryStore();
  const cache = new WatchCache(store, { decode: decodeObject });
  await cache.start();
  await assert.rejects(cache.waitUntilFresh(99, 50), (e: Error & { code?: number }) => e.code === 504);
  await cache.stop();
  await store.close();
});
