// The storage benchmark's workloads, each run against any Store.
import { performance } from 'node:perf_hooks';
import type { Store } from '../src/storage/store.js';

const enc = new TextEncoder();

/** a value shaped and sized like a small pod (~1 KiB of JSON) */
export function podValue(name: string, i: number): Uint8Array {
  return enc.encode(JSON.stringify({
    kind: 'Pod', apiVersion: 'v1',
    metadata: { name, namespace: 'bench', uid: `0000-${i}`, labels: { app: 'bench', tier: 'backend', i: String(i) } },
    spec: {
      containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.9', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
      nodeName: 'node-1', restartPolicy: 'Always', pad: 'x'.repeat(600),
    },
    status: { phase: 'Running', podIP: '10.0.0.1' },
  }));
}

/** awaited creates one after another for durationMs; writes per second */
export async function sequentialWrites(store: Store, prefix: string, durationMs: number): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < durationMs) {
    await store.create(`${prefix}${n}`, podValue(String(n), n));
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** `writers` concurrent loops, each creating then updating its own keys, for durationMs; writes per second */
export async function concurrentWrites(store: Store, prefix: string, writers: number, durationMs: number): Promise<number> {
  const t0 = performance.now();
  let n = 0;
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    const revs = new Map<string, number>();
    for (let i = 0; performance.now() - t0 < durationMs; i++) {
      const key = `${prefix}${w}/${i % 20}`;
      const rev = revs.get(key);
      revs.set(key, rev ? await store.update(key, podValue(key, i), rev) : await store.create(key, podValue(key, i)));
      n++;
    }
  }));
  return n / ((performance.now() - t0) / 1000);
}

/** creates `count` keys under prefix, `concurrency` at a time */
export async function fill(store: Store, prefix: string, count: number, concurrency = 100): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < count; i = next++) await store.create(`${prefix}${String(i).padStart(6, '0')}`, podValue(String(i), i));
  }));
}

/** milliseconds to range all keys under prefix */
export async function rangeAll(store: Store, prefix: string, expect: number): Promise<number> {
  const t0 = performance.now();
  const r = await store.range(prefix);
  const ms = performance.now() - t0;
  if (r.items.length !== expect) throw new Error(`range returned ${r.items.length} keys, expected ${expect}`);
  return ms;
}

/** one write at a time; the time from issuing it to its event arriving on a prefix watch (ms) */
export async function watchLatency(store: Store, prefix: string, samples: number): Promise<number[]> {
  const ac = new AbortController();
  const w = store.watch(prefix, { prefix: true, signal: ac.signal });
  // make sure the watch is established before measuring
  await store.create(`${prefix}warmup`, podValue('warmup', 0));
  const timer = setTimeout(() => ac.abort(), 60_000); // a lost event ends the watch instead of hanging the bench
  await w.next();
  const out: number[] = [];
  let rev = 0;
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const write = i === 0 ? store.create(`${prefix}k`, podValue('k', i)) : store.update(`${prefix}k`, podValue('k', i), rev);
    const ev = await w.next();
    out.push(performance.now() - t0);
    rev = await write;
    if (ev.done || ev.value.revision !== rev) throw new Error('watch delivered an unexpected event');
  }
  clearTimeout(timer);
  ac.abort();
  return out;
}

/** 100,000 updates over 1,000 keys, compacting every 10,000 writes (keeping 10,000 revisions), then to the end */
export async function churn(store: Store, prefix: string, updates: number, onProgress?: (done: number) => void): Promise<void> {
  const keys = 1000;
  const revs: number[] = new Array<number>(keys).fill(0);
  let done = 0;
  let lastCheckpoint = await store.currentRevision();
  let next = 0;
  await Promise.all(Array.from({ length: 100 }, async () => {
    for (let i = next++; i < updates; i = next++) {
      const k = i % keys;
      const key = `${prefix}${k}`;
      revs[k] = revs[k] ? await store.update(key, podValue(key, i), revs[k]) : await store.create(key, podValue(key, i));
      done++;
      if (done % 10_000 === 0) {
        const cur = await store.currentRevision();
        const target = lastCheckpoint;
        lastCheckpoint = cur;
        if (target > 0) await store.compact(target);
        onProgress?.(done);
      }
    }
  }));
  await store.compact(await store.currentRevision());
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
