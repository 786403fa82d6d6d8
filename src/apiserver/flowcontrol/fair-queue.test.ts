import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FairQueue } from './fair-queue.js';

test('runs up to the limit at once, then queues', async () => {
  const q = new FairQueue('l', { limit: 2, queueLengthLimit: 5, waitMs: 10_000 });
  assert.equal(await q.acquire('a'), 'executing');
  assert.equal(await q.acquire('a'), 'executing');
  const third = q.acquire('a');
  assert.equal(q.stats().waiting, 1);
  q.release();
  assert.equal(await third, 'executing');
  assert.equal(q.stats().executing, 2);
});

test('freed seats go fairly between flows: newcomers first, then turn by turn; a noisy flow cannot starve a quiet one', async () => {
  const q = new FairQueue('l', { limit: 1, queueLengthLimit: 50, waitMs: 10_000 });
  assert.equal(await q.acquire('noisy'), 'executing');
  const order: string[] = [];
  const wait = (flow: string, i: number) => q.acquire(flow).then((r) => { assert.equal(r, 'executing'); order.push(`${flow}${i}`); });
  const all = [];
  for (let i = 0; i < 6; i++) all.push(wait('noisy', i));
  all.push(wait('quiet', 0), wait('quiet', 1), wait('other', 0));
  for (let i = 0; i < 9; i++) {
    q.release();
    await new Promise((r) => setImmediate(r));
  }
  await Promise.all(all);
  // noisy already holds the seat, so the others' first requests go ahead of its queue
  assert.deepEqual(order, ['quiet0', 'other0', 'noisy0', 'quiet1', 'noisy1', 'noisy2', 'noisy3', 'noisy4', 'noisy5']);
});

test('a full flow queue rejects that flow only', async () => {
  const q = new FairQueue('l', { limit: 1, queueLengthLimit: 2, waitMs: 10_000 });
  await q.acquire('noisy');
  const waiting = [q.acquire('noisy'), q.acquire('noisy')];
  assert.equal(await q.acquire('noisy'), 'rejected');
  const quiet = q.acquire('quiet');
  assert.equal(q.stats().waiting, 3);
  assert.equal(q.stats().rejected, 1);
  q.release();
  q.release();
  q.release();
  assert.deepEqual(await Promise.all([...waiting, quiet]), ['executing', 'executing', 'executing']);
});

test('queueLengthLimit 0 rejects as soon as the seats are taken', async () => {
  const q = new FairQueue('catch-all', { limit: 1, queueLengthLimit: 0, waitMs: 10_000 });
  assert.equal(await q.acquire('a'), 'executing');
  assert.equal(await q.acquire('b'), 'rejected');
});

test('waiting too long times out; a cancelled waiter leaves the queue', async () => {
  const q = new FairQueue('l', { limit: 1, queueLengthLimit: 5, waitMs: 30 });
  await q.acquire('a');
  assert.equal(await q.acquire('b'), 'timeout');
  const ac = new AbortController();
  const p = q.acquire('c', ac.signal);
  ac.abort();
  assert.equal(await p, 'cancelled');
  const s = q.stats();
  assert.equal(s.waiting, 0);
  assert.equal(s.timedOut, 1);
  assert.equal(s.cancelled, 1);
  q.release();
  assert.equal(q.stats().executing, 0);
});
