import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { nextEvents, storeConformance } from './conformance.js';
import { StorageTimeoutError, StorageUnavailableError } from './errors.js';
import { EtcdStore } from './etcd.js';
import { startEtcd } from './etcd-testing.js';
import { openStore } from './index.js';

const etcd = await startEtcd();
after(() => etcd.stop());

const open = (requestTimeoutMs?: number): EtcdStore =>
  new EtcdStore({ endpoints: [etcd.endpoint], namespace: `/t-${randomBytes(4).toString('hex')}`, requestTimeoutMs });

storeConformance('etcd', { open: async () => open() });

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('EtcdStore', () => {
  it('keeps keys of different namespaces apart', async () => {
    const a = open();
    const b = open();
    await a.create('/registry/x', enc('a'));
    assert.equal(await b.get('/registry/x'), undefined);
    assert.equal(await b.count('/registry/'), 0);
    await Promise.all([a.close(), b.close()]);
  });

  it('reports an etcd outage promptly as unavailable and works again once etcd is back', async () => {
    const s = open(2000);
    const r0 = await s.create('/registry/outage', enc('created'));
    const ac = new AbortController();
    const w = s.watch('/registry/outage', { signal: ac.signal, revision: r0 + 1 });
    const r1 = await s.update('/registry/outage', enc('before'), r0);
    assert.equal((await nextEvents(w, 1))[0]!.revision, r1); // the watch is established
    await etcd.kill();
    const t0 = Date.now();
    const err = await s.get('/registry/outage').catch((e: unknown) => e);
    assert.ok(err instanceof StorageUnavailableError || err instanceof StorageTimeoutError, String(err));
    assert.match((err as Error).message, /^storage (unavailable|request timed out): etcd at http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(Date.now() - t0 < 4000, `took ${Date.now() - t0} ms`);
    await assert.rejects(s.update('/registry/outage', enc('during'), r1), (e) => e instanceof StorageUnavailableError || e instanceof StorageTimeoutError);

    await etcd.restart();
    const deadline = Date.now() + 20_000;
    let r2 = 0;
    while (!r2) {
      try {
        r2 = await s.update('/registry/outage', enc('after'), r1);
      } catch (e) {
        assert.ok(e instanceof StorageUnavailableError || e instanceof StorageTimeoutError, String(e));
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    assert.equal(dec((await s.get('/registry/outage'))!.value), 'after');
    const [ev] = await nextEvents(w, 1, 20_000);
    assert.deepEqual([ev!.type, ev!.revision, dec(ev!.kv.value)], ['MODIFIED', r2, 'after']);
    ac.abort();
    await s.close();
  });
});

describe('EtcdStore over TLS', () => {
  it('connects with the CA and a client certificate from files, through openStore', async () => {
    const secure = await startEtcd({ tls: true });
    try {
      assert.match(secure.endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
      const s = await openStore(`etcd://${secure.endpoint.slice('https://'.length)}/tls`, {
        dataDir: '/nonexistent', etcdTls: secure.tls, compaction: false,
      });
      const r = await s.create('/registry/secure', enc('yes'));
      assert.equal((await s.get('/registry/secure'))!.modRevision, r);
      await s.close();
      // without a client certificate the server refuses the handshake
      const anon = new EtcdStore({ endpoints: [secure.endpoint], tls: { ca: readFileSync(secure.tls!.caFile) }, requestTimeoutMs: 2000 });
      await assert.rejects(anon.get('/registry/secure'), (e) => e instanceof StorageUnavailableError || e instanceof StorageTimeoutError);
      await anon.close();
    } finally {
      await secure.stop();
    }
  });
});
