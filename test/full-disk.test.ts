// A full disk (a small tmpfs): writes answer 503 and /readyz reports the storage check as failing
// until space is freed; a start-up on a full disk says so in one line, leaves no partial file
// behind and starts once space is freed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientFromKubeconfig } from './api-client.js';
import { freePort, startServer } from './cluster.js';

const KUBETS = fileURLToPath(new URL('../src/cmd/kubets.ts', import.meta.url));

/** Writes zeros to path until the file system is full, to the last byte. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const size of [64 * 1024, 512, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (e) {
          if ((e as { code?: string }).code === 'ENOSPC') break;
          throw e;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

function mountTmpfs(dir: string, size: string): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

test('a full disk: 503 and a failing storage readiness check, a one-line start-up error, recovery when space is freed', async (t) => {
  const mnt = mkdtempSync(join(tmpdir(), 'kubets-full-'));
  if (!mountTmpfs(mnt, '16m')) {
    rmSync(mnt, { recursive: true, force: true });
    t.skip('needs root to mount a tmpfs');
    return;
  }
  const dataDir = join(mnt, 'data');
  const filler = join(mnt, 'filler');
  mkdirSync(dataDir);
  try {
    const c = await startServer({ dataDir, datastore: 'sqlite' });
    try {
      const api = clientFromKubeconfig(c.kubeconfig);
      fill(filler);
      const big = 'x'.repeat(200_000);
      let failed;
      for (let i = 0; i < 60 && !failed; i++) {
        const r = await api.request('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: `cm-${i}` }, data: { big } }));
        if (r.status !== 201) failed = r;
      }
      assert.ok(failed, 'a write on a full disk must fail');
      assert.equal(failed.status, 503, failed.body);
      assert.match(failed.json().message, /database or disk is full/);
      const ready = await api.request('GET', '/readyz?verbose');
      assert.equal(ready.status, 500);
      assert.match(ready.body, /^\[-\]etcd failed: reason withheld$/m);
      assert.match(ready.body, /readyz check failed/);
      rmSync(filler);
      const again = await api.request('GET', '/readyz?verbose');
      assert.equal(again.status, 200, again.body);
      assert.match(again.body, /^\[\+\]etcd ok$/m);
      const created = await api.request('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ metadata: { name: 'after' }, data: { a: 'b' } }));
      assert.equal(created.status, 201, created.body);
    } finally {
      await c.stop();
    }

    // start-up on a full disk: another port, so admin.conf and the kubernetes endpoints must be rewritten
    fill(filler);
    const port = await freePort();
    const r = spawnSync(process.execPath, ['--import', 'tsx', KUBETS, 'server', '--data-dir', dataDir, '--https-port', String(port), '--datastore', 'sqlite'],
      { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    // stderr: the JSON log lines up to the failure, then the one error line (no stack trace)
    const errLines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('{'));
    assert.equal(errLines.length, 1, r.stderr);
    assert.match(errLines[0], /^Error: the disk is full: .*(admin\.conf|state\.db)/);
    const partial = readdirSync(dataDir, { recursive: true }).map(String).filter((f) => f.includes('.tmp-'));
    assert.deepEqual(partial, []);
    rmSync(filler);
    const restarted = await startServer({ dataDir, datastore: 'sqlite' });
    await restarted.stop();
  } finally {
    spawnSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
  }
});
