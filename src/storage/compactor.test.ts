import assert from 'node:assert/strict';
import { it } from 'node:test';
import { startCompactor } from './compactor.js';
import { CompactedError } from './errors.js';
import { MemoryStore } from './memory.js';

it('compacts to the revision seen one retention window ago, keeping newer history', async () => {
  const store = new MemoryStore();
  let now = 0;
  const c = startCompactor(store, { intervalMs: 3_600_000, retentionMs: 300_000, now: () => now });
  const put = async (v: string): Promise<number> => {
    const cur = await store.get('/registry/k');
    const value = new TextEncoder().encode(v);
    return cur ? store.update('/registry/k', value, cur.modRevision) : store.create('/registry/k', value);
  };
  await c.tick(); // t=0: revision 0 noted
  const r1 = await put('1');
  now = 60_000;
  await c.tick(); // t=60 s: r1 noted
  const r2 = await put('2');
  now = 299_000;
  await c.tick();
  assert.equal(await store.compactedRevision(), 0, 'nothing is five minutes old yet');
  now = 360_000;
  await c.tick(); // the t=60 s sample (r1) is now five minutes old
  assert.equal(await store.compactedRevision(), r1);
  assert.equal(new TextDecoder().decode((await store.get('/registry/k', r1))!.value), '1');
  await put('3');
  now = 420_000;
  await c.tick(); // the t=299 s sample (r2) is not yet old enough
  assert.equal(await store.compactedRevision(), r1);
  now = 600_000;
  await c.tick();
  assert.equal(await store.compactedRevision(), r2);
  await assert.rejects(store.get('/registry/k', r1), CompactedError);
  await c.stop();
  await store.close();
});
