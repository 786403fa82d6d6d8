import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { watchStream, type WatchSink } from './watch-stream.js';

/** A response that takes `room` lines and then reports itself full until drained. */
class FakeSink extends EventEmitter implements WatchSink {
  written: string[] = [];
  destroyed = false;
  room: number;
  constructor(room: number) {
    super();
    this.room = room;
  }
  write(chunk: string): boolean {
    this.written.push(chunk);
    return this.written.length < this.room;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
  drain(more: number): void {
    this.room = this.written.length + more;
    this.emit('drain');
  }
}

test('initial events are made only as the client takes them, and pushed lines follow them in order', () => {
  const sink = new FakeSink(2);
  let made = 0;
  const s = watchStream(sink, () => assert.fail('not dropped'));
  s.feed((function* lines() {
    for (let i = 0; i < 1000; i++) {
      made++;
      yield `init${i}\n`;
    }
  })());
  s.push('live\n');
  assert.equal(made, 2, 'a blocked client holds no rendered copy of the list');
  sink.drain(1e6);
  assert.equal(sink.written.length, 1001);
  assert.equal(sink.written[1000], 'live\n');
  s.push('next\n');
  assert.equal(sink.written.at(-1), 'next\n');
});

test('a blocked watcher whose queue passes the bound is destroyed, not ended', () => {
  const sink = new FakeSink(1);
  const why: string[] = [];
  const s = watchStream(sink, (w) => why.push(w), { maxQueuedBytes: 100, maxBlockedMs: 60_000 });
  s.push('first\n');
  for (let i = 0; i < 20; i++) s.push('x'.repeat(9) + '\n');
  assert.equal(sink.destroyed, true);
  assert.equal(s.closed, true);
  assert.deepEqual(why, ['more than 100 bytes of events queued']);
  assert.equal(sink.written.length, 1);
});

test('a watcher that stays blocked past the limit is destroyed; one that drains in time is kept', async () => {
  const slow = new FakeSink(1);
  const kept = new FakeSink(1);
  const dropped: string[] = [];
  const a = watchStream(slow, (w) => dropped.push(w), { maxQueuedBytes: 1e6, maxBlockedMs: 50 });
  const b = watchStream(kept, () => dropped.push('kept one'), { maxQueuedBytes: 1e6, maxBlockedMs: 50 });
  a.push('a\n');
  b.push('b\n');
  setTimeout(() => kept.drain(10), 20);
  await new Promise((r) => setTimeout(r, 120));
  assert.deepEqual(dropped, ['blocked for 0.05s']);
  assert.equal(slow.destroyed, true);
  assert.equal(kept.destroyed, false);
  assert.equal(b.closed, false);
});
