import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskFullError, isDiskFull, writeFileAtomic } from './atomic-file.js';

test('writeFileAtomic writes with the mode, replaces, and leaves an identical file alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
  try {
    const p = join(dir, 'f.conf');
    writeFileAtomic(p, 'one', 0o600);
    assert.equal(readFileSync(p, 'utf8'), 'one');
    assert.equal(statSync(p).mode & 0o777, 0o600);
    writeFileAtomic(p, 'two');
    assert.equal(readFileSync(p, 'utf8'), 'two');
    const before = statSync(p).mtimeMs;
    writeFileAtomic(p, 'two');
    assert.equal(statSync(p).mtimeMs, before);
    assert.deepEqual(readdirSync(dir), ['f.conf']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on a full disk writeFileAtomic throws DiskFullError naming the file and leaves no partial file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'atomic-full-'));
  if (process.getuid?.() !== 0 || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    t.skip('needs root to mount a tmpfs');
    return;
  }
  try {
    const p = join(dir, 'admin.conf');
    writeFileSync(p, 'old');
    assert.throws(() => writeFileAtomic(p, Buffer.alloc(256 * 1024, 'x')), (e: Error) =>
      e instanceof DiskFullError && e.message === `cannot write ${p}: no space left on device` && isDiskFull(e));
    assert.deepEqual(readdirSync(dir), ['admin.conf']);
    assert.equal(readFileSync(p, 'utf8'), 'old');
  } finally {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('isDiskFull follows the cause chain', () => {
  assert.equal(isDiskFull(new Error('x', { cause: Object.assign(new Error('y'), { code: 'SQLITE_FULL' }) })), true);
  assert.equal(isDiskFull(Object.assign(new Error('y'), { code: 'ENOSPC' })), true);
  assert.equal(isDiskFull(new Error('x', { cause: new Error('y') })), false);
});
