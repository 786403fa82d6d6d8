import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { storeConformance } from './conformance.js';
import { SqliteStore } from './sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'kubets-sqlite-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeConformance('sqlite', { open: async () => new SqliteStore({ path: join(dir, `conf-${n++}`, 'state.db') }) });

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('SqliteStore', () => {
  it('refuses a second opener of the same file while the first has it', async () => {
    const path = join(dir, 'locked', 'state.db');
    const s1 = new SqliteStore({ path });
    await s1.create('/registry/a', enc('1'));
    assert.throws(() => new SqliteStore({ path, lockTimeoutMs: 100 }), /locked\/state\.db is in use by another process/);
    await s1.close();
    const s2 = new SqliteStore({ path });
    assert.equal(dec((await s2.get('/registry/a'))!.value), '1');
    await s2.close();
  });

  it('keeps acknowledged writes, revisions and the compaction point across reopening', async () => {
    const path = join(dir, 'reopen', 'state.db');
    const s1 = new SqliteStore({ path });
    const r1 = await s1.create('/registry/a', enc('1'));
    const r2 = await s1.update('/registry/a', enc('2'), r1);
    await s1.create('/registry/b', enc('b'));
    const d = await s1.delete('/registry/b');
    await s1.compact(r2);
    await s1.close();
    const s2 = new SqliteStore({ path });
    assert.equal(await s2.currentRevision(), d.revision);
    assert.equal(await s2.compactedRevision(), r2);
    assert.equal(dec((await s2.get('/registry/a'))!.value), '2');
    assert.equal(await s2.get('/registry/b'), undefined);
    assert.equal(await s2.create('/registry/c', enc('c')), d.revision + 1);
    assert.equal(s2.integrityCheck(), 'ok');
    await s2.close();
  });

  it('commits concurrent writes in one transaction each with its own revision and result', async () => {
    const path = join(dir, 'group', 'state.db');
    const s = new SqliteStore({ path });
    const r0 = await s.create('/registry/x', enc('0'));
    const writes = [
      ...Array.from({ length: 50 }, (_, i) => s.create(`/registry/g/${i}`, enc(String(i)))),
      s.create('/registry/x', enc('dup')),
      s.update('/registry/x', enc('1'), r0),
      s.update('/registry/x', enc('stale'), r0),
    ];
    const results = await Promise.allSettled(writes);
    const revs = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value);
    assert.equal(revs.length, 51);
    assert.deepEqual(revs, Array.from({ length: 51 }, (_, i) => r0 + 1 + i));
    assert.equal(results.filter((r) => r.status === 'rejected').length, 2);
    await s.close();
    // the rows follow the kine layout
    const db = new Database(path, { readonly: true });
    const row = db.prepare('SELECT name, created, deleted, create_revision, prev_revision FROM kine WHERE id = ?').get(r0 + 51);
    assert.deepEqual(row, { name: '/registry/x', created: 0, deleted: 0, create_revision: r0, prev_revision: r0 });
    db.close();
  });

  it('compaction removes superseded rows and tombstones but keeps current values', async () => {
    const path = join(dir, 'compact', 'state.db');
    const s = new SqliteStore({ path, compactBatch: 7 });
    let rev = await s.create('/registry/k', enc('0'));
    for (let i = 1; i <= 100; i++) rev = await s.update('/registry/k', enc(String(i)), rev);
    const t = await s.create('/registry/t', enc('t'));
    const d = await s.delete('/registry/t', t);
    await s.compact(d.revision + 0);
    await s.create('/registry/after', enc('x'));
    await s.close();
    const db = new Database(path, { readonly: true });
    const names = db.prepare('SELECT id, name FROM kine WHERE id > 0 ORDER BY id').all() as Array<{ id: number; name: string }>;
    // the latest /registry/k row; the tombstone at the compaction point and the row it replaced
    // (its event's prevKv); the newer row
    assert.deepEqual(names.map((r) => r.name), ['/registry/k', '/registry/t', '/registry/t', '/registry/after']);
    assert.equal(names[0]!.id, rev);
    db.close();
  });
});
