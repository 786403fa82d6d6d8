// Server-side apply through the API server: what kubectl (1.27 and 1.33) and the e2e
// tests rely on — status codes, managedFields shapes and conflict texts as upstream.
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

interface Entry { manager: string; operation: string; apiVersion: string; time?: string; fieldsType: string; fieldsV1: unknown; subresource?: string }
type Obj = { metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; managedFields?: Entry[]; resourceVersion: string }; data?: Record<string, string>; spec?: any; status?: any };
interface Status { kind: string; code: number; reason: string; message: string; details?: { causes?: { reason: string; message: string; field: string }[] } }

const APPLY = 'application/apply-patch+yaml';
const cmPath = (name: string, q = '') => `/api/v1/namespaces/default/configmaps/${name}${q}`;
const cm = (name: string, data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data,
});
const apply = (path: string, body: unknown, manager: string, extra = '') =>
  t.request('PATCH', `${path}?fieldManager=${manager}${extra}`, { body, contentType: APPLY });
const who = (o: Obj) => (o.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`);

test('apply creates (201) with one Apply entry owning exactly the applied fields; re-applying keeps it', async () => {
  const first = await apply(cmPath('ssa-create'), cm('ssa-create', { a: '1' }, { app: 'x' }), 'kubectl');
  assert.equal(first.status, 201, first.text);
  const mf = first.json<Obj>().metadata.managedFields ?? [];
  assert.equal(mf.length, 1);
  assert.equal(mf[0].manager, 'kubectl');
  assert.equal(mf[0].operation, 'Apply');
  assert.equal(mf[0].apiVersion, 'v1');
  assert.equal(mf[0].fieldsType, 'FieldsV1');
  assert.match(mf[0].time ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  // as upstream: an applied map is not a field of its own, only its keys are
  assert.deepEqual(mf[0].fieldsV1, { 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } });
  const again = await apply(cmPath('ssa-create'), cm('ssa-create', { a: '1' }, { app: 'x' }), 'kubectl');
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(who(again.json<Obj>()), ['kubectl/Apply']);
  assert.equal(again.json<Obj>().metadata.managedFields?.[0].time, mf[0].time);
  assert.equal(again.json<Obj>().metadata.resourceVersion, first.json<Obj>().metadata.resourceVersion);
});

test('a field another manager set is a 409 Conflict with upstream message and causes', async () => {
  const created = await t.request('POST', '/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create', { body: cm('ssa-conflict', { a: '1', b: '1' }) });
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(who(created.json<Obj>()), ['kubectl-create/Update']);
  assert.deepEqual(created.json<Obj>().metadata.managedFields?.[0].fieldsV1, { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } });

  const one = await apply(cmPath('ssa-conflict'), cm('ssa-conflict', { a: '2' }), 'kubectl');
  assert.equal(one.status, 409, one.text);
  const s = one.json<Status>();
  assert.equal(s.kind, 'Status');
  assert.equal(s.reason, 'Conflict');
  assert.equal(s.code, 409);
  assert.equal(s.message, 'Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.a');
  assert.deepEqual(s.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-create" using v1', field: '.data.a' }]);

  const two = await apply(cmPath('ssa-conflict'), cm('ssa-conflict', { a: '2', b: '2' }), 'kubectl');
  assert.equal(two.status, 409);
  assert.equal(two.json<Status>().message, 'Apply failed with 2 conflicts: conflicts with "kubectl-create" using v1:\n- .data.a\n- .data.b');

  // the same value is no conflict: the field becomes shared
  const same = await apply(cmPath('ssa-conflict'), cm('ssa-conflict', { a: '1' }), 'kubectl');
  assert.equal(same.status, 200, same.text);
  assert.deepEqual(who(same.json<Obj>()), ['kubectl/Apply', 'kubectl-create/Update']);

  const forced = await apply(cmPath('ssa-conflict'), cm('ssa-conflict', { a: '3' }), 'kubectl', '&force=true');
  assert.equal(forced.status, 200, forced.text);
  const f = forced.json<Obj>();
  assert.deepEqual(f.data, { a: '3', b: '1' });
  assert.deepEqual(f.metadata.managedFields?.find((e) => e.manager === 'kubectl-create')?.fieldsV1, { 'f:data': { '.': {}, 'f:b': {} } });
  assert.deepEqual(f.metadata.managedFields?.find((e) => e.manager === 'kubectl')?.fieldsV1, { 'f:data': { 'f:a': {} } });
});

test('a field the manager stops applying is removed unless another manager owns it', async () => {
  await apply(cmPath('ssa-prune'), cm('ssa-prune', { a: '1', b: '1' }), 'tool-a');
  await apply(cmPath('ssa-prune'), cm('ssa-prune', { b: '1' }), 'tool-b');
  const dropped = await apply(cmPath('ssa-prune'), cm('ssa-prune', { c: '1' }), 'tool-a');
  assert.equal(dropped.status, 200, dropped.text);
  // a goes (only tool-a owned it), b stays (tool-b owns it too)
  assert.deepEqual(dropped.json<Obj>().data, { b: '1', c: '1' });
});

test('an update after an apply moves the changed field to the updater; Apply entries sort first', async () => {
  await apply(cmPath('ssa-update'), cm('ssa-update', { a: '1', b: '1' }), 'kubectl');
  const cur = (await t.request('GET', cmPath('ssa-update'))).json<Obj>();
  const put = await t.request('PUT', cmPath('ssa-update', '?fieldManager=editor'), { body: { ...cur, data: { a: '2', b: '1' } } });
  assert.equal(put.status, 200, put.text);
  const o = put.json<Obj>();
  assert.deepEqual(who(o), ['kubectl/Apply', 'editor/Update']);
  assert.deepEqual(o.metadata.managedFields?.[0].fieldsV1, { 'f:data': { 'f:b': {} } });
  assert.deepEqual(o.metadata.managedFields?.[1].fieldsV1, { 'f:data': { 'f:a': {} } });
  const back = await apply(cmPath('ssa-update'), cm('ssa-update', { a: '1', b: '1' }), 'kubectl');
  assert.equal(back.json<Status>().message, 'Apply failed with 1 conflict: conflict with "editor" using v1: .data.a');
});

test('apply without fieldManager is a 400; managedFields in the configuration is a 400', async () => {
  const none = await t.request('PATCH', cmPath('ssa-bad'), { body: cm('ssa-bad', { a: '1' }), contentType: APPLY });
  assert.equal(none.status, 400);
  const withMf = await apply(cmPath('ssa-bad'), {
    ...cm('ssa-bad', { a: '1' }), metadata: { name: 'ssa-bad', managedFields: [{ manager: 'x', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: {} }] },
  }, 'kubectl');
  assert.equal(withMf.status, 400, withMf.text);
  assert.equal(withMf.json<Status>().message, 'metadata.managedFields must be nil');
});

test('apply of a Deployment owns keyed list elements; defaults are nobody\'s; status is ignored on the main resource', async () => {
  const path = '/apis/apps/v1/namespaces/default/deployments/ssa-d';
  const d = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'ssa-d' },
    spec: {
      replicas: 2, selector: { matchLabels: { app: 'd' } },
      template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } },
    },
    status: { replicas: 7 },
  };
  const r = await apply(path, d, 'kubectl');
  assert.equal(r.status, 201, r.text);
  const o = r.json<Obj>();
  assert.equal(o.spec.revisionHistoryLimit, 10);
  assert.equal(o.status?.replicas, undefined);
  assert.deepEqual(who(o), ['kubectl/Apply']);
  assert.deepEqual(o.metadata.managedFields?.[0].fieldsV1, {
    'f:spec': {
      'f:replicas': {}, 'f:selector': {},
      'f:template': {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': { 'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
      },
    },
  });
  // a scale by someone else owns spec.replicas through the scale subresource
  const scale = await t.request('PATCH', `${path}/scale?fieldManager=hpa`, { body: { spec: { replicas: 5 } }, contentType: 'application/merge-patch+json' });
  assert.equal(scale.status, 200, scale.text);
  const conflict = await apply(path, d, 'kubectl');
  assert.equal(conflict.status, 409, conflict.text);
  assert.equal(conflict.json<Status>().message, 'Apply failed with 1 conflict: conflict with "hpa" with subresource "scale" using apps/v1: .spec.replicas');
});

test('apply to the status subresource records a status entry and leaves the spec alone', async () => {
  const created = await t.request('POST', '/api/v1/namespaces/default/pods', {
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ssa-p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  });
  assert.equal(created.status, 201, created.text);
  const r = await apply('/api/v1/namespaces/default/pods/ssa-p/status', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ssa-p' },
    spec: { containers: [{ name: 'c', image: 'other' }] },
    status: { conditions: [{ type: 'Ready', status: 'False' }] },
  }, 'kubelet');
  assert.equal(r.status, 200, r.text);
  const o = r.json<Obj>();
  assert.equal(o.spec.containers[0].image, 'nginx');
  assert.deepEqual(o.status.conditions.map((c: { type: string; status: string }) => [c.type, c.status]), [['Ready', 'False']]);
  const e = o.metadata.managedFields?.find((x) => x.manager === 'kubelet');
  assert.equal(e?.operation, 'Apply');
  assert.equal(e?.subresource, 'status');
  assert.deepEqual(e?.fieldsV1, { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:status': {}, 'f:type': {} } } } });
});
