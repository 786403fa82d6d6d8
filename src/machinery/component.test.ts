import { test } from 'node:test';
import assert from 'node:assert/strict';
import { component, ComponentStartError, Runner, runComponents, startOrder, type Component } from './component.js';

function recorder(): { log: string[]; part(name: string, opts?: { needs?: string[]; fail?: boolean; slow?: boolean }): Component } {
  const log: string[] = [];
  return {
    log,
    part: (name, opts = {}) => component(name, async (signal) => {
      log.push(`start ${name}`);
      if (opts.slow) {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, 5000);
          signal.addEventListener('abort', () => {
            clearTimeout(t);
            reject(signal.reason);
          }, { once: true });
        });
      }
      if (opts.fail) throw new Error(`${name} broke`);
    }, () => {
      log.push(`stop ${name}`);
    }, opts.needs),
  };
}

test('components start in dependency order and stop in reverse', async () => {
  const r = recorder();
  const runner = new Runner([r.part('authz', { needs: ['server'] }), r.part('server', { needs: ['storage'] }), r.part('storage'), r.part('other')]);
  await runner.start(new AbortController().signal);
  await runner.stop();
  assert.deepEqual(r.log, ['start storage', 'start server', 'start authz', 'start other', 'stop other', 'stop authz', 'stop server', 'stop storage']);
  await runner.stop();
  assert.equal(r.log.length, 8, 'a second stop stops nothing again');
});

test('when one fails to start, the started ones stop in reverse and the error names it', async () => {
  const r = recorder();
  const runner = new Runner([r.part('a'), r.part('b'), r.part('c', { fail: true }), r.part('d')]);
  await assert.rejects(runner.start(new AbortController().signal), (e: Error) =>
    e instanceof ComponentStartError && e.component === 'c' && e.message === 'c: c broke' && (e.cause as Error).message === 'c broke');
  assert.deepEqual(r.log, ['start a', 'start b', 'start c', 'stop b', 'stop a']);
});

test('an abort during start ends the start under way and stops what had started', async () => {
  const r = recorder();
  const ac = new AbortController();
  const runner = new Runner([r.part('a'), r.part('slow', { slow: true }), r.part('never')]);
  const started = runner.start(ac.signal);
  setTimeout(() => ac.abort(new Error('SIGTERM')), 20);
  await assert.rejects(started, /SIGTERM/);
  assert.deepEqual(r.log, ['start a', 'start slow', 'stop a']);
});

test('runComponents runs until the signal aborts, then stops in reverse; a stop failure does not keep the rest running', async () => {
  const r = recorder();
  const ac = new AbortController();
  const broken = component('broken', () => undefined, () => {
    throw new Error('cannot stop');
  });
  const errors: string[] = [];
  const log = { info: () => undefined, error: (m: string, f?: Record<string, unknown>) => errors.push(`${m} ${String(f?.part)}`), child: () => log };
  const done = runComponents([r.part('a'), broken, r.part('b')], ac.signal, log);
  await new Promise((res) => setTimeout(res, 20));
  assert.deepEqual(r.log, ['start a', 'start b']);
  ac.abort();
  await done;
  assert.deepEqual(r.log, ['start a', 'start b', 'stop b', 'stop a']);
  assert.deepEqual(errors, ['stop failed broken']);
});

test('startOrder refuses unknown needs and cycles', () => {
  const r = recorder();
  assert.throws(() => startOrder([r.part('a', { needs: ['x'] })]), /component a needs x, which is not there/);
  assert.throws(() => startOrder([r.part('a', { needs: ['b'] }), r.part('b', { needs: ['a'] })]), /cycle/);
});
