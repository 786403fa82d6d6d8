import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkQueue } from '../client/workqueue.js';
import { TerminalError } from '../machinery/errors.js';
import { silentLogger } from '../machinery/log.js';
import { runWorkers } from './loop.js';


test('loop: requeueAfter, retry with backoff on error, none on TerminalError, never two workers on one key', async () => {
  const q = new WorkQueue<string>();
  const ac = new AbortController();
  const calls: string[] = [];
  const busy = new Set<string>();
  let flaky = 0;
  let again = 0;
  const done = runWorkers(q, async (key) => {
    assert.ok(!busy.has(key), `${key} reconciled twice at once`);
    busy.add(key);
    calls.push(key);
    await new Promise((r) => setTimeout(r, 5));
    busy.delete(key);
    if (key === 'flaky' && flaky++ < 2) throw new Error('conflict');
    if (key === 'terminal') throw new TerminalError('bad selector');
    if (key === 'again' && again++ === 0) return { requeueAfter: 20 };
    return undefined;
  }, 3, { signal: ac.signal, log: silentLogger });
  for (const k of ['flaky', 'terminal', 'again', 'same', 'same']) q.add(k);
  await new Promise((r) => setTimeout(r, 150));
  ac.abort();
  await done;
  const count = (k: string) => calls.filter((c) => c === k).length;
  assert.equal(count('flaky'), 3, 'two failures then success');
  assert.equal(count('terminal'), 1);
  assert.equal(count('again'), 2);
  assert.equal(count('same'), 1, 'de-duplicated');
});
