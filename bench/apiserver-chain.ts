// What the security chain costs per request: the same API requests against an in-process
// API server, bare (certificate authentication only, no authorization, no admission) and with
// the chain kubets server runs (service-account/bootstrap token authentication, Node+RBAC
// authorization, the admission plugins), then with flow control, then with audit logging.
// Two callers: the admin (client certificate, system:masters) and a service account with an
// "edit" RoleBinding presenting a bound token (a static token file in the bare server).
// Requests go one at a time over one HTTP/2 connection; latency percentiles are medians over runs.
// Run: node --import tsx bench/apiserver-chain.ts   (RUNS=5 N=400 by default)
import { connect, type ClientHttp2Session } from 'node:http2';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { scheme } from '../src/api/index.js';
import type { KubeObject } from '../src/api/meta/v1/types.js';
import { createAdmissionPlugins } from '../src/apiserver/admission/index.js';
import { auditFromFiles } from '../src/apiserver/audit/index.js';
import { DEFAULT_AUDIENCES, generateServiceAccountKeys, installAuthentication, issueBoundToken } from '../src/apiserver/authn/index.js';
import { ClusterAuthorization } from '../src/apiserver/authz/index.js';
import { ensureSystemObjects } from '../src/apiserver/bootstrap.js';
import { ApiServer } from '../src/apiserver/server.js';
import { ensurePki, type ClusterPki } from '../src/cluster/pki.js';
import { MemoryStore } from '../src/storage/memory.js';

type Mode = 'bare' | 'chain' | 'chain+apf' | 'chain+apf+audit';
const MODES: Mode[] = ['bare', 'chain', 'chain+apf', 'chain+apf+audit'];
const RUNS = Number(process.env.RUNS ?? 5);
const N = Number(process.env.N ?? 400);
const STATIC_TOKEN = 'bench-static-token-0123456789';
const SA_USER = 'system:serviceaccount:default:bench';

interface Setup {
  server: ApiServer;
  token: string;
  close(): Promise<void>;
}

