import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkQueue } from './workqueue.js';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter, MaxOfRateLimiter, defaultControllerRateLimiter } from './rate-limiters.js';
import { TokenBucket } from './token-bucket.js';

test('a key waiting is queued once', async () => {
  const q = new WorkQueue();
  q.add('a');
  q.add('b');
  q.add('a');
  assert.equal(q.length, 2);
  assert.equal(await q.get(), 'a');
  assert.equal(await q.get(), 'b');
  assert.equal(q.length, 0);
});

test('a key in processing is not handed to a second worker; re-added, it comes back after done', async () => {
  const q = new WorkQueue();
  q.add('a');
  const k = await q.get();
  q.add('a');
  assert.equal(q.length, 0, 'not queued while processing');
  let second: string | undefined;
  const waiting = q.get().then((x) => (second = x));
  await new Promise((r) => setImmediate(r));
  assert.equal(second, undefined, 'the second worker waits');
  q.done(k!);
  await waiting;
  assert.equal(second, 'a');
  q.done('a');
  assert.equal(q.length, 0);
});

test('workers never hold the same key at once (concurrent workers, many adds)', async () => {
  const q = new WorkQueue<number>();
  const holding = new Set<number>();
  let processed = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const k = await q.get();
      if (k === undefined) return;
      assert.ok(!holding.has(k), `key ${k} held twice`);
      holding.add(k);
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      holding.delete(k);
      processed++;
      q.done(k);
    }
  };
  const workers = Array.from({ length: 4 }, worker);
  for (let i = 0; i < 200; i++) {
    q.add(i % 5);
    if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
  }
  await new Promise((r) => setTimeout(r, 30));
  await q.shutDownWithDrain();
  await Promise.all(workers);
  assert.ok(processed >= 5 && processed < 200, `processed ${processed}`);
});

test('addAfter delays, and the earliest delay wins', async () => {
  const q = new WorkQueue();
  const start = Date.now();
  q.addAfter('a', 80);
  q.addAfter('a', 30);
  q.addAfter('a', 200);
  assert.equal(q.length, 0);
  assert.equal(await q.get(), 'a');
  const took = Date.now() - start;
  assert.ok(took >= 25 && took < 150, `took ${took}`);
  q.done('a');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(q.length, 0, 'the later delays were dropped');
});

test('shutDown releases waiting workers; shutDownWithDrain waits for work in hand', async () => {
  const q = new WorkQueue();
  const idle = q.get();
  q.add('x');
  const x = await idle;
  assert.equal(x, 'x');
  let drained = false;
  const d = q.shutDownWithDrain().then(() => (drained = true));
  assert.equal(await q.get(), undefined);
  q.add('y');
  assert.equal(q.length, 0, 'no adds after shutdown');
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(drained, false);
  q.done('x');
  await d;
  assert.equal(drained, true);
});

test('per-item exponential backoff 5 ms … 1000 s, forget resets', () => {
  const l = new ItemExponentialFailureRateLimiter<string>();
  assert.deepEqual([l.when('a'), l.when('a'), l.when('a'), l.when('b')], [5, 10, 20, 5]);
  assert.equal(l.numRequeues('a'), 3);
  for (let i = 0; i < 40; i++) l.when('a');
  assert.equal(l.when('a'), 1000_000);
  l.forget('a');
  assert.equal(l.numRequeues('a'), 0);
  assert.equal(l.when('a'), 5);
});

test('the bucket limiter lets 100 through at once, then 10/s; the default takes the max', () => {
  let now = 0;
  const b = new BucketRateLimiter<string>(10, 100, () => now);
  for (let i = 0; i < 100; i++) assert.equal(b.when(), 0);
  assert.equal(b.when(), 100);
  assert.equal(b.when(), 200);
  now = 1000;
  assert.equal(b.when(), 0, 'after 1 s ten tokens refilled, two of them owed');
  const max = new MaxOfRateLimiter<string>(new ItemExponentialFailureRateLimiter(5, 1000_000), new BucketRateLimiter(10, 100, () => 0));
  for (let i = 0; i < 10; i++) max.when('k');
  assert.equal(max.when('k'), 5 * 2 ** 10, 'exponential dominates for one key');
  assert.equal(max.numRequeues('k'), 11);
  assert.ok(defaultControllerRateLimiter<string>().when('z') === 5);
});

test('addRateLimited backs off per key; forget resets numRequeues', async () => {
  const q = new WorkQueue<string>({ rateLimiter: new ItemExponentialFailureRateLimiter(20, 1000) });
  const start = Date.now();
  q.addRateLimited('a');
  assert.equal(await q.get(), 'a');
  q.done('a');
  q.addRateLimited('a');
  assert.equal(await q.get(), 'a');
  assert.ok(Date.now() - start >= 55, 'waited 20 + 40 ms');
  assert.equal(q.numRequeues('a'), 2);
  q.forget('a');
  assert.equal(q.numRequeues('a'), 0);
  q.done('a');
  q.shutDown();
});

test('token bucket: burst then qps; wait() queues behind reservations', async () => {
  let now = 0;
  const tb = new TokenBucket(2, 3, () => now);
  assert.deepEqual([tb.tryAccept(), tb.tryAccept(), tb.tryAccept(), tb.tryAccept()], [true, true, true, false]);
  now = 500;
  assert.equal(tb.tryAccept(), true);
  assert.equal(tb.reserve(), 500);
  assert.equal(tb.reserve(), 1000);
  const real = new TokenBucket(100, 1);
  const start = Date.now();
  await Promise.all([real.wait(), real.wait(), real.wait()]);
  assert.ok(Date.now() - start >= 18);
  const slow = new TokenBucket(1, 1);
  assert.equal(slow.tryAccept(), true);
  const ac = new AbortController();
  const p = slow.wait(ac.signal);
  ac.abort();
  await assert.rejects(p, { name: 'AbortError' });
});
