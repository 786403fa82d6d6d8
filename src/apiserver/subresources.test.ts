import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(async () => {
  await t.close();
});

type Obj = { metadata: { name: string; resourceVersion: string; generation?: number; deletionTimestamp?: string; deletionGracePeriodSeconds?: number }; spec: Record<string, unknown>; status?: Record<string, unknown> };

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra },
});
const deploy = (name: string, replicas = 2) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: {
    replicas, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

test('pods: binding assigns a node once; graceful deletion keeps a bound pod until grace 0', async () => {
  const c = await t.request('POST', '/api/v1/namespaces/default/pods', { body: pod('p1') });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json<Obj>().status?.phase, 'Pending');
  const b = await t.request('POST', '/api/v1/namespaces/default/pods/p1/binding', {
    body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p1' }, target: { apiVersion: 'v1', kind: 'Node', name: 'n1' } },
  });
  assert.equal(b.status, 201, b.text);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/pods/p1')).json<Obj>().spec.nodeName, 'n1');
  const again = await t.request('POST', '/api/v1/namespaces/default/pods/p1/binding', {
    body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p1' }, target: { kind: 'Node', name: 'n2' } },
  });
  assert.equal(again.status, 409);
  assert.equal(again.json().message, 'Operation cannot be fulfilled on pods/binding "p1": pod p1 is already assigned to node "n1"');

  const del = await t.request('DELETE', '/api/v1/namespaces/default/pods/p1');
  assert.equal(del.status, 200, del.text);
  const terminating = del.json<Obj>();
  assert.ok(terminating.metadata.deletionTimestamp);
  assert.equal(terminating.metadata.deletionGracePeriodSeconds, 30);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/pods/p1')).status, 200);
  const now = await t.request('DELETE', '/api/v1/namespaces/default/pods/p1?gracePeriodSeconds=0');
  assert.equal(now.status, 200);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/pods/p1')).status, 404);
});

test('pods: an unscheduled pod goes at once; eviction deletes', async () => {
  await t.request('POST', '/api/v1/namespaces/default/pods', { body: pod('p2') });
  const del = await t.request('DELETE', '/api/v1/namespaces/default/pods/p2');
  assert.equal(del.status, 200);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/pods/p2')).status, 404);
  await t.request('POST', '/api/v1/namespaces/default/pods', { body: pod('p3') });
  const ev = await t.request('POST', '/api/v1/namespaces/default/pods/p3/eviction', {
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p3', namespace: 'default' } },
  });
  assert.equal(ev.status, 201, ev.text);
  const other = await t.request('POST', '/api/v1/namespaces/default/pods/p2/eviction', {
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p3', namespace: 'default' } },
  });
  assert.equal(other.status, 400);
  assert.equal(other.json().message, 'name in URL does not match name in Eviction object');
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/pods/p3')).status, 404);
});

test('status subresource: main writes ignore status, status writes ignore spec; generation follows spec', async () => {
  const c = await t.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body: { ...deploy('d1'), status: { replicas: 9 } } });
  assert.equal(c.status, 201, c.text);
  const d = c.json<Obj>();
  assert.equal(d.metadata.generation, 1);
  assert.equal(d.status?.replicas, undefined);
  const st = await t.request('PUT', '/apis/apps/v1/namespaces/default/deployments/d1/status', {
    body: { ...deploy('d1', 7), metadata: { name: 'd1' }, status: { replicas: 3 } },
  });
  assert.equal(st.status, 200, st.text);
  assert.equal(st.json<Obj>().status?.replicas, 3);
  assert.equal(st.json<Obj>().spec.replicas, 2);
  assert.equal(st.json<Obj>().metadata.generation, 1);
  const main = await t.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/d1', {
    body: { spec: { replicas: 5 }, status: { replicas: 0 } }, contentType: 'application/merge-patch+json',
  });
  assert.equal(main.json<Obj>().status?.replicas, 3);
  assert.equal(main.json<Obj>().metadata.generation, 2);
  const label = await t.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/d1', {
    body: { metadata: { labels: { x: 'y' } } }, contentType: 'application/merge-patch+json',
  });
  assert.equal(label.json<Obj>().metadata.generation, 2);
});

