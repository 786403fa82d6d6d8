import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { createLogger } from './log.js';

const at = () => new Date('2026-01-02T03:04:05.678Z');

test('JSON lines carry ts, level, component, msg and the key/values', () => {
  const lines: string[] = [];
  const log = createLogger('apiserver', { out: { write: (l: string) => lines.push(l) }, format: 'json', now: at });
  log.info('listening', { address: '127.0.0.1:6443', skipped: undefined });
  log.child('authz').error('aggregation failed', { err: new Error('boom') });
  assert.deepEqual(lines.map((l) => JSON.parse(l)), [
    { ts: '2026-01-02T03:04:05.678Z', level: 'info', component: 'apiserver', msg: 'listening', address: '127.0.0.1:6443' },
    { ts: '2026-01-02T03:04:05.678Z', level: 'error', component: 'apiserver/authz', msg: 'aggregation failed', err: 'boom' },
  ]);
  assert.ok(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));
});

test('on a terminal the same event is one line of text', () => {
  const lines: string[] = [];
  const log = createLogger('apiserver', { out: { write: (l: string) => lines.push(l), isTTY: true }, now: at });
  log.info('ready', { url: 'https://127.0.0.1:6443', kubeconfig: '/tmp/my dir/admin.conf', n: 3 });
  const text = stripVTControlCharacters(lines[0]);
  assert.equal(text, 'I 03:04:05.678 apiserver ready url=https://127.0.0.1:6443 kubeconfig="/tmp/my dir/admin.conf" n=3\n');
});
