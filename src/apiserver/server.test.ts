import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { h2Session, startTestServer, type TestServer } from './testing.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(async () => {
  await t.close();
});

const cm = (name: string, data: Record<string, string> = { a: '1' }, labels?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data,
});

test('health endpoints answer without credentials; everything else needs them', async () => {
  const r = await t.request('GET', '/readyz', { auth: 'none' });
  assert.equal(r.status, 200);
  assert.equal(r.text, 'ok');
  const v = await t.request('GET', '/livez?verbose', { auth: 'none' });
  assert.match(v.text, /\[\+\]ping ok\n/);
  assert.match(v.text, /livez check passed\n$/);
  const one = await t.request('GET', '/readyz/etcd', { auth: 'none' });
  assert.equal(one.text, 'ok');
  const denied = await t.request('GET', '/api/v1/namespaces', { auth: 'none' });
  assert.equal(denied.status, 401);
  assert.deepEqual(denied.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  const badToken = await t.request('GET', '/version', { auth: { token: 'nope' } });
  assert.equal(badToken.status, 401);
  const version = await t.request('GET', '/version');
  assert.match(version.json<{ gitVersion: string }>().gitVersion, /^v1\.33\.0\+kubets/);
});

test('create, get, update with optimistic concurrency, and delete a ConfigMap', async () => {
  const created = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('one') });
  assert.equal(created.status, 201, created.text);
  const obj = created.json<{ metadata: Record<string, unknown>; data: Record<string, string> }>();
  assert.match(String(obj.metadata.uid), /^[0-9a-f-]{36}$/);
  assert.match(String(obj.metadata.creationTimestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(obj.metadata.namespace, 'default');
  const rv = String(obj.metadata.resourceVersion);

  const again = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('one') });
  assert.equal(again.status, 409);
  assert.equal(again.json().message, 'configmaps "one" already exists');
  assert.equal(again.json().reason, 'AlreadyExists');

  const got = await t.request('GET', '/api/v1/namespaces/default/configmaps/one');
  assert.equal(got.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion, rv);

  const upd = await t.request('PUT', '/api/v1/namespaces/default/configmaps/one', {
    body: { ...cm('one', { a: '2' }), metadata: { name: 'one', resourceVersion: rv } },
  });
  assert.equal(upd.status, 200, upd.text);
  assert.notEqual(upd.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion, rv);

  const stale = await t.request('PUT', '/api/v1/namespaces/default/configmaps/one', {
    body: { ...cm('one', { a: '3' }), metadata: { name: 'one', resourceVersion: rv } },
  });
  assert.equal(stale.status, 409);
  assert.equal(stale.json().message, 'Operation cannot be fulfilled on configmaps "one": the object has been modified; please apply your changes to the latest version and try again');

  const wrongNs = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: { ...cm('x'), metadata: { name: 'x', namespace: 'other' } } });
  assert.equal(wrongNs.status, 400);
  assert.equal(wrongNs.json().message, 'the namespace of the provided object does not match the namespace sent on the request');

  const del = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/one');
  assert.equal(del.status, 200);
  assert.equal(del.json().status, 'Success');
  const gone = await t.request('GET', '/api/v1/namespaces/default/configmaps/one');
  assert.equal(gone.status, 404);
  assert.equal(gone.json().message, 'configmaps "one" not found');
});

test('generateName, dryRun and invalid names', async () => {
  const r = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { generateName: 'gen-' } } });
  assert.equal(r.status, 201);
  assert.match(r.json<{ metadata: { name: string } }>().metadata.name, /^gen-[a-z0-9]{5}$/);

  const dry = await t.request('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: cm('dry') });
  assert.equal(dry.status, 201);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/configmaps/dry')).status, 404);

  const bad = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('Bad_Name') });
  assert.equal(bad.status, 422, bad.text);
  assert.equal(bad.json().reason, 'Invalid');
  assert.match(String(bad.json().message), /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/);
});

