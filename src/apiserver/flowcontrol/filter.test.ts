import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from '../http.js';
import { requestInfo } from '../request-info.js';
import { classify, configUID, nominalLimits } from './classify.js';
import { DUMP_PATH, FlowController, type FlowControlOptions } from './filter.js';

const ri = (method: string, path: string) => {
  const u = new URL(path, 'http://x');
  return requestInfo(method, u.pathname, u.searchParams);
};

test('classification follows upstream FlowSchemas', () => {
  const c = (name: string, groups: string[], method = 'GET', path = '/api/v1/namespaces/default/pods') => {
    const r = classify({ name, groups: [...groups, 'system:authenticated'] }, ri(method, path));
    return `${r.flowSchema}/${r.priorityLevel}`;
  };
  assert.equal(c('kubernetes-admin', ['system:masters']), 'exempt/exempt');
  assert.equal(c('system:node:n1', ['system:nodes']), 'system-nodes/system');
  assert.equal(c('system:node:n1', ['system:nodes'], 'PUT', '/api/v1/nodes/n1/status'), 'system-node-high/node-high');
  assert.equal(c('system:kube-controller-manager', []), 'kube-controller-manager/workload-high');
  assert.equal(c('system:kube-scheduler', [], 'PUT', '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler'), 'system-leader-election/leader-election');
  assert.equal(c('system:kube-scheduler', []), 'kube-scheduler/workload-high');
  assert.equal(c('system:serviceaccount:kube-system:coredns', ['system:serviceaccounts', 'system:serviceaccounts:kube-system']), 'kube-system-service-accounts/workload-high');
  assert.equal(c('system:serviceaccount:app:default', ['system:serviceaccounts', 'system:serviceaccounts:app']), 'service-accounts/workload-low');
  assert.equal(c('jane', ['dev']), 'global-default/global-default');
  assert.equal(classify({ name: 'odd', groups: [] }, ri('GET', '/api')).priorityLevel, 'catch-all');
  assert.equal(classify(undefined, ri('GET', '/readyz')).priorityLevel, 'exempt');
  assert.equal(classify({ name: 'jane', groups: [] }, ri('GET', '/api')).flow, 'jane');
});

test('nominal concurrency: the default 600 seats split by shares as upstream', () => {
  assert.deepEqual(Object.fromEntries(nominalLimits(600)), {
    'node-high': 98, system: 74, 'leader-election': 25, 'workload-high': 98, 'workload-low': 245, 'global-default': 49, 'catch-all': 13,
  });
  assert.deepEqual([...nominalLimits(2).values()], [1, 1, 1, 1, 1, 1, 1]);
  assert.match(configUID('FlowSchema', 'global-default'), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(configUID('FlowSchema', 'exempt'), configUID('FlowSchema', 'exempt'));
});

/** An HTTP server behind the filter: x-user/x-groups name the user; /hold/… requests wait until released. */
async function harness(opts: FlowControlOptions) {
  const fc = new FlowController(opts);
  const held: (() => void)[] = [];
  const server = createServer((req, res) => {
    const groups = String(req.headers['x-groups'] ?? '').split(',').filter(Boolean);
    const u = new URL(req.url ?? '/', 'http://x');
    const info = requestInfo(req.method ?? 'GET', u.pathname, u.searchParams);
    void fc.filter({ req, res, ri: info, user: { name: String(req.headers['x-user']), groups: [...groups, 'system:authenticated'] } }, async () => {
      if (u.searchParams.has('hold') || u.searchParams.has('watch')) await new Promise<void>((r) => held.push(r));
      sendJson(res, 200, { ok: true });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: false, maxSockets: 1000 });
  const call = (user: string, groups: string, method: string, path: string) => new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, method, path, agent, headers: { 'x-user': user, 'x-groups': groups } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    r.on('error', reject);
    r.end();
  });
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(cond());
  };
  return {
    fc, held, call, until,
    releaseAll() {
      while (held.length) held.shift()!();
    },
    close: () => new Promise<void>((r) => { agent.destroy(); server.close(() => r()); }),
  };
}

