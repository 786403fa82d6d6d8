// Audit logging end to end: a server started with a policy file writes one JSON line per
// stage for what the real kubectl does, at the level the policy picks, and never a secret.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, kubectl, type TestCluster } from './cluster.js';
import { clientFromKubeconfig } from './api-client.js';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: []
rules:
# asks for everything about secrets: the server still logs them at Metadata only
- level: RequestResponse
  resources:
  - group: ""
    resources: ["secrets"]
- level: None
  nonResourceURLs: ["/healthz*", "/readyz*", "/livez*", "/version", "/api*", "/openapi*"]
- level: RequestResponse
  resources:
  - group: ""
    resources: ["configmaps"]
  namespaces: ["rr"]
- level: Request
  resources:
  - group: ""
    resources: ["configmaps"]
  namespaces: ["req"]
- level: None
  resources:
  - group: ""
    resources: ["events"]
- level: Metadata
  omitStages: ["RequestReceived"]
`;

const PLAIN = 'pl4in-t3xt-p4ssw0rd';
const B64 = Buffer.from(PLAIN).toString('base64');

interface Ev {
  level: string;
  stage: string;
  auditID: string;
  verb: string;
  requestURI: string;
  user: { username?: string; groups?: string[] };
  objectRef?: { resource?: string; namespace?: string; name?: string };
  responseStatus?: { code: number; message?: string };
  requestObject?: { data?: Record<string, string> };
  responseObject?: { data?: Record<string, string> };
}

describe('audit log', () => {
  let cluster: TestCluster;
  let dir: string;
  let log: string;
  const k = (...args: string[]) => {
    const r = kubectl(cluster, 33, args);
    assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  // ResponseComplete is written just after the answer leaves: wait for it
  const eventsOf = async (id: unknown, n: number): Promise<Ev[]> => {
    for (let i = 0; i < 100; i++) {
      const evs = events().filter((e) => e.auditID === id);
      if (evs.length >= n) return evs;
      await new Promise((r) => setTimeout(r, 20));
    }
    return events().filter((e) => e.auditID === id);
  };
  const events = (): Ev[] => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Ev);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubets-audit-'));
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    log = join(dir, 'audit.log');
    cluster = await startServer({ extraArgs: ['--audit-policy-file', join(dir, 'policy.yaml'), '--audit-log-path', log] });
    k('create', 'namespace', 'rr');
    k('create', 'namespace', 'req');
    k('-n', 'rr', 'create', 'configmap', 'full', '--from-literal=color=blue');
    k('-n', 'req', 'create', 'configmap', 'half', '--from-literal=color=green');
    k('-n', 'default', 'create', 'configmap', 'meta', '--from-literal=color=red');
    k('-n', 'default', 'create', 'secret', 'generic', 'pw', `--from-literal=password=${PLAIN}`);
    k('-n', 'default', 'get', 'secret', 'pw', '-o', 'yaml');
    writeFileSync(join(dir, 'secret.yaml'), `apiVersion: v1\nkind: Secret\nmetadata:\n  name: applied\nstringData:\n  token: ${PLAIN}\n`);
    k('-n', 'default', 'apply', '-f', join(dir, 'secret.yaml'));
    k('-n', 'default', 'get', 'secrets', '-o', 'json');
    const w = kubectl(cluster, 33, ['-n', 'rr', 'get', 'configmaps', '--watch', '--request-timeout=2s']);
    assert.ok(w.stdout.includes('full'), w.stderr);
    await new Promise((r) => setTimeout(r, 300));
  });
  after(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the secret value appears in no line, at any level', () => {
    const text = readFileSync(log, 'utf8');
    assert.ok(text.length > 0);
    assert.ok(!text.includes(PLAIN), 'plain secret value in the audit log');
    assert.ok(!text.includes(B64), 'base64 secret value in the audit log');
    const secretEvents = events().filter((e) => e.objectRef?.resource === 'secrets');
    assert.ok(secretEvents.length >= 6, String(secretEvents.length));
    assert.deepEqual([...new Set(secretEvents.map((e) => e.level))], ['Metadata']);
    assert.ok(secretEvents.some((e) => e.verb === 'create' && e.objectRef?.name === undefined && e.responseStatus?.code === 201));
    assert.ok(secretEvents.some((e) => e.verb === 'get' && e.objectRef?.name === 'pw'));
  });

  test('RequestResponse: request and response objects of configmaps in rr', () => {
    const ev = events().find((e) => e.objectRef?.namespace === 'rr' && e.verb === 'create' && e.stage === 'ResponseComplete');
    assert.ok(ev);
    assert.equal(ev.level, 'RequestResponse');
    assert.deepEqual(ev.requestObject?.data, { color: 'blue' });
    assert.deepEqual(ev.responseObject?.data, { color: 'blue' });
    assert.equal(ev.responseStatus?.code, 201);
    assert.equal(ev.user.username, 'kubernetes-admin');
    assert.ok(ev.user.groups?.includes('system:masters'));
  });

  test('Request: the request object only', () => {
    const ev = events().find((e) => e.objectRef?.namespace === 'req' && e.verb === 'create' && e.stage === 'ResponseComplete');
    assert.ok(ev);
    assert.equal(ev.level, 'Request');
    assert.deepEqual(ev.requestObject?.data, { color: 'green' });
    assert.equal(ev.responseObject, undefined);
  });

  test('Metadata: no bodies, RequestReceived omitted by the rule', () => {
    const evs = events().filter((e) => e.objectRef?.namespace === 'default' && e.objectRef?.resource === 'configmaps' && e.verb === 'create');
    assert.deepEqual(evs.map((e) => e.stage), ['ResponseComplete']);
    assert.equal(evs[0].level, 'Metadata');
    assert.equal(evs[0].requestObject, undefined);
  });

  test('every request has RequestReceived and ResponseComplete with one audit ID (watches: ResponseStarted too)', () => {
    const byId = new Map<string, string[]>();
    for (const e of events()) byId.set(e.auditID, [...(byId.get(e.auditID) ?? []), e.stage]);
    const watch = events().find((e) => e.verb === 'watch' && e.objectRef?.namespace === 'rr');
    assert.ok(watch, 'no watch event');
    assert.deepEqual(byId.get(watch.auditID), ['RequestReceived', 'ResponseStarted', 'ResponseComplete']);
    const create = events().find((e) => e.objectRef?.namespace === 'rr' && e.verb === 'create')!;
    assert.deepEqual(byId.get(create.auditID), ['RequestReceived', 'ResponseComplete']);
  });

  test('None: excluded paths leave no line; the Audit-Id header names the events', async () => {
    assert.ok(!events().some((e) => e.requestURI.startsWith('/readyz') || e.requestURI.startsWith('/api?') || e.requestURI === '/api'));
    const api = clientFromKubeconfig(cluster.kubeconfig);
    const r = await api.request('GET', '/api/v1/namespaces/rr/configmaps/full');
    const id = r.headers['audit-id'];
    assert.equal(typeof id, 'string');
    const mine = await eventsOf(id, 2);
    assert.deepEqual(mine.map((e) => e.stage), ['RequestReceived', 'ResponseComplete']);
    assert.equal(mine[1].requestURI, '/api/v1/namespaces/rr/configmaps/full');
    const missing = await api.request('GET', '/api/v1/namespaces/rr/configmaps/nope');
    const failed = (await eventsOf(missing.headers['audit-id'], 2)).find((e) => e.stage === 'ResponseComplete');
    assert.equal(failed?.responseStatus?.code, 404);
    assert.equal(failed?.responseStatus?.message, 'configmaps "nope" not found');
  });
});
