// End-to-end: encryption at rest. A `kubets server` on an sqlite file with an
// EncryptionConfiguration; Secrets written with the real kubectl must never reach the
// database file in plaintext, and rewriting them after a key rotation re-encrypts them.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hasKubectl, kubectl, startServer, type TestCluster } from './cluster.js';

const skip = !hasKubectl(33) && 'kubectl 1.33 is not installed';
const work = mkdtempSync(join(tmpdir(), 'kubets-encryption-e2e-'));
const dbFile = join(work, 'state.db');
const key1 = Buffer.alloc(32, 0x11).toString('base64');
const key2 = Buffer.alloc(32, 0x22).toString('base64');

function config(name: string, providers: string): string {
  const file = join(work, name);
  writeFileSync(file, `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources:
      - secrets
    providers:
${providers}`);
  return file;
}

/** Every byte sqlite may hold the data in: the database and its journal files. */
function dbBytes(): Buffer {
  return Buffer.concat([dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`].filter(existsSync).map((f) => readFileSync(f)));
}

/** The newest stored value of a key, straight from the kine table. */
function storedValue(key: string): Buffer {
  const db = new Database(dbFile, { readonly: true });
  try {
    const row = db.prepare('SELECT value FROM kine WHERE name = ? ORDER BY id DESC LIMIT 1').get(key) as { value: Buffer } | undefined;
    assert.ok(row, `no row for ${key}`);
    return row.value;
  } finally {
    db.close();
  }
}

describe('encryption at rest (kubectl 1.33, sqlite)', { skip }, () => {
  let c: TestCluster | undefined;
  after(async () => {
    await c?.stop();
    rmSync(work, { recursive: true, force: true });
  });
  const ok = (args: string[], input?: string): string => {
    const r = kubectl(c!, 33, args, { input });
    assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}\n${c!.logs().slice(-2000)}`);
    return r.stdout;
  };
  const start = async (cfg: string): Promise<void> => {
    c = await startServer({ datastore: `sqlite://${dbFile}`, extraArgs: ['--encryption-provider-config', cfg] });
  };
  const stop = async (): Promise<void> => {
    await c?.stop();
    c = undefined;
  };

  test('the database file holds no plaintext Secret; other kinds stay readable', async () => {
    await start(config('aescbc.yaml', `      - aescbc:
          keys:
            - name: key1
              secret: ${key1}
      - identity: {}
`));
    ok(['create', 'secret', 'generic', 'db', '--from-literal=password=PLAINTEXT-SECRET-VALUE-7f3a']);
    ok(['create', 'configmap', 'settings', '--from-literal=note=PLAINTEXT-CONFIGMAP-VALUE-7f3a']);
    assert.equal(Buffer.from(ok(['get', 'secret', 'db', '-o', 'jsonpath={.data.password}']), 'base64').toString(), 'PLAINTEXT-SECRET-VALUE-7f3a');
    assert.match(ok(['get', 'secrets', '-o', 'name']), /secret\/db/);
    await stop();

    const bytes = dbBytes();
    // the control: what is not configured is there in the clear, so the search does look at the data
    assert.ok(bytes.includes('PLAINTEXT-CONFIGMAP-VALUE-7f3a'));
    assert.ok(!bytes.includes('PLAINTEXT-SECRET-VALUE-7f3a'));
    assert.ok(!bytes.includes(Buffer.from('PLAINTEXT-SECRET-VALUE-7f3a').toString('base64')));
    assert.ok(storedValue('/registry/secrets/default/db').toString('latin1').startsWith('k8s:enc:aescbc:v1:key1:'));
  });

  test('key rotation: old Secrets stay readable, and a rewrite re-encrypts them with the new first key', async () => {
    await start(config('rotated.yaml', `      - secretbox:
          keys:
            - name: key2
              secret: ${key2}
      - aescbc:
          keys:
            - name: key1
              secret: ${key1}
`));
    assert.equal(Buffer.from(ok(['get', 'secret', 'db', '-o', 'jsonpath={.data.password}']), 'base64').toString(), 'PLAINTEXT-SECRET-VALUE-7f3a');
    ok(['create', 'secret', 'generic', 'fresh', '--from-literal=k=ANOTHER-PLAINTEXT-9c1d']);
    ok(['replace', '-f', '-'], ok(['get', 'secrets', '-A', '-o', 'json']));
    await stop();
    assert.ok(storedValue('/registry/secrets/default/db').toString('latin1').startsWith('k8s:enc:secretbox:v1:key2:'));
    assert.ok(storedValue('/registry/secrets/default/fresh').toString('latin1').startsWith('k8s:enc:secretbox:v1:key2:'));
    const bytes = dbBytes();
    assert.ok(!bytes.includes('PLAINTEXT-SECRET-VALUE-7f3a'));
    assert.ok(!bytes.includes('ANOTHER-PLAINTEXT-9c1d'));
  });

  test('a bad configuration file stops the server with a clear error', async () => {
    const bad = config('bad.yaml', `      - aesgcm:
          keys:
            - name: short
              secret: ${Buffer.alloc(8).toString('base64')}
`);
    await assert.rejects(startServer({ datastore: 'memory', extraArgs: ['--encryption-provider-config', bad] }),
      /secret is not of the expected length, got 8, expected one of \[16 24 32\]/);
  });
});
