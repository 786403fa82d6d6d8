// Flow control end to end: with tiny in-flight limits, one user flooding the server gets 429
// (Retry-After: 1) once its queue is full, while system:masters and a node, at other
// priority levels, still get through; the queued requests are served once the seat frees.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { issueCert, type CertKey } from '../src/cluster/pki.js';
import { startServer, kubectl, type TestCluster } from './cluster.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('flow control under overload', () => {
  let cluster: TestCluster;
  let ca: CertKey;
  let admin: CertKey;
  let jane: CertKey;
  let node: CertKey;
  const agent = new Agent({ keepAlive: false, maxSockets: 200 });

  const call = (who: CertKey, method: string, path: string, body?: string): Promise<Answer> => new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: cluster.port, method, path, ca: ca.cert, cert: who.cert, key: who.key, agent,
      headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });

  const levelRow = async (name: string): Promise<string[]> => {
    const dump = await call(admin, 'GET', '/debug/api_priority_and_fairness/dump_priority_levels');
    assert.equal(dump.status, 200, dump.body);
    const row = dump.body.split('\n').find((l) => l.startsWith(`${name},`));
    assert.ok(row, dump.body);
    return row.split(',').map((s) => s.trim());
  };

  before(async () => {
    cluster = await startServer({ extraArgs: ['--max-requests-inflight', '1', '--max-mutating-requests-inflight', '1'] });
    const pki = join(cluster.dataDir, 'pki');
    ca = { cert: readFileSync(join(pki, 'ca.crt'), 'utf8'), key: readFileSync(join(pki, 'ca.key'), 'utf8') };
    admin = { cert: readFileSync(join(pki, 'admin.crt'), 'utf8'), key: readFileSync(join(pki, 'admin.key'), 'utf8') };
    jane = await issueCert(ca, { cn: 'jane', groups: ['dev'], usage: 'client' });
    node = await issueCert(ca, { cn: 'system:node:n1', groups: ['system:nodes'], usage: 'client' });
    const r = kubectl(cluster, 33, ['create', 'rolebinding', 'jane-edit', '--clusterrole=edit', '--user=jane', '-n', 'default']);
    assert.equal(r.status, 0, r.stderr);
  });
  after(async () => {
    agent.destroy();
    await cluster?.stop();
  });

  test('a burst from one user gets 429 while the exempt and system levels still get through', async () => {
    // jane holds global-default's only seat with a create whose body never finishes…
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'slow' }, data: { a: '1' } });
    const slow: TLSSocket = await new Promise((resolve, reject) => {
      const s = tlsConnect({ host: '127.0.0.1', port: cluster.port, ca: ca.cert, cert: jane.cert, key: jane.key, ALPNProtocols: ['http/1.1'], servername: 'localhost' }, () => {
        s.write(`POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`);
        resolve(s);
      });
      s.on('error', reject);
    });
    let slowAnswer = '';
    slow.on('data', (d: Buffer) => { slowAnswer += d.toString(); });
    for (let i = 0; i < 200 && (await levelRow('global-default'))[5] !== '1'; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal((await levelRow('global-default'))[5], '1', 'the slow create holds a seat');

    // …then bursts 60 more requests: 50 wait in her queue, the rest are refused at once
    const answers: Answer[] = [];
    const burst = Array.from({ length: 60 }, () => call(jane, 'GET', '/api/v1/namespaces/default/configmaps').then((a) => { answers.push(a); return a; }));
    for (let i = 0; i < 400 && answers.filter((a) => a.status === 429).length < 10; i++) await new Promise((r) => setTimeout(r, 25));
    const refused = answers.filter((a) => a.status === 429);
    assert.equal(refused.length, 10, JSON.stringify(answers.map((a) => a.status)));
    assert.equal(refused[0].headers['retry-after'], '1');
    const status = JSON.parse(refused[0].body);
    assert.equal(status.reason, 'TooManyRequests');
    assert.equal(status.message, 'Too many requests, please try again later.');
    assert.equal((await levelRow('global-default'))[4], '50');

    // the admin (exempt) and a kubelet (system level) are not stuck behind jane
    const a = await call(admin, 'GET', '/api/v1/namespaces/default/configmaps');
    assert.equal(a.status, 200);
    const n = await call(node, 'GET', '/api/v1/nodes/n1');
    assert.notEqual(n.status, 429);
    assert.ok(n.headers['x-kubernetes-pf-prioritylevel-uid']);
    assert.notEqual(n.headers['x-kubernetes-pf-prioritylevel-uid'], refused[0].headers['x-kubernetes-pf-prioritylevel-uid']);

    // the seat frees: the create completes and every queued request is served
    slow.write(body.slice(10));
    const all = await Promise.all(burst);
    assert.equal(all.filter((x) => x.status === 200).length, 50);
    await new Promise<void>((r) => { if (slow.closed) r(); else slow.on('close', () => r()); });
    assert.match(slowAnswer, /^HTTP\/1\.1 201/);
    assert.equal((await levelRow('global-default'))[5], '0');
  });

  test('watches are long-running and never wait for a seat', async () => {
    const watch = new Promise<Answer>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1', port: cluster.port, path: '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=3', ca: ca.cert, cert: jane.cert, key: jane.key, agent,
      }, (res) => {
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 300));
    // global-default has one seat: the open watch does not hold it
    const t0 = Date.now();
    assert.equal((await call(jane, 'GET', '/api/v1/namespaces/default/configmaps')).status, 200);
    assert.ok(Date.now() - t0 < 2000);
    assert.equal((await levelRow('global-default'))[5], '0');
    const w = await watch;
    assert.equal(w.status, 200);
    assert.ok(w.body.includes('"name":"slow"'));
  });
});
