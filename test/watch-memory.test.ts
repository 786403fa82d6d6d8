// Watchers that never read must not make the server's memory grow without bound: a real
// `kubets server` holds a large resource, twenty watches over HTTP/1.1 and HTTP/2 (each with
// initial events: list-then-watch and sendInitialEvents) are opened and never read, the
// objects are then updated, and the server's RSS (/proc/<pid>/status) is sampled throughout.
// Each stalled watcher must be closed, and the growth must stay under the bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect as h2connect, type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { parse } from 'yaml';
import { h2Request as call } from '../src/apiserver/testing.js';
import { startServer, type TestCluster } from './cluster.js';

const OBJECTS = Number(process.env.WATCH_MEMORY_OBJECTS ?? 8000);
const VALUE_BYTES = 5000; // ~5 KB per object: about 40 MB of JSON for the whole list
const WATCHERS = 20;
/** growth of the server's RSS the twenty stalled watchers may cause */
const BOUND_MB = 150;
const CM = '/api/v1/namespaces/default/configmaps';

interface Creds { ca: Buffer; cert: Buffer; key: Buffer; port: number }

function credsOf(c: TestCluster): Creds {
  const kc = parse(readFileSync(c.kubeconfig, 'utf8'));
  const u = kc.users[0].user;
  return {
    ca: Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64'),
    cert: Buffer.from(u['client-certificate-data'], 'base64'), key: Buffer.from(u['client-key-data'], 'base64'), port: c.port,
  };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function h2session(c: Creds): ClientHttp2Session {
  return h2connect(`https://127.0.0.1:${c.port}`, { ca: c.ca, cert: c.cert, key: c.key, servername: 'localhost' });
}

/** Runs f over 0..n-1 with `width` requests in flight. */
async function inParallel(n: number, width: number, f: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await f(next++);
  }));
}

/** An HTTP/1.1 watch whose socket is never read. */
function stalledH1(c: Creds, path: string): TLSSocket {
  const sock = tlsConnect({ host: '127.0.0.1', port: c.port, ca: c.ca, cert: c.cert, key: c.key, servername: 'localhost', ALPNProtocols: ['http/1.1'] });
  sock.on('error', () => undefined);
  sock.once('secureConnect', () => {
    sock.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n`);
    sock.pause();
  });
  return sock;
}

/** An HTTP/2 watch whose stream is never read. */
function stalledH2(s: ClientHttp2Session, path: string): ClientHttp2Stream {
  const st = s.request({ ':method': 'GET', ':path': path });
  st.on('error', () => undefined);
  st.pause();
  return st;
}

async function openWatches(c: TestCluster): Promise<number> {
  const r = await fetchMetrics(c);
  const m = /apiserver_longrunning_requests\{[^}]*resource="configmaps"[^}]*\} (\d+)/.exec(r);
  return m ? Number(m[1]) : 0;
}

let metricsSession: ClientHttp2Session | undefined;
async function fetchMetrics(c: TestCluster): Promise<string> {
  metricsSession ??= h2session(credsOf(c));
  return (await call(metricsSession, 'GET', '/metrics')).text;
}

test(`${WATCHERS} stalled watches of a ${OBJECTS}-object resource are closed and the server's RSS stays bounded`, { timeout: 120_000 }, async () => {
  // the API server alone: the server's own controller manager would hold a watch of configmaps and
  // a cache of every object in this process, which is not what is measured here
  const c = await startServer({ extraArgs: ['--disable-controller-manager'] });
  const creds = credsOf(c);
  const writer = h2session(creds);
  const h2 = h2session(creds);
  const h1: TLSSocket[] = [];
  let peak = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const value = 'x'.repeat(VALUE_BYTES);
    await inParallel(OBJECTS, 32, async (i) => {
      const r = await call(writer, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { v: value } });
      assert.equal(r.status, 201, r.text);
    });
    // one complete list, so that the baseline includes what serving the list costs
    const list = await call(writer, 'GET', CM);
    assert.equal(list.status, 200);
    const listMb = list.text.length / 1024 / 1024;
    const baseline = rssMb(c.pid);
    sampler = setInterval(() => { peak = Math.max(peak, rssMb(c.pid)); }, 100);

    const paths = [`${CM}?watch=1`, `${CM}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`];
    for (let i = 0; i < WATCHERS / 2; i++) {
      h1.push(stalledH1(creds, paths[i % 2]));
      stalledH2(h2, paths[i % 2]);
    }
    const t0 = Date.now();
    while (await openWatches(c) < WATCHERS && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await openWatches(c), WATCHERS, 'all stalled watches are being served');
    // new events for every watcher: each stalled one falls further behind
    await inParallel(Math.min(OBJECTS, 1500), 16, async (i) => {
      const r = await call(writer, 'PATCH', `${CM}/cm-${i}`, { data: { v: `${value}${i}` } }, 'application/merge-patch+json');
      assert.equal(r.status, 200, r.text);
    });
    let open = await openWatches(c);
    while (open > 0 && Date.now() - t0 < 40_000) {
      await new Promise((r) => setTimeout(r, 500));
      open = await openWatches(c);
    }
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(c.pid));
    const growth = peak - baseline;
    console.log(`list ${listMb.toFixed(1)} MB; RSS baseline ${baseline.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (growth ${growth.toFixed(0)} MB, bound ${BOUND_MB} MB); open watches after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${open}`);
    assert.equal(open, 0, 'every stalled watcher is closed');
    assert.ok(growth < BOUND_MB, `RSS grew by ${growth.toFixed(0)} MB with ${WATCHERS} stalled watchers (bound ${BOUND_MB} MB)`);
  } finally {
    clearInterval(sampler);
    for (const s of h1) s.destroy();
    h2.destroy();
    writer.destroy();
    metricsSession?.destroy();
    metricsSession = undefined;
    await c.stop();
  }
});
