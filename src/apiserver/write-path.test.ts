// The strategy rules every write path keeps: status writes keep the spec, main writes keep the
// status; subresources run their own validators and record managedFields.
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

type Obj = {
  metadata: { name: string; resourceVersion: string; labels?: Record<string, string>; managedFields?: { manager: string; operation: string; subresource?: string; fieldsV1: unknown }[] };
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
};

const NOW = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const template = (app: string, restartPolicy = 'Always') => ({
  metadata: { labels: { app } }, spec: { restartPolicy, containers: [{ name: 'c', image: 'nginx' }] },
});

interface Case {
  path: string;
  body: Record<string, unknown>;
  /** a spec change a status write must not make */
  spec(spec: Record<string, unknown>): void;
  status: Record<string, unknown>;
}

const CASES: Record<string, Case> = {
  pods: {
    path: '/api/v1/namespaces/default/pods',
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sp' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    spec: (s) => { (s.containers as { image: string }[])[0].image = 'busybox'; },
    status: { phase: 'Running', podIP: '10.1.0.5', podIPs: [{ ip: '10.1.0.5' }] },
  },
  nodes: {
    path: '/api/v1/nodes',
    body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'sn' }, spec: {} },
    spec: (s) => { s.unschedulable = true; },
    status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
  },
  deployments: {
    path: '/apis/apps/v1/namespaces/default/deployments',
    body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'sd' }, spec: { replicas: 2, selector: { matchLabels: { app: 'sd' } }, template: template('sd') } },
    spec: (s) => { s.replicas = 7; },
    status: { replicas: 2, observedGeneration: 1 },
  },
  replicasets: {
    path: '/apis/apps/v1/namespaces/default/replicasets',
    body: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'sr' }, spec: { replicas: 2, selector: { matchLabels: { app: 'sr' } }, template: template('sr') } },
    spec: (s) => { s.replicas = 7; },
    status: { replicas: 2, observedGeneration: 1 },
  },
  jobs: {
    path: '/apis/batch/v1/namespaces/default/jobs',
    body: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'sj' }, spec: { template: template('sj', 'Never') } },
    spec: (s) => { s.parallelism = 5; },
    status: { active: 1, startTime: NOW },
  },
  services: {
    path: '/api/v1/namespaces/default/services',
    body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ss' }, spec: { ports: [{ port: 80 }], selector: { app: 'ss' } } },
    spec: (s) => { s.sessionAffinity = 'ClientIP'; },
    status: { loadBalancer: {}, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: NOW, reason: 'Ok', message: '' }] },
  },
  namespaces: {
    path: '/api/v1/namespaces',
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sns' } },
    spec: (s) => { s.finalizers = ['kubernetes', 'example.com/hold']; },
    status: { phase: 'Active', conditions: [{ type: 'NamespaceDeletionDiscoveryFailure', status: 'False', lastTransitionTime: NOW, reason: 'Ok', message: 'fine' }] },
  },
  persistentvolumeclaims: {
    path: '/api/v1/namespaces/default/persistentvolumeclaims',
    body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'spvc' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    spec: (s) => { s.volumeName = 'elsewhere'; },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
  },
};

for (const [resource, c] of Object.entries(CASES)) {
  test(`${resource}: a status write ignores the spec, a main write ignores the status`, async () => {
    const created = await t.request('POST', c.path, { body: c.body });
    assert.equal(created.status, 201, created.text);
    const obj = created.json<Obj>();
    const url = `${c.path}/${obj.metadata.name}`;

    const statusWrite = structuredClone(obj);
    c.spec(statusWrite.spec);
    statusWrite.status = c.status;
    const st = await t.request('PUT', `${url}/status`, { body: statusWrite });
    assert.equal(st.status, 200, st.text);
    const afterStatus = st.json<Obj>();
    assert.deepEqual(afterStatus.spec, obj.spec, 'the status write changed the spec');
    for (const [k, v] of Object.entries(c.status)) assert.deepEqual(afterStatus.status?.[k], v, `status.${k}`);
    assert.ok(afterStatus.metadata.managedFields?.some((e) => e.subresource === 'status'), 'managedFields record the status write');

    const mainWrite = structuredClone(afterStatus);
    mainWrite.status = structuredClone(obj.status);
    mainWrite.metadata.labels = { ...mainWrite.metadata.labels, touched: 'yes' };
    const main = await t.request('PUT', url, { body: mainWrite });
    assert.equal(main.status, 200, main.text);
    assert.deepEqual(main.json<Obj>().status, afterStatus.status, 'the main write changed the status');
    assert.equal(main.json<Obj>().metadata.labels?.touched, 'yes');
  });
}