async function request(session: ClientHttp2Session, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ':method': method, ':path': path, accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const s = session.request(headers);
    let status = 0;
    let text = '';
    s.on('response', (h) => { status = Number(h[':status']); });
    s.setEncoding('utf8');
    s.on('data', (d: string) => { text += d; });
    s.on('end', () => resolve({ status, body: text }));
    s.on('error', reject);
    s.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function setup(mode: Mode, pki: ClusterPki, dir: string): Promise<Setup> {
  const tokenFile = join(dir, 'tokens.csv');
  writeFileSync(tokenFile, `${STATIC_TOKEN},${SA_USER},bench-uid,"system:serviceaccounts,system:serviceaccounts:default"\n`);
  const store = new MemoryStore();
  let audit: ReturnType<typeof auditFromFiles>;
  if (mode === 'chain+apf+audit') {
    writeFileSync(join(dir, 'policy.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
    audit = auditFromFiles(join(dir, 'policy.yaml'), join(dir, 'audit.log'), scheme)!;
  }
  const keys = generateServiceAccountKeys();
  const authz = mode === 'bare' ? undefined : new ClusterAuthorization();
  const server = new ApiServer({
    audit: audit?.filter,
    store, scheme, port: 0, bindAddress: '127.0.0.1', tokenFile: mode === 'bare' ? tokenFile : undefined,
    flowControl: mode === 'bare' || mode === 'chain' ? false : {},
    tls: { cert: pki.serving.cert, key: pki.serving.key, ca: pki.ca.cert },
    authorizer: authz?.authorizer,
    admission: authz ? (registry) => [...createAdmissionPlugins({ registry, scheme }), authz.admissionPlugin] : undefined,
  });
  if (authz) installAuthentication(server, { keys });
  await server.start(new AbortController().signal);
  await ensureSystemObjects(server, { serviceIP: '10.96.0.1', endpointIP: '10.0.0.10', endpointPort: server.port });
  if (authz) await authz.start(server);
  // the service account, its edit binding and twenty configmaps to list
  const admin = connect(server.url, { ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key });
  const sa = await request(admin, 'POST', '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'bench' } });
  if (sa.status !== 201) throw new Error(`serviceaccount: ${sa.status} ${sa.body}`);
  const rb = await request(admin, 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'bench-edit' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: [{ kind: 'ServiceAccount', name: 'bench', namespace: 'default' }],
  });
  if (rb.status !== 201) throw new Error(`rolebinding: ${rb.status} ${rb.body}`);
  for (let i = 0; i < 20; i++) {
    await request(admin, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { k: 'v'.repeat(100) } });
  }
  admin.close();
  const token = mode === 'bare' ? STATIC_TOKEN : issueBoundToken(keys, { serviceAccount: JSON.parse(sa.body) as KubeObject, audiences: DEFAULT_AUDIENCES, expirationSeconds: 3600 });
  return {
    server, token,
    async close() {
      await server.stop();
      audit?.close();
      await store.close();
    },
  };
}

interface Op {
  name: string;
  run(s: ClientHttp2Session, i: number, token?: string): Promise<{ status: number; body: string }>;
  expect: number;
}

const OPS: Op[] = [
  { name: 'get configmap', expect: 200, run: (s, _i, t) => request(s, 'GET', '/api/v1/namespaces/default/configmaps/cm-1', undefined, t) },
  { name: 'list 20 configmaps', expect: 200, run: (s, _i, t) => request(s, 'GET', '/api/v1/namespaces/default/configmaps', undefined, t) },
  {
    name: 'create configmap', expect: 201,
    run: (s, i, t) => request(s, 'POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `new-${t ? 't' : 'a'}-${i}-${Math.random().toString(36).slice(2, 8)}` }, data: { a: '1' } }, t),
  },
  {
    name: 'create pod', expect: 201,
    run: (s, i, t) => request(s, 'POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${t ? 't' : 'a'}-${i}-${Math.random().toString(36).slice(2, 8)}` },
      spec: { containers: [{ name: 'c', image: 'nginx:1.25', resources: { requests: { cpu: '10m' } } }] },
    }, t),
  },
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const median = (xs: number[]): number => pct(xs, 50);

async function measure(s: ClientHttp2Session, op: Op, token: string | undefined): Promise<number[]> {
  for (let i = 0; i < 50; i++) {
    const r = await op.run(s, -i - 1, token);
    if (r.status !== op.expect) throw new Error(`${op.name}: ${r.status} ${r.body.slice(0, 300)}`);
  }
  const lat: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const r = await op.run(s, i, token);
    lat.push((performance.now() - t0) * 1000);
    if (r.status !== op.expect) throw new Error(`${op.name}: ${r.status} ${r.body.slice(0, 300)}`);
  }
  return lat;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-bench-chain-'));
  const pki = await ensurePki(dir);
  // results[mode][caller][op] = { p50: [...per run], p99: [...] }
  const results = new Map<string, { p50: number[]; p99: number[] }>();
  const key = (m: string, c: string, o: string): string => `${m}|${c}|${o}`;
  try {
    // run 0 warms the JIT up and is not counted; the order of the modes rotates between runs
    for (let run = 0; run <= RUNS; run++) {
      for (const mode of [...MODES.slice(run % MODES.length), ...MODES.slice(0, run % MODES.length)]) {
        const st = await setup(mode, pki, dir);
        const s = connect(st.server.url, { ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key });
        const bare = connect(st.server.url, { ca: pki.ca.cert });
        try {
          for (const op of OPS) {
            for (const [caller, session, token] of [['admin cert', s, undefined], ['SA token', bare, st.token]] as const) {
              const lat = await measure(session, op, token);
              if (run === 0) continue;
              const k = key(mode, caller, op.name);
              const r = results.get(k) ?? { p50: [], p99: [] };
              r.p50.push(pct(lat, 50));
              r.p99.push(pct(lat, 99));
              results.set(k, r);
            }
          }
        } finally {
          s.close();
          bare.close();
          await st.close();
        }
        process.stderr.write(`run ${run}/${RUNS} ${mode} done\n`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${RUNS} runs × ${N} sequential requests per cell; medians over runs of each run's p50 / p99, in µs`);
  console.log('');
  console.log(`| caller | request | ${MODES.map((m) => `${m} p50 / p99`).join(' | ')} | chain cost (p50) |`);
  console.log(`|---|---|${MODES.map(() => '---:').join('|')}|---:|`);
  for (const caller of ['admin cert', 'SA token']) {
    for (const op of OPS) {
      const cells = MODES.map((m) => {
        const r = results.get(key(m, caller, op.name))!;
        return `${Math.round(median(r.p50))} / ${Math.round(median(r.p99))}`;
      });
      const cost = median(results.get(key('chain', caller, op.name))!.p50) - median(results.get(key('bare', caller, op.name))!.p50);
      console.log(`| ${caller} | ${op.name} | ${cells.join(' | ')} | ${cost >= 0 ? '+' : ''}${Math.round(cost)} |`);
    }
  }
}

await main();