test('scale subresource reads and writes spec.replicas as autoscaling/v1 Scale', async () => {
  await t.request('POST', '/apis/apps/v1/namespaces/default/deployments', { body: deploy('d2', 1) });
  const s = await t.request('GET', '/apis/apps/v1/namespaces/default/deployments/d2/scale');
  assert.equal(s.status, 200, s.text);
  const scale = s.json<{ kind: string; apiVersion: string; spec: { replicas: number }; status: { replicas: number; selector: string }; metadata: { resourceVersion: string } }>();
  assert.equal(scale.kind, 'Scale');
  assert.equal(scale.apiVersion, 'autoscaling/v1');
  assert.equal(scale.spec.replicas, 1);
  assert.equal(scale.status.selector, 'app=d2');
  const put = await t.request('PUT', '/apis/apps/v1/namespaces/default/deployments/d2/scale', {
    body: { ...scale, spec: { replicas: 4 } },
  });
  assert.equal(put.status, 200, put.text);
  assert.equal((await t.request('GET', '/apis/apps/v1/namespaces/default/deployments/d2')).json<Obj>().spec.replicas, 4);
  const stale = await t.request('PUT', '/apis/apps/v1/namespaces/default/deployments/d2/scale', { body: { ...scale, spec: { replicas: 5 } } });
  assert.equal(stale.status, 409);
  const patch = await t.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/d2/scale', {
    body: { spec: { replicas: 6 } }, contentType: 'application/merge-patch+json',
  });
  assert.equal(patch.json<{ spec: { replicas: number } }>().spec.replicas, 6);
  const none = await t.request('GET', '/api/v1/namespaces/default/configmaps/x/scale');
  assert.equal(none.status, 404);
});

test('server-side apply creates, updates, reports conflicts and takes ownership with force', async () => {
  const cfg = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data: { a: v } });
  const first = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=tool-a', { body: cfg('1'), contentType: 'application/apply-patch+yaml' });
  assert.equal(first.status, 201, first.text);
  const mf = first.json<{ metadata: { managedFields: { manager: string; operation: string; fieldsV1: unknown }[] } }>().metadata.managedFields;
  assert.deepEqual(mf.map((e) => [e.manager, e.operation]), [['tool-a', 'Apply']]);
  // as upstream (structured-merge-diff's ToFieldSet): an applied map owns its keys, not itself
  assert.deepEqual(mf[0].fieldsV1, { 'f:data': { 'f:a': {} } });
  const conflict = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=tool-b', { body: cfg('2'), contentType: 'application/apply-patch+yaml' });
  assert.equal(conflict.status, 409);
  assert.equal(conflict.json().message, 'Apply failed with 1 conflict: conflict with "tool-a": .data.a');
  const forced = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=tool-b&force=true', { body: cfg('2'), contentType: 'application/apply-patch+yaml' });
  assert.equal(forced.status, 200, forced.text);
  assert.deepEqual(forced.json().data, { a: '2' });
  // tool-b stops applying data.a: the field goes away since nobody else owns it
  const dropped = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=tool-b', {
    body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data: { b: '1' } }, contentType: 'application/apply-patch+yaml',
  });
  assert.deepEqual(dropped.json().data, { b: '1' });
  const noManager = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/ssa', { body: cfg('3'), contentType: 'application/apply-patch+yaml' });
  assert.equal(noManager.status, 400);
});

