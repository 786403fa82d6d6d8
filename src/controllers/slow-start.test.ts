import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slowStartBatch } from './slow-start.js';

test('slowStartBatch: batches of 1, 2, 4, 8 … capped by what remains', async () => {
  const batches: number[] = [];
  let inFlight = 0;
  let batchMax = 0;
  let started = 0;
  const r = await slowStartBatch(10, 1, async () => {
    started++;
    inFlight++;
    batchMax = Math.max(batchMax, inFlight);
    await new Promise((res) => setImmediate(res));
    if (inFlight === batchMax) batches.push(batchMax);
    inFlight--;
    if (inFlight === 0) batchMax = 0;
  });
  assert.deepEqual(r, { successes: 10 });
  assert.equal(started, 10);
  assert.deepEqual(batches, [1, 2, 4, 3]);
});

test('slowStartBatch: stops after the first failing batch', async () => {
  let calls = 0;
  const r = await slowStartBatch(100, 1, async (i) => {
    calls++;
    if (i === 4) throw new Error('quota exceeded');
  });
  // batches 1 (i=0), 2 (i=1,2), 4 (i=3..6, i=4 fails): 7 calls, 6 successes
  assert.equal(calls, 7);
  assert.equal(r.successes, 6);
  assert.equal((r.error as Error).message, 'quota exceeded');
});

test('slowStartBatch: nothing to do', async () => {
  assert.deepEqual(await slowStartBatch(0, 1, async () => { throw new Error('no'); }), { successes: 0 });
});