test('a status update that breaks a status rule gets upstream\'s message with its field path', async () => {
  const d = CASES.deployments.body;
  await t.request('POST', CASES.deployments.path, { body: { ...d, metadata: { name: 'bad-status' } } });
  const bad = await t.request('PUT', `${CASES.deployments.path}/bad-status/status`, {
    body: { ...d, metadata: { name: 'bad-status' }, status: { replicas: 2, availableReplicas: -1 } },
  });
  assert.equal(bad.status, 422, bad.text);
  const status = bad.json<{ message: string; details: { causes: { field: string }[] } }>();
  assert.equal(status.message, 'Deployment.apps "bad-status" is invalid: status.availableReplicas: Invalid value: -1: must be greater than or equal to 0');
  assert.deepEqual(status.details.causes.map((x) => x.field), ['status.availableReplicas']);
  // the same object through the main resource is fine: its status is not written there
  const pod = await t.request('PUT', '/api/v1/namespaces/default/pods/sp/status', {
    body: { ...CASES.pods.body, status: { podIPs: [{ ip: 'not-an-ip' }] } },
  });
  assert.equal(pod.status, 422, pod.text);
  assert.match(pod.json<{ message: string }>().message, /^Pod "sp" is invalid: status.podIPs\[0\]: Invalid value: "not-an-ip"/);
});

test('scale runs ValidateScale and records managedFields for the scale subresource', async () => {
  const url = `${CASES.deployments.path}/sd/scale`;
  const scale = (await t.request('GET', url)).json<Obj>();
  const neg = await t.request('PUT', url, { body: { ...scale, spec: { replicas: -1 } } });
  assert.equal(neg.status, 422, neg.text);
  assert.equal(neg.json<{ message: string }>().message, 'Scale.autoscaling "sd" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  const ok = await t.request('PUT', `${url}?fieldManager=hpa`, { body: { ...scale, spec: { replicas: 3 } } });
  assert.equal(ok.status, 200, ok.text);
  const d = (await t.request('GET', `${CASES.deployments.path}/sd`)).json<Obj>();
  assert.equal(d.spec.replicas, 3);
  const entry = d.metadata.managedFields?.find((e) => e.manager === 'hpa');
  assert.deepEqual(entry && { subresource: entry.subresource, fields: entry.fieldsV1 }, { subresource: 'scale', fields: { 'f:spec': { 'f:replicas': {} } } });
});

test('binding runs ValidatePodBinding and records managedFields for the binding subresource', async () => {
  await t.request('POST', CASES.pods.path, { body: { ...CASES.pods.body, metadata: { name: 'bind-me' } } });
  const url = `${CASES.pods.path}/bind-me/binding`;
  const bad = await t.request('POST', url, { body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bind-me' }, target: { kind: 'Pod' } } });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.json<{ message: string }>().message,
    'Binding "bind-me" is invalid: [target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>", target.name: Required value]');
  const ok = await t.request('POST', `${url}?fieldManager=kube-scheduler`, { body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bind-me' }, target: { kind: 'Node', name: 'n1' } } });
  assert.equal(ok.status, 201, ok.text);
  const pod = (await t.request('GET', `${CASES.pods.path}/bind-me`)).json<Obj>();
  assert.equal(pod.spec.nodeName, 'n1');
  const entry = pod.metadata.managedFields?.find((e) => e.manager === 'kube-scheduler');
  assert.equal(entry?.subresource, 'binding');
  assert.deepEqual((entry?.fieldsV1 as { 'f:spec': unknown })['f:spec'], { 'f:nodeName': {} });
});

test('finalize runs ValidateNamespaceFinalizeUpdate and records managedFields for the finalize subresource', async () => {
  await t.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fin' } } });
  const ns = (await t.request('GET', '/api/v1/namespaces/fin')).json<Obj>();
  const bad = await t.request('PUT', '/api/v1/namespaces/fin/finalize', { body: { ...ns, spec: { finalizers: ['not/a/name'] } } });
  assert.equal(bad.status, 422, bad.text);
  assert.match(bad.json<{ message: string }>().message, /^Namespace "fin" is invalid: spec.finalizers\[0\]: Invalid value: "not\/a\/name"/);
  const ok = await t.request('PUT', '/api/v1/namespaces/fin/finalize?fieldManager=namespace-controller', {
    body: { ...ns, metadata: { ...ns.metadata, labels: { ignored: 'yes' } }, spec: { finalizers: ['example.com/x'] }, status: { phase: 'Terminating' } },
  });
  assert.equal(ok.status, 200, ok.text);
  const out = ok.json<Obj>();
  assert.deepEqual(out.spec.finalizers, ['example.com/x']);
  assert.equal(out.status?.phase, 'Active', 'finalize keeps the status');
  assert.equal(out.metadata.labels?.ignored, undefined, 'finalize keeps the metadata');
  assert.equal(out.metadata.managedFields?.find((e) => e.manager === 'namespace-controller')?.subresource, 'finalize');
});