test('services get a cluster IP from the range and node ports; a taken IP is refused', async () => {
  const svc = (name: string, spec: Record<string, unknown>) => ({
    apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: name }, ...spec },
  });
  const a = await t.request('POST', '/api/v1/namespaces/default/services', { body: svc('a', {}) });
  assert.equal(a.status, 201, a.text);
  const ipA = a.json<Obj>().spec.clusterIP as string;
  assert.match(ipA, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
  assert.deepEqual(a.json<Obj>().spec.clusterIPs, [ipA]);
  const b = await t.request('POST', '/api/v1/namespaces/default/services', { body: svc('b', { type: 'NodePort' }) });
  assert.equal(b.status, 201, b.text);
  assert.notEqual(b.json<Obj>().spec.clusterIP, ipA);
  const port = (b.json<Obj>().spec.ports as { nodePort: number }[])[0].nodePort;
  assert.ok(port >= 30000 && port <= 32767);
  const taken = await t.request('POST', '/api/v1/namespaces/default/services', { body: svc('c', { clusterIP: ipA }) });
  assert.equal(taken.status, 422);
  assert.match(String(taken.json().message), /provided IP is already allocated/);
  const headless = await t.request('POST', '/api/v1/namespaces/default/services', { body: svc('h', { clusterIP: 'None' }) });
  assert.equal(headless.json<Obj>().spec.clusterIP, 'None');
});

test('a namespace with spec.finalizers terminates until finalize empties them', async () => {
  const c = await t.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' }, spec: { finalizers: ['kubernetes'] } } });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json<Obj>().status?.phase, 'Active');
  const del = await t.request('DELETE', '/api/v1/namespaces/doomed');
  assert.equal(del.status, 200, del.text);
  const ns = (await t.request('GET', '/api/v1/namespaces/doomed')).json<Obj>();
  assert.equal(ns.status?.phase, 'Terminating');
  assert.ok(ns.metadata.deletionTimestamp);
  const fin = await t.request('PUT', '/api/v1/namespaces/doomed/finalize', { body: { ...ns, spec: { finalizers: [] } } });
  assert.equal(fin.status, 200, fin.text);
  assert.equal((await t.request('GET', '/api/v1/namespaces/doomed')).status, 404);
  // every namespace gets the kubernetes finalizer: the namespace controller empties it and removes it
  const plain = await t.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'plain' } } });
  assert.deepEqual(plain.json<Obj>().spec.finalizers, ['kubernetes']);
  assert.equal((await t.request('DELETE', '/api/v1/namespaces/plain')).status, 200);
  assert.equal((await t.request('GET', '/api/v1/namespaces/plain')).json<Obj>().status?.phase, 'Terminating');
});

test('pods/ephemeralcontainers: kubectl debug\'s strategic merge patch adds one; existing ones may not change or go', async () => {
  assert.equal((await t.request('POST', '/api/v1/namespaces/default/pods', { body: pod('dbg') })).status, 201);
  const path = '/api/v1/namespaces/default/pods/dbg/ephemeralcontainers';
  const smp = (body: unknown) => t.request('PATCH', path, { body, contentType: 'application/strategic-merge-patch+json' });
  const debug = { name: 'debugger', image: 'busybox', stdin: true, tty: true, targetContainerName: 'c', terminationMessagePolicy: 'File' };
  // the rest of the patch (another container image, labels) does not reach the pod
  const added = await smp({ metadata: { labels: { sneaky: 'x' } }, spec: { ephemeralContainers: [debug], containers: [{ name: 'c', image: 'evil' }] } });
  assert.equal(added.status, 200, added.text);
  const p = added.json<{ metadata: { labels?: Record<string, string> }; spec: { containers: { image: string }[]; ephemeralContainers: Record<string, unknown>[] } }>();
  assert.equal(p.spec.containers[0].image, 'nginx');
  assert.equal(p.metadata.labels?.sneaky, undefined);
  assert.equal(p.spec.ephemeralContainers[0].name, 'debugger');
  assert.equal(p.spec.ephemeralContainers[0].terminationMessagePath, '/dev/termination-log', 'defaulted like any container');
  const got = await t.request('GET', path);
  assert.equal(got.json<{ kind: string }>().kind, 'Pod');
  assert.equal(got.json<typeof p>().spec.ephemeralContainers.length, 1);

  const changed = await smp({ spec: { ephemeralContainers: [{ ...debug, image: 'alpine' }] } });
  assert.equal(changed.status, 422, changed.text);
  assert.match(changed.json<{ message: string }>().message, /spec\.ephemeralContainers: Forbidden: existing ephemeral containers "debugger" may not be changed/);
  const removed = await t.request('PUT', path, { body: { ...got.json<typeof p>(), spec: { ...got.json<typeof p>().spec, ephemeralContainers: [] } } });
  assert.equal(removed.status, 422, removed.text);
  assert.match(removed.json<{ message: string }>().message, /existing ephemeral containers "debugger" may not be removed/);
  const clash = await smp({ spec: { ephemeralContainers: [{ name: 'c', image: 'busybox', terminationMessagePolicy: 'File' }] } });
  assert.equal(clash.status, 422, clash.text);
  assert.match(clash.json<{ message: string }>().message, /spec\.ephemeralContainers\[\d\]\.name: Duplicate value: "c"/);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/pods/dbg/resize')).status, 404);
});

