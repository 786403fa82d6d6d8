import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./kubets.ts', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { encoding: 'utf8' });

test('kubets version prints the Kubernetes-shaped version', () => {
  const r = run('version');
  assert.equal(r.status, 0);
  assert.match(r.stdout.trim(), /^v1\.33\.0\+kubets\.\d+\.\d+\.\d+$/);
});

test('an unknown command exits non-zero with a one-line message', () => {
  const r = run('frobnicate');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^Error: unknown command "frobnicate" for "kubets"/);
});
