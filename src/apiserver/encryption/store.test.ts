import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scheme } from '../../api/index.js';
import { MemoryStore } from '../../storage/memory.js';
import { parseEncryptionConfiguration } from './config.js';
import { EncryptingStore, isStaleValue } from './store.js';

const key = (n: number): string => Buffer.alloc(32, n).toString('base64');
const config = (...names: Array<[string, number]>): string => `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
${names.map(([p, n]) => p === 'identity' ? '      - identity: {}' : `      - ${p}:\n          keys: [{name: key${n}, secret: ${key(n)}}]`).join('\n')}
`;

const SECRET = '/registry/secrets/default/db';
const POD = '/registry/pods/default/web';
const value = new TextEncoder().encode('{"kind":"Secret","data":{"password":"c3VwZXJzZWNyZXQ="}}');
const text = (v: Uint8Array | undefined): string => Buffer.from(v ?? []).toString('latin1');

test('configured resources are sealed in the backend and opened on get, range, delete and watch', async () => {
  const raw = new MemoryStore();
  const store = new EncryptingStore(raw, parseEncryptionConfiguration(config(['aescbc', 1], ['identity', 0])), scheme);
  try {
    const ac = new AbortController();
    const events = store.watch('/registry/', { prefix: true, signal: ac.signal });
    const rev = await store.create(SECRET, value);
    await store.create(POD, value);
    const stored = await raw.get(SECRET);
    assert.ok(text(stored?.value).startsWith('k8s:enc:aescbc:v1:key1:'));
    assert.ok(!text(stored?.value).includes('c3VwZXJzZWNyZXQ='));
    assert.equal(text((await raw.get(POD))?.value), text(value), 'pods are not configured: plaintext');
    assert.equal(text((await store.get(SECRET))?.value), text(value));
    assert.deepEqual((await store.range('/registry/secrets/')).items.map((kv) => text(kv.value)), [text(value)]);
    await store.update(SECRET, value, rev);
    const first = await events.next();
    assert.equal(first.value.type, 'ADDED');
    assert.equal(text(first.value.kv.value), text(value));
    await events.next();
    const mod = await events.next();
    assert.equal(mod.value.type, 'MODIFIED');
    assert.equal(text(mod.value.prevKv?.value), text(value));
    const del = await store.delete(SECRET);
    assert.equal(text(del.prev.value), text(value));
    const gone = await events.next();
    assert.equal(gone.value.type, 'DELETED');
    assert.equal(text(gone.value.kv.value), text(value));
    ac.abort();
    await events.return?.();
  } finally {
    await store.close();
  }
});

test('key rotation: old values read (stale) with any configured key, rewrites use the first', async () => {
  const raw = new MemoryStore();
  const v1 = new EncryptingStore(raw, parseEncryptionConfiguration(config(['aesgcm', 1])), scheme);
  await v1.create(SECRET, value);
  // plaintext written before encryption was on, read through identity
  await raw.create('/registry/secrets/default/old', value);
  const v2 = new EncryptingStore(raw, parseEncryptionConfiguration(config(['secretbox', 2], ['aesgcm', 1], ['identity', 0])), scheme);
  const kv = await v2.get(SECRET);
  assert.equal(text(kv?.value), text(value));
  assert.equal(isStaleValue(kv!), true);
  assert.equal(isStaleValue((await v2.get('/registry/secrets/default/old'))!), true);
  await v2.update(SECRET, kv!.value, kv!.modRevision);
  assert.ok(text((await raw.get(SECRET))?.value).startsWith('k8s:enc:secretbox:v1:key2:'));
  const fresh = await v2.get(SECRET);
  assert.equal(isStaleValue(fresh!), false);
  // once key1 is dropped from the configuration, values still under it cannot be read
  const v3 = new EncryptingStore(raw, parseEncryptionConfiguration(config(['secretbox', 2])), scheme);
  assert.equal(text((await v3.get(SECRET))?.value), text(value));
  await v1.create('/registry/secrets/default/late', value);
  await assert.rejects(v3.get('/registry/secrets/default/late'), /unable to decrypt \/registry\/secrets\/default\/late: no matching prefix found/);
  await raw.close();
});