test('eviction honours a PodDisruptionBudget: 429 while it allows none, else it takes one and marks the pod', async () => {
  const ns = '/api/v1/namespaces/default';
  const running = async (name: string) => {
    const c = await t.request('POST', `${ns}/pods`, { body: { ...pod(name), metadata: { name, labels: { app: 'guarded' } }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } } });
    assert.equal(c.status, 201, c.text);
    const p = c.json<Obj>();
    const s = await t.request('PUT', `${ns}/pods/${name}/status`, { body: { ...p, status: { phase: 'Running' } } });
    assert.equal(s.status, 200, s.text);
  };
  await running('g1');
  await running('g2');
  const pdbs = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';
  const made = await t.request('POST', pdbs, { body: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'guard' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'guarded' } } } } });
  assert.equal(made.status, 201, made.text);
  const setStatus = async (allowed: number) => {
    const cur = (await t.request('GET', `${pdbs}/guard`)).json<Obj>();
    const r = await t.request('PUT', `${pdbs}/guard/status`, { body: { ...cur, status: { observedGeneration: 1, disruptionsAllowed: allowed, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2 } } });
    assert.equal(r.status, 200, r.text);
  };
  await setStatus(0);
  const evict = (name: string) => t.request('POST', `${ns}/pods/${name}/eviction`, { body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } } });
  const refused = await evict('g1');
  assert.equal(refused.status, 429, refused.text);
  assert.deepEqual(refused.json(), {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Cannot evict pod as it would violate the pod\'s disruption budget.',
    reason: 'TooManyRequests', details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget guard needs 2 healthy pods and has 2 currently' }] }, code: 429,
  });
  assert.equal((await t.request('GET', `${ns}/pods/g1`)).status, 200, 'still there');

  await setStatus(1);
  const ok = await evict('g1');
  assert.equal(ok.status, 201, ok.text);
  const budget = (await t.request('GET', `${pdbs}/guard`)).json<{ status: { disruptionsAllowed: number; disruptedPods: Record<string, string> } }>().status;
  assert.equal(budget.disruptionsAllowed, 0);
  assert.ok(budget.disruptedPods.g1);
  const gone = await t.request('GET', `${ns}/pods/g1`);
  const conds = gone.json<{ status?: { conditions?: { type: string; reason: string }[] } }>().status?.conditions ?? [];
  assert.ok(gone.status === 404 || conds.some((c) => c.type === 'DisruptionTarget' && c.reason === 'EvictionByEvictionAPI'), gone.text);
  assert.equal((await evict('g2')).status, 429, 'the budget is used up');
});
