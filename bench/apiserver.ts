// API server benchmark over HTTPS/HTTP2 against a real `kubets server` process:
// create/get/update/list latency (p50/p99) and throughput at 1, 10 and 100 concurrent
// clients, watch fan-out (1,000 watchers: time until all see one event), and a list of
// 10,000 pods from the watch cache. Run: node --import tsx bench/apiserver.ts [--datastore sqlite|memory]
// [--http1] (HTTPS/1.1 with keep-alive, one connection per client, as many kubectl processes; no
// watch or list phases) [--crud-only] (skip the watch and list phases) [--creates-only] (only the
// create phases, for a profile of the create path); KUBETS_SERVER_NODE_OPTIONS is the server's NODE_OPTIONS
// (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof).
import { connect, type ClientHttp2Session } from 'node:http2';
import { Agent, request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startServer, type TestCluster } from '../test/cluster.js';

const HTTP1 = process.argv.includes('--http1');

interface Conn {
  sessions: ClientHttp2Session[];
  next: number;
  /** HTTP/1.1: keep-alive connections, at most one per concurrent client */
  agent?: Agent;
  url: URL;
}

function open(cluster: TestCluster, n = 1, clients = n): Conn {
  const kc = parse(readFileSync(cluster.kubeconfig, 'utf8'));
  const ca = Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64');
  const cert = Buffer.from(kc.users[0].user['client-certificate-data'], 'base64');
  const key = Buffer.from(kc.users[0].user['client-key-data'], 'base64');
  if (HTTP1) {
    const agent = new Agent({ ca, cert, key, keepAlive: true, maxSockets: clients });
    return { sessions: [], next: 0, agent, url: new URL(cluster.url) };
  }
  const sessions = Array.from({ length: n }, () => connect(cluster.url, { ca, cert, key }));
  return { sessions, next: 0, url: new URL(cluster.url) };
}

function close(conn: Conn): void {
  for (const s of conn.sessions) s.close();
  conn.agent?.destroy();
}

function call1(conn: Conn, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = httpsRequest({
      host: conn.url.hostname, port: conn.url.port, method, path, agent: conn.agent, servername: 'localhost',
      headers: { accept: 'application/json', ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

function call(conn: Conn, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  if (conn.agent) return call1(conn, method, path, body);
  const s = conn.sessions[conn.next++ % conn.sessions.length];
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = s.request({ ':method': method, ':path': path, accept: 'application/json', ...(data ? { 'content-type': 'application/json' } : {}) });
    const chunks: Buffer[] = [];
    let status = 0;
    req.on('response', (h) => { status = Number(h[':status']); });
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status, body: text ? JSON.parse(text) : undefined });
    });
    req.on('error', reject);
    req.end(data);
  });
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

async function phase(conn: Conn, clients: number, total: number, op: (i: number) => Promise<void>) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const s = performance.now();
      await op(i);
      lat.push(performance.now() - s);
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  return { p50: pct(lat, 50), p99: pct(lat, 99), perSec: total / secs };
}

async function crud(cluster: TestCluster, clients: number) {
  const conn = open(cluster, Math.min(clients, 4), clients);
  const ns = `bench-${clients}`;
  await call(conn, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const total = clients === 1 ? 500 : 2000;
  const base = `/api/v1/namespaces/${ns}/configmaps`;
  const must = (r: { status: number; body: any }, want: number) => {
    if (r.status !== want) throw new Error(`got ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  };
  const rv: string[] = [];
  const create = await phase(conn, clients, total, async (i) => {
    const b = must(await call(conn, 'POST', base, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { i: String(i) } }), 201);
    rv[i] = b.metadata.resourceVersion;
  });
  if (CREATES_ONLY) {
    close(conn);
    return { create };
  }
  const get = await phase(conn, clients, total, async (i) => { must(await call(conn, 'GET', `${base}/cm-${i}`), 200); });
  const update = await phase(conn, clients, total, async (i) => {
    must(await call(conn, 'PUT', `${base}/cm-${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, resourceVersion: rv[i] }, data: { i: String(i), u: '1' } }), 200);
  });
  if (CRUD_ONLY) {
    close(conn);
    return { create, get, update };
  }
  const list = await phase(conn, clients, Math.min(total, 200), async () => { must(await call(conn, 'GET', `${base}?limit=500`), 200); });
  close(conn);
  return { create, get, update, list };
}

