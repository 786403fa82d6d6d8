import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { WatchEvent } from './store.js';
import { WatchQueue } from './watch-queue.js';

const ev = (revision: number): WatchEvent => ({
  type: 'ADDED', revision, kv: { key: '/registry/k', value: new Uint8Array([1]), createRevision: revision, modRevision: revision },
});

async function drain(q: AsyncIterable<WatchEvent>): Promise<number[]> {
  const out: number[] = [];
  for await (const e of q) out.push(e.revision);
  return out;
}

it('hands out pushed events in order, then ends on abort', async () => {
  const ac = new AbortController();
  let closed = 0;
  const q = new WatchQueue(ac.signal, () => closed++);
  q.push(ev(1));
  const pending = q.next();
  q.push(ev(2));
  assert.equal((await pending).value?.revision, 1);
  const waiting = q.next();
  ac.abort();
  assert.equal((await waiting).value?.revision, 2);
  assert.equal((await q.next()).done, true);
  assert.equal(closed, 1);
});

it('delivers buffered events before an error', async () => {
  const q = new WatchQueue();
  q.push(ev(1));
  q.fail(new Error('boom'));
  assert.equal((await q.next()).value?.revision, 1);
  await assert.rejects(q.next(), /boom/);
  assert.equal((await q.next()).done, true);
});

it('ends a consumer that falls too far behind after the events it holds', async () => {
  const q = new WatchQueue(undefined, undefined, 3);
  for (let r = 1; r <= 10; r++) q.push(ev(r));
  assert.deepEqual(await drain(q), [1, 2, 3]);
  assert.equal(q.closed, true);
});