test('fieldValidation: Warn sends a Warning header, Strict refuses', async () => {
  const body = { ...cm('fv'), spec: { foo: 1 } };
  const warn = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body });
  assert.equal(warn.status, 201);
  assert.equal(warn.headers.warning, '299 - "unknown field \\"spec\\""');
  const strict = await t.request('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { body: { ...cm('fv2'), extra: true } });
  assert.equal(strict.status, 400);
  assert.equal(strict.json().message, 'strict decoding error: unknown field "extra"');
});

test('a body over 3 MiB is 413', async () => {
  const big = { ...cm('big'), data: { x: 'a'.repeat(3 * 1024 * 1024 + 10) } };
  const r = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: big });
  assert.equal(r.status, 413);
});

test('lists page with limit/continue and filter by label and field selectors', async () => {
  for (let i = 0; i < 5; i++) {
    const r = await t.request('POST', '/api/v1/namespaces/paging/configmaps', { body: cm(`p${i}`, {}, { tier: i % 2 ? 'odd' : 'even' }) });
    assert.equal(r.status, 201);
  }
  const names: string[] = [];
  let cont = '';
  let pages = 0;
  do {
    const r = await t.request('GET', `/api/v1/namespaces/paging/configmaps?limit=2${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
    assert.equal(r.status, 200, r.text);
    const l = r.json<{ items: { metadata: { name: string } }[]; metadata: { continue?: string } }>();
    names.push(...l.items.map((i) => i.metadata.name));
    cont = l.metadata.continue ?? '';
    pages++;
  } while (cont);
  assert.deepEqual(names, ['p0', 'p1', 'p2', 'p3', 'p4']);
  assert.equal(pages, 3);

  const odd = await t.request('GET', '/api/v1/namespaces/paging/configmaps?labelSelector=tier%20in%20(odd)');
  assert.deepEqual(odd.json<{ items: { metadata: { name: string } }[] }>().items.map((i) => i.metadata.name), ['p1', 'p3']);
  const byName = await t.request('GET', '/api/v1/configmaps?fieldSelector=metadata.name%3Dp4');
  assert.deepEqual(byName.json<{ items: { metadata: { name: string } }[] }>().items.map((i) => i.metadata.name), ['p4']);
  const badField = await t.request('GET', '/api/v1/configmaps?fieldSelector=spec.foo%3Dx');
  assert.equal(badField.status, 400);
  assert.equal(badField.json().message, '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"');
});

test('patch: merge, json and strategic merge', async () => {
  await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('pt', { a: '1', b: '2' }) });
  const merge = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/pt', {
    body: { data: { a: null, c: '3' } }, contentType: 'application/merge-patch+json',
  });
  assert.equal(merge.status, 200, merge.text);
  assert.deepEqual(merge.json().data, { b: '2', c: '3' });
  const json = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/pt', {
    body: [{ op: 'replace', path: '/data/b', value: 'x' }], contentType: 'application/json-patch+json',
  });
  assert.deepEqual(json.json().data, { b: 'x', c: '3' });
  const smp = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/pt', {
    body: { metadata: { labels: { k: 'v' } } }, contentType: 'application/strategic-merge-patch+json',
  });
  assert.deepEqual(smp.json<{ metadata: { labels: Record<string, string> } }>().metadata.labels, { k: 'v' });
  const missing = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/nope', { body: {}, contentType: 'application/merge-patch+json' });
  assert.equal(missing.status, 404);
});

test('finalizers hold deletion until the last one is removed', async () => {
  await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: { ...cm('fin'), metadata: { name: 'fin', finalizers: ['example.com/hold'] } } });
  const del = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/fin');
  assert.equal(del.status, 200, del.text);
  const held = await t.request('GET', '/api/v1/namespaces/default/configmaps/fin');
  assert.ok(held.json<{ metadata: { deletionTimestamp?: string } }>().metadata.deletionTimestamp);
  const release = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/fin', {
    body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json',
  });
  assert.equal(release.status, 200, release.text);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/configmaps/fin')).status, 404);

  await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('orph') });
  const orphan = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/orph?propagationPolicy=Orphan');
  assert.equal(orphan.status, 200);
  assert.deepEqual(orphan.json<{ metadata: { finalizers: string[] } }>().metadata.finalizers, ['orphan']);
});

test('a body that does not decode gets upstream\'s "the object provided is unrecognized" 400', async () => {
  const post = (body: string, contentType = 'application/json') => t.request('POST', '/api/v1/namespaces', { body, contentType });
  const cases: [string, string, string?][] = [
    ['{bad}', "the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: invalid character 'b' looking for beginning of object key string ({bad})"],
    ['', "the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: unexpected end of JSON input (<empty>)"],
    ['apiVersion: v1\nkind: Namespace\n', "the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value (61706956657273696f6e3a2076310a6b696e643a204e616d657370616365 ...)"],
    ['["a"]', 'the object provided is unrecognized (must be of type Namespace): couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b2261225d)'],
  ];
  for (const [body, message] of cases) {
    const r = await post(body);
    assert.equal(r.status, 400, body);
    assert.deepEqual(r.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
  }
  const cm = await t.request('PUT', '/api/v1/namespaces/default/configmaps/x', { body: '{"data":', contentType: 'application/json' });
  assert.equal(cm.json().message, 'the object provided is unrecognized (must be of type ConfigMap): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"data":)');
  const yaml = await post('a: [', 'application/yaml');
  assert.match(yaml.json<{ message: string }>().message, /^the object provided is unrecognized \(must be of type Namespace\): error converting YAML to JSON: .* \(613a205b\)$/);
});

test('responses over 128 KiB are gzip-compressed when the client accepts gzip; smaller ones and watches are not', async () => {
  const big = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { blob: 'x'.repeat(140 * 1024) } };
  assert.equal((await t.request('POST', '/api/v1/namespaces/gz/configmaps', { body: big })).status, 201);
  await t.request('POST', '/api/v1/namespaces/gz/configmaps', { body: cm('small') });
  const gzip = { 'accept-encoding': 'deflate, gzip' };
  const plain = await t.request('GET', '/api/v1/namespaces/gz/configmaps/big');
  assert.equal(plain.headers['content-encoding'], undefined);
  const zipped = await t.request('GET', '/api/v1/namespaces/gz/configmaps/big', { headers: gzip });
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers.vary, 'Accept-Encoding');
  assert.ok(zipped.raw.length < 10 * 1024);
  assert.equal(gunzipSync(zipped.raw).toString(), plain.text);
  const list = await t.request('GET', '/api/v1/namespaces/gz/configmaps', { headers: gzip });
  assert.equal(list.headers['content-encoding'], 'gzip');
  assert.equal(JSON.parse(gunzipSync(list.raw).toString()).items.length, 2);
  const small = await t.request('GET', '/api/v1/namespaces/gz/configmaps/small', { headers: gzip });
  assert.equal(small.headers['content-encoding'], undefined);
  assert.equal(small.headers.vary, undefined);
  // upstream matches the bare token only
  const weighted = await t.request('GET', '/api/v1/namespaces/gz/configmaps/big', { headers: { 'accept-encoding': 'gzip;q=1.0' } });
  assert.equal(weighted.headers['content-encoding'], undefined);
  const watch = await t.request('GET', '/api/v1/namespaces/gz/configmaps?watch=1&timeoutSeconds=1', { headers: gzip });
  assert.equal(watch.headers['content-encoding'], undefined);
  assert.equal(watch.text.split('\n').filter(Boolean).length, 2);
  // and over HTTP/2
  const session = h2Session(t);
  try {
    const got = await new Promise<{ encoding: unknown; body: Buffer }>((resolve, reject) => {
      const r = session.request({ ':path': '/api/v1/namespaces/gz/configmaps/big', 'accept-encoding': 'gzip' });
      const chunks: Buffer[] = [];
      let encoding: unknown;
      r.on('response', (h) => (encoding = h['content-encoding']));
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => resolve({ encoding, body: Buffer.concat(chunks) }));
      r.on('error', reject);
      r.end();
    });
    assert.equal(got.encoding, 'gzip');
    assert.equal(gunzipSync(got.body).toString(), plain.text);
  } finally {
    session.close();
  }
});

test('orphanDependents is read like every boolean query parameter', async () => {
  await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('orph-t') });
  const yes = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/orph-t?orphanDependents=True');
  assert.deepEqual(yes.json<{ metadata: { finalizers?: string[] } }>().metadata.finalizers, ['orphan']);
  await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: cm('orph-f') });
  const no = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/orph-f?orphanDependents=FALSE');
  assert.equal(no.status, 200, no.text);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/configmaps/orph-f')).status, 404);
});

test('discovery: /api, /apis, resource lists and aggregated discovery', async () => {
  const api = await t.request('GET', '/api');
  assert.deepEqual(api.json().versions, ['v1']);
  const v1 = await t.request('GET', '/api/v1');
  const res = v1.json<{ resources: { name: string; kind: string; verbs: string[] }[] }>().resources;
  const cmRes = res.find((r) => r.name === 'configmaps');
  assert.equal(cmRes?.kind, 'ConfigMap');
  assert.ok(cmRes?.verbs.includes('watch'));
  const apis = await t.request('GET', '/apis');
  assert.ok(apis.json<{ groups: { name: string }[] }>().groups.some((g) => g.name === 'apps'));
  const agg = await t.request('GET', '/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
  assert.equal(agg.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  assert.equal(agg.json().kind, 'APIGroupDiscoveryList');
  const unknown = await t.request('GET', '/api/v1/namespaces/default/widgets');
  assert.equal(unknown.status, 404);
});

test('tables: default columns, includeObject and PartialObjectMetadataList', async () => {
  const table = await t.request('GET', '/api/v1/namespaces/paging/configmaps', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
  const tb = table.json<{ kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { kind: string } }[] }>();
  assert.equal(tb.kind, 'Table');
  assert.equal(tb.columnDefinitions[0].name, 'Name');
  assert.equal(tb.rows.length, 5);
  assert.equal(tb.rows[0].cells[0], 'p0');
  assert.equal(tb.rows[0].object.kind, 'PartialObjectMetadata');
  const partial = await t.request('GET', '/api/v1/namespaces/paging/configmaps', { accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' });
  assert.equal(partial.json().kind, 'PartialObjectMetadataList');
});

test('/metrics counts requests by verb, resource and code', async () => {
  const m = await t.request('GET', '/metrics');
  assert.match(m.text, /apiserver_request_total\{code="201",resource="configmaps",verb="CREATE"\} \d+/);
  assert.match(m.text, /apiserver_request_duration_seconds_bucket\{resource="configmaps",verb="LIST",le="\+Inf"\} \d+/);
});

test('registerVirtual serves POST for kinds that are not stored', async () => {
  const before = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
  assert.equal(before.status, 405);
  t.server.registerVirtual('authentication.k8s.io/selfsubjectreviews', async (ctx, body) => ({
    ...body, status: { userInfo: { username: ctx.user.name, groups: ctx.user.groups } },
  }));
  const r = await t.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json<{ status: unknown }>().status, { userInfo: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } });
});

test('dot segments and encoded slashes in paths are 400, never another resource', async () => {
  for (const p of ['/api/v1/namespaces/default/pods/x/../../secrets', '/api/v1/namespaces/default/configmaps/..%2F..%2Fsecrets', '/api/v1/namespaces/./configmaps']) {
    const r = await t.request('GET', p);
    assert.equal(r.status, 400, p);
  }
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/configmaps/a%2Eb')).status, 404);
});

test('duplicate JSON fields: a warning by default, refused under Strict', async () => {
  const body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","name":"dup"},"data":{"a":"1"}}';
  const strict = await t.request('POST', '/api/v1/namespaces/default/configmaps?fieldValidation=Strict', { body });
  assert.equal(strict.status, 400);
  assert.equal(strict.json().message, 'strict decoding error: duplicate field "metadata.name"');
  const warn = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body });
  assert.equal(warn.status, 201);
  assert.equal(warn.headers.warning, '299 - "duplicate field \\"metadata.name\\""');
});

test('PUT on a collection and POST on an object are 405', async () => {
  const put = await t.request('PUT', '/api/v1/namespaces/default/configmaps', { body: cm('x') });
  assert.equal(put.status, 405);
  assert.equal(put.json().message, 'the server does not allow this method on the requested resource');
  assert.equal((await t.request('POST', '/api/v1/namespaces/default/configmaps/x', { body: cm('x') })).status, 405);
});

test('an update that changes nothing writes nothing, whatever the key order', async () => {
  const c = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: { ...cm('same', { a: '1', b: '2' }), metadata: { name: 'same', labels: { x: 'y' } } } });
  const rv = c.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
  const reordered = { data: { b: '2', a: '1' }, metadata: { labels: { x: 'y' }, name: 'same' }, kind: 'ConfigMap', apiVersion: 'v1' };
  const u = await t.request('PUT', '/api/v1/namespaces/default/configmaps/same', { body: reordered });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion, rv);
});

test('list items carry no apiVersion/kind; a paginated list counts what remains', async () => {
  const ns = '/api/v1/namespaces/kube-public/configmaps';
  for (const n of ['page-a', 'page-b', 'page-c']) {
    assert.equal((await t.request('POST', ns, { body: cm(n) })).status, 201);
  }
  const first = await t.request('GET', `${ns}?limit=1`);
  const body = first.json<{ kind: string; apiVersion: string; metadata: { continue?: string; remainingItemCount?: number }; items: Record<string, unknown>[] }>();
  assert.equal(body.kind, 'ConfigMapList');
  assert.equal(body.apiVersion, 'v1');
  assert.equal(body.items.length, 1);
  assert.equal(body.items[0].kind, undefined);
  assert.equal(body.items[0].apiVersion, undefined);
  assert.ok(body.metadata.continue);
  assert.equal(body.metadata.remainingItemCount, 2);
  const all = await t.request('GET', ns);
  assert.equal(all.json<{ metadata: { remainingItemCount?: number } }>().metadata.remainingItemCount, undefined);
  const single = await t.request('GET', `${ns}/page-a`);
  assert.equal(single.json<{ kind: string }>().kind, 'ConfigMap');
});

// JSON bytes as a real cluster writes them: Go's struct field order (from the schemas), map
// keys sorted, <, > and & escaped, a newline after the document — whatever order the client
// sent the fields in and the server filled them in.
test('a Status is written byte for byte as upstream writes it', async () => {
  const missing = await t.request('GET', '/api/v1/namespaces/default/configmaps/missing');
  assert.equal(missing.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \\"missing\\" not found","reason":"NotFound","details":{"name":"missing","kind":"configmaps"},"code":404}\n');
  const deployment = await t.request('GET', '/apis/apps/v1/namespaces/default/deployments/gone');
  assert.equal(deployment.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \\"gone\\" not found","reason":"NotFound","details":{"name":"gone","group":"apps","kind":"deployments"},"code":404}\n');
  const empty = await t.request('POST', '/api/v1/namespaces', { body: '' , contentType: 'application/json' });
  assert.equal(empty.text, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the object provided is unrecognized (must be of type Namespace): couldn\'t get version/kind; json parse error: unexpected end of JSON input (\\u003cempty\\u003e)","reason":"BadRequest","code":400}\n');
  const invalid = await t.request('POST', '/api/v1/namespaces/default/configmaps', { body: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'a', labels: { 'x/y/z': 'v' } } } });
  assert.equal(invalid.status, 422);
  const causes = invalid.json<{ details: { causes: unknown[] } }>().details.causes;
  assert.ok(causes.length > 0);
  assert.equal(invalid.text, `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":${JSON.stringify(invalid.json().message)},"reason":"Invalid","details":{"name":"a","kind":"ConfigMap","causes":${JSON.stringify(causes)}},"code":422}\n`);
  for (const c of causes as Record<string, unknown>[]) assert.deepEqual(Object.keys(c), ['reason', 'message', 'field']);
});

test('a Pod is written in upstream\'s field order, not the order it was sent or filled in', async () => {
  // every object, list and map here is sent in an order upstream would not write
  const sent = {
    status: {},
    spec: {
      schedulerName: 'default-scheduler', nodeSelector: { zone: 'b', disk: 'ssd' }, restartPolicy: 'Always',
      containers: [{
        imagePullPolicy: 'IfNotPresent', resources: { requests: { memory: '64Mi', cpu: '100m' }, limits: { cpu: '1' } },
        env: [{ value: '1', name: 'A' }], ports: [{ protocol: 'TCP', containerPort: 80, name: 'http' }],
        command: ['sleep', '3600'], image: 'busybox:1.36', name: 'main',
      }],
      dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 10,
    },
    metadata: { annotations: { 'b.example.com/x': '<&>', 'a.example.com/y': 'y' }, labels: { tier: 'back', app: 'box' }, namespace: 'default', name: 'box' },
    apiVersion: 'v1', kind: 'Pod',
  };
  const created = await t.request('POST', '/api/v1/namespaces/default/pods?fieldManager=wire-test', { body: sent });
  assert.equal(created.status, 201, created.text);
  const m = created.json<{ metadata: { uid: string; resourceVersion: string; creationTimestamp: string; managedFields: unknown } }>().metadata;
  const want = '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"box","namespace":"default",'
    + `"uid":"${m.uid}","resourceVersion":"${m.resourceVersion}","generation":1,"creationTimestamp":"${m.creationTimestamp}",`
    + '"labels":{"app":"box","tier":"back"},"annotations":{"a.example.com/y":"y","b.example.com/x":"\\u003c\\u0026\\u003e"},'
    + `"managedFields":${JSON.stringify(m.managedFields)}},`
    + '"spec":{"containers":[{"name":"main","image":"busybox:1.36","command":["sleep","3600"],'
    + '"ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],"env":[{"name":"A","value":"1"}],'
    + '"resources":{"limits":{"cpu":"1"},"requests":{"cpu":"100m","memory":"64Mi"}},'
    + '"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],'
    + '"restartPolicy":"Always","terminationGracePeriodSeconds":10,"dnsPolicy":"ClusterFirst","nodeSelector":{"disk":"ssd","zone":"b"},'
    + '"securityContext":{},"schedulerName":"default-scheduler","enableServiceLinks":true},'
    + '"status":{"phase":"Pending","qosClass":"Burstable"}}\n';
  assert.equal(created.text, want);
  assert.equal((await t.request('GET', '/api/v1/namespaces/default/pods/box')).text, want);
  const list = await t.request('GET', '/api/v1/namespaces/default/pods');
  const item = want.replace('{"kind":"Pod","apiVersion":"v1",', '{').slice(0, -1);
  assert.ok(list.text.startsWith('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":'), list.text.slice(0, 80));
  assert.ok(list.text.endsWith(`"items":[${item}]}\n`));
  // a write keeps the order: a label added by merge patch lands in its sorted place
  const patched = await t.request('PATCH', '/api/v1/namespaces/default/pods/box', { body: { metadata: { labels: { mid: 'x' } } }, contentType: 'application/merge-patch+json' });
  assert.match(patched.text, /"resourceVersion":"\d+","generation":1,"creationTimestamp":/);
  assert.match(patched.text, /"labels":\{"app":"box","mid":"x","tier":"back"\}/);
});
