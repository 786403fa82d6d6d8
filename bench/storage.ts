// Storage benchmark: every backend side by side in one run, etcd (started here on loopback
// from /usr/bin/etcd) as the anchor. Prints a Markdown table for BENCHMARKS.md.
//   node --import tsx bench/storage.ts            (STORAGE_BENCH_RUNS=3 by default)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtcdStore } from '../src/storage/etcd.js';
import { startEtcd, type TestEtcd } from '../src/storage/etcd-testing.js';
import { MemoryStore } from '../src/storage/memory.js';
import { SqliteStore } from '../src/storage/sqlite.js';
import type { Store } from '../src/storage/store.js';
import {
  churn, concurrentWrites, fill, median, percentile, rangeAll, sequentialWrites, watchLatency,
} from './storage-workloads.js';

const RUNS = Number(process.env.STORAGE_BENCH_RUNS ?? 3);
const CHURN_UPDATES = Number(process.env.STORAGE_BENCH_CHURN ?? 100_000);

interface Backend {
  name: string;
  open(): Promise<Store>;
  /** bytes on disk after the churn; closes the store */
  sizeAfter?(store: Store): Promise<number>;
  cleanup(): Promise<void>;
}

interface Result {
  seq: number;
  conc: number;
  range: number;
  p50: number;
  p99: number;
  size?: number;
}

const log = (msg: string): void => {
  process.stderr.write(`[storage bench] ${msg}\n`);
};

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function sqliteBackend(name: string, synchronous: 'full' | 'normal'): Backend {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-sqlite-'));
  let n = 0;
  return {
    name,
    open: async () => new SqliteStore({ path: join(dir, `s${n++}`, 'state.db'), synchronous }),
    async sizeAfter(store) {
      const path = join(dir, `s${n - 1}`, 'state.db');
      await store.close(); // the last connection's close checkpoints the WAL into the file
      return fileSize(path) + fileSize(`${path}-wal`);
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function etcdBackend(): Backend {
  const running: TestEtcd[] = [];
  return {
    name: 'etcd 3.4',
    async open() {
      const etcd = await startEtcd();
      running.push(etcd);
      return new EtcdStore({ endpoints: [etcd.endpoint], requestTimeoutMs: 30_000 });
    },
    async sizeAfter(store) {
      const { dbSize } = await (store as EtcdStore).status();
      await store.close();
      return dbSize;
    },
    async cleanup() {
      await Promise.all(running.map((e) => e.stop()));
    },
  };
}

async function measure(b: Backend): Promise<Result> {
  const store = await b.open();
  try {
    const seq: number[] = [];
    const conc: number[] = [];
    const p50: number[] = [];
    const p99: number[] = [];
    await concurrentWrites(store, '/registry/warmup/', 100, 500);
    for (let r = 0; r < RUNS; r++) {
      seq.push(await sequentialWrites(store, `/registry/seq/${r}/`, 1500));
      conc.push(await concurrentWrites(store, `/registry/conc/${r}/`, 100, 2000));
      const lat = await watchLatency(store, `/registry/watch/${r}/`, 300);
      p50.push(percentile(lat, 50));
      p99.push(percentile(lat, 99));
    }
    log(`${b.name}: writes done`);
    await fill(store, '/registry/range/', 10_000);
    const ranges: number[] = [];
    for (let r = 0; r < Math.max(5, RUNS); r++) ranges.push(await rangeAll(store, '/registry/range/', 10_000));
    log(`${b.name}: range done`);
    return { seq: median(seq), conc: median(conc), range: median(ranges), p50: median(p50), p99: median(p99) };
  } finally {
    await store.close();
  }
}

async function measureSize(b: Backend): Promise<number | undefined> {
  if (!b.sizeAfter) return undefined;
  const store = await b.open();
  const t0 = performance.now();
  await churn(store, '/registry/churn/', CHURN_UPDATES);
  log(`${b.name}: ${CHURN_UPDATES} updates in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return b.sizeAfter(store);
}

function fmt(n: number | undefined, digits = 0): string {
  if (n === undefined) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function mib(n: number | undefined): string {
  return n === undefined ? '—' : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

async function main(): Promise<void> {
  const backends: Backend[] = [
    { name: 'memory', open: async () => new MemoryStore(), cleanup: async () => undefined },
    sqliteBackend('sqlite (FULL, default)', 'full'),
    sqliteBackend('sqlite (NORMAL)', 'normal'),
    etcdBackend(),
  ];
  const results = new Map<string, Result>();
  const started = performance.now();
  try {
    for (const b of backends) {
      log(`${b.name}…`);
      const r = await measure(b);
      r.size = await measureSize(b);
      results.set(b.name, r);
    }
  } finally {
    for (const b of backends) await b.cleanup();
  }
  const etcdVersion = execFileSync('/usr/bin/etcd', ['--version']).toString().split('\n')[0];
  const anchor = results.get('etcd 3.4')!;
  const sq = results.get('sqlite (FULL, default)')!;
  const rows: Array<[string, (r: Result) => string, string]> = [
    ['sequential writes/s', (r) => fmt(r.seq), `${(sq.seq / anchor.seq).toFixed(1)}×`],
    ['writes/s, 100 concurrent writers', (r) => fmt(r.conc), `${(sq.conc / anchor.conc).toFixed(1)}×`],
    ['range of 10,000 keys (ms)', (r) => fmt(r.range, 1), `${(sq.range / anchor.range).toFixed(2)}× the time`],
    ['watch latency write→event p50 (ms)', (r) => fmt(r.p50, 2), `${(sq.p50 / anchor.p50).toFixed(2)}× the time`],
    ['watch latency write→event p99 (ms)', (r) => fmt(r.p99, 2), `${(sq.p99 / anchor.p99).toFixed(2)}× the time`],
    [`size on disk after ${fmt(CHURN_UPDATES)} updates with compaction`, (r) => mib(r.size), `${(sq.size! / anchor.size!).toFixed(2)}× the size`],
  ];
  const names = [...results.keys()];
  const out = [
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${etcdVersion}; ${RUNS} runs, medians; ${((performance.now() - started) / 1000).toFixed(0)} s in all`,
    '',
    `| metric | ${names.join(' | ')} | sqlite (default) vs etcd |`,
    `| --- | ${names.map(() => '---:').join(' | ')} | ---: |`,
    ...rows.map(([label, f, ratio]) => `| ${label} | ${names.map((n) => f(results.get(n)!)).join(' | ')} | ${ratio} |`),
  ];
  process.stdout.write(out.join('\n') + '\n');
}

await main();
