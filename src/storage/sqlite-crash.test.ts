// Kills a process that writes to a SqliteStore with SIGKILL at random moments, many times, and
// checks after each kill that the file is consistent and holds every acknowledged write.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from './sqlite.js';

const ROUNDS = 20;
const writer = fileURLToPath(new URL('./sqlite-crash-writer.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kubets-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Ack {
  revision: number;
  op: string;
  key: string;
}

/** runs the writer until `ready`, lets it write for a random time, kills it; returns its acknowledged writes */
async function writeAndKill(path: string, round: number): Promise<Ack[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, path, `r${round}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`writer exited (${code}) before writing: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, 30 + Math.random() * 300));
  child.kill('SIGKILL');
  await exited;
  assert.equal(err, '', 'the writer reported no errors');
  const lines = out.split('\n');
  lines.pop(); // a torn last line was never acknowledged in full
  return lines.slice(1).map((l) => {
    const [revision, op, key] = l.split(' ');
    return { revision: Number(revision), op: op!, key: key! };
  });
}

function checkFile(path: string, acked: Ack[]): number {
  const db = new Database(path, { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    const seq = (db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'kine'`).get() as { seq: number } | undefined)?.seq ?? 0;
    const { n, max } = db.prepare('SELECT COUNT(*) AS n, MAX(id) AS max FROM kine WHERE id > 0').get() as { n: number; max: number };
    // no compaction runs here, so every revision from 1 to seq is a row
    assert.deepEqual([n, max ?? 0], [seq, seq], 'revisions are contiguous');
    const broken = db.prepare(
      `SELECT COUNT(*) AS c FROM kine k WHERE id > 0 AND prev_revision > 0
       AND NOT EXISTS (SELECT 1 FROM kine p WHERE p.id = k.prev_revision AND p.name = k.name AND p.id < k.id)`,
    ).get() as { c: number };
    assert.equal(broken.c, 0, 'every prev_revision names an earlier row of the same key');
    const row = db.prepare('SELECT name, created, deleted FROM kine WHERE id = ?');
    for (const a of acked) {
      const r = row.get(a.revision) as { name: string; created: number; deleted: number } | undefined;
      assert.ok(r, `acknowledged revision ${a.revision} (${a.op} ${a.key}) is in the file`);
      assert.deepEqual([r.name, r.created === 1, r.deleted === 1], [a.key, a.op === 'create', a.op === 'delete']);
    }
    return seq;
  } finally {
    db.close();
  }
}

it(`keeps every acknowledged write across ${ROUNDS} kill -9s of a writing process`, { timeout: 120_000 }, async (t) => {
  const path = join(dir, 'state.db');
  const acked: Ack[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const got = await writeAndKill(path, round);
    acked.push(...got);
    const seq = checkFile(path, acked);
    assert.ok(seq >= (got.at(-1)?.revision ?? 0));
    // the store reopens at the same revision and still takes writes
    const s = new SqliteStore({ path });
    assert.equal(await s.currentRevision(), seq);
    assert.equal(s.integrityCheck(), 'ok');
    await s.close();
  }
  t.diagnostic(`${acked.length} acknowledged writes checked`);
  assert.ok(acked.length > ROUNDS * 10, `only ${acked.length} writes were acknowledged`);
});