test('priority and fairness: a flooding user gets 429 while others at other levels still get through', async () => {
  const h = await harness({ maxRequestsInflight: 1, maxMutatingRequestsInflight: 1, queueWaitMs: 10_000 });
  try {
    const pods = '/api/v1/namespaces/default/pods';
    // jane takes global-default's one seat, then fills her queue (50) and overflows it
    const flood = Array.from({ length: 60 }, () => h.call('jane', '', 'GET', `${pods}?hold=1`));
    await h.until(() => h.fc.stats().find((s) => s.name === 'global-default')!.rejected === 9);
    const gd = h.fc.stats().find((s) => s.name === 'global-default')!;
    assert.equal(gd.executing, 1);
    assert.equal(gd.waiting, 50);
    // the admin (exempt) and a node (system level) are not held up by jane
    const admin = await h.call('admin', 'system:masters', 'GET', pods);
    assert.equal(admin.status, 200);
    const node = await h.call('system:node:n1', 'system:nodes', 'GET', pods);
    assert.equal(node.status, 200);
    assert.equal(node.headers['x-kubernetes-pf-prioritylevel-uid'], configUID('PriorityLevelConfiguration', 'system'));
    assert.equal(node.headers['x-kubernetes-pf-flowschema-uid'], configUID('FlowSchema', 'system-nodes'));
    // a watch is long-running and never waits for a seat
    const watch = h.call('jane', '', 'GET', `${pods}?watch=true`);
    await h.until(() => h.held.length === 2);
    // another user of jane's level is served before jane's queue when a seat frees
    const bob = h.call('bob', '', 'GET', pods);
    await h.until(() => h.fc.stats().find((s) => s.name === 'global-default')!.waiting === 51);
    h.held.shift()!(); // jane's first request ends
    assert.equal((await bob).status, 200);
    let settled = false;
    const all = Promise.all([...flood, watch]).then(() => { settled = true; });
    while (!settled) {
      h.releaseAll();
      await new Promise((r) => setTimeout(r, 10));
    }
    await all;
    const rejected = (await Promise.all(flood)).filter((r) => r.status === 429);
    assert.equal(rejected.length, 9);
    assert.equal(rejected[0].headers['retry-after'], '1');
    const st = JSON.parse(rejected[0].body);
    assert.equal(st.reason, 'TooManyRequests');
    assert.equal(st.message, 'Too many requests, please try again later.');
    assert.equal(st.code, 429);
    assert.equal((await watch).status, 200);
    // the dump lists every level for the exempt user
    const dump = await h.call('admin', 'system:masters', 'GET', DUMP_PATH);
    assert.match(dump.body, /^PriorityLevelName, +ActiveQueues, +IsIdle, +IsQuiescing, +WaitingRequests,/);
    assert.match(dump.body, /\nglobal-default, +0, +true, +false, +0, +0, +52, +9, +0, +0\n/);
  } finally {
    h.releaseAll();
    await h.close();
  }
});

test('without priority and fairness: separate read and mutating limits, immediate 429', async () => {
  const h = await harness({ maxRequestsInflight: 2, maxMutatingRequestsInflight: 1, enablePriorityAndFairness: false });
  try {
    const cms = '/api/v1/namespaces/default/configmaps';
    const reads = [h.call('jane', '', 'GET', `${cms}?hold=1`), h.call('jane', '', 'GET', `${cms}?hold=1`)];
    await h.until(() => h.held.length === 2);
    const third = await h.call('bob', '', 'GET', cms);
    assert.equal(third.status, 429);
    assert.equal(third.headers['retry-after'], '1');
    const write = h.call('jane', '', 'POST', `${cms}?hold=1`);
    await h.until(() => h.held.length === 3);
    assert.equal((await h.call('jane', '', 'DELETE', `${cms}/x`)).status, 429);
    assert.equal((await h.call('admin', 'system:masters', 'GET', cms)).status, 200);
    h.releaseAll();
    assert.deepEqual((await Promise.all([...reads, write])).map((r) => r.status), [200, 200, 200]);
    assert.equal((await h.call('bob', '', 'GET', cms)).status, 200);
  } finally {
    h.releaseAll();
    await h.close();
  }
});