async function watchFanOut(cluster: TestCluster, watchers: number) {
  const conn = open(cluster, Math.ceil(watchers / 500));
  let seen = 0;
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => { resolveAll = r; });
  let ready = 0;
  const streams = [];
  for (let i = 0; i < watchers; i++) {
    const s = conn.sessions[i % conn.sessions.length];
    const req = s.request({ ':method': 'GET', ':path': '/api/v1/namespaces/fanout/configmaps?watch=1&allowWatchBookmarks=false', accept: 'application/json' });
    req.on('response', () => { ready++; });
    let buf = '';
    let got = false;
    req.on('data', (c) => {
      buf += c;
      if (!got && buf.includes('"ADDED"')) {
        got = true;
        if (++seen === watchers) resolveAll();
      }
    });
    req.on('error', () => undefined);
    req.end();
    streams.push(req);
  }
  const deadline = Date.now() + 60_000;
  while (ready < watchers && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  await call(conn, 'POST', '/api/v1/namespaces/fanout/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ping' } });
  await all;
  const ms = performance.now() - t0;
  for (const r of streams) r.close();
  for (const s of conn.sessions) s.close();
  return ms;
}

async function listPods(cluster: TestCluster, n: number) {
  const conn = open(cluster, 4);
  await call(conn, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'many' } });
  await call(conn, 'POST', '/api/v1/namespaces/many/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
  let next = 0;
  await Promise.all(Array.from({ length: 50 }, async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      const r = await call(conn, 'POST', '/api/v1/namespaces/many/pods', {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: 'many' } },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      });
      if (r.status !== 201) throw new Error(`pod create: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
  }));
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = await call(conn, 'GET', '/api/v1/pods?resourceVersion=0');
    times.push(performance.now() - t0);
    if (r.body.items.length < n) throw new Error(`listed ${r.body.items.length} pods`);
  }
  for (const s of conn.sessions) s.close();
  return pct(times, 50);
}

const datastore = process.argv.includes('--datastore') ? process.argv[process.argv.indexOf('--datastore') + 1] : 'sqlite';
const CREATES_ONLY = process.argv.includes('--creates-only');
const CRUD_ONLY = process.argv.includes('--crud-only') || HTTP1 || CREATES_ONLY;
const serverNodeOptions = process.env.KUBETS_SERVER_NODE_OPTIONS;
const cluster = await startServer({ datastore, env: serverNodeOptions ? { NODE_OPTIONS: serverNodeOptions } : {} });
try {
  console.log(`kubets server (--datastore ${datastore}), node ${process.version}, HTTPS + ${HTTP1 ? 'HTTP/1.1 (keep-alive, a connection per client)' : 'HTTP/2'}, client in a separate process`);
  console.log('clients  verb     p50        p99        ops/s');
  for (const clients of [1, 10, 100]) {
    const r = await crud(cluster, clients);
    for (const [verb, v] of Object.entries(r)) {
      console.log(`${String(clients).padStart(7)}  ${verb.padEnd(7)}  ${fmt(v.p50).padStart(9)}  ${fmt(v.p99).padStart(9)}  ${Math.round(v.perSec).toString().padStart(7)}`);
    }
  }
  if (!CRUD_ONLY) {
    await call(open(cluster), 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fanout' } });
    console.log(`watch fan-out: 1,000 watchers all saw the event after ${fmt(await watchFanOut(cluster, 1000))}`);
    console.log(`list of 10,000 pods from the watch cache (resourceVersion=0), median of 7: ${fmt(await listPods(cluster, 10_000))}`);
  }
} finally {
  await cluster.stop();
}
