// Bad input gets upstream's Status (code, reason, message, causes) and changes nothing.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestCluster } from './cluster.js';
import { clientFromKubeconfig, type ApiClient } from './api-client.js';

describe('bad input to the API server', () => {
  let cluster: TestCluster;
  let api: ApiClient;
  const cms = '/api/v1/namespaces/default/configmaps';
  const names = async () => (await api.request('GET', cms)).json().items.map((i: any) => i.metadata.name).sort();

  before(async () => {
    cluster = await startServer();
    api = clientFromKubeconfig(cluster.kubeconfig);
    const r = await api.request('POST', cms, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep' }, data: { a: '1' } }));
    assert.equal(r.status, 201, r.body);
  });
  after(async () => {
    await cluster?.stop();
  });

  test('anonymous requests are refused with 401, health stays readable', async () => {
    const anon = clientFromKubeconfig(cluster.kubeconfig, { anonymous: true });
    const r = await anon.request('GET', cms);
    assert.equal(r.status, 401);
    assert.equal(r.json().reason, 'Unauthorized');
    assert.equal((await anon.request('GET', '/readyz')).status, 200);
  });

  test('malformed JSON is 400 BadRequest', async () => {
    const r = await api.request('POST', cms, '{"apiVersion": "v1", "kind": ');
    assert.equal(r.status, 400);
    const st = r.json();
    assert.equal(st.kind, 'Status');
    assert.equal(st.reason, 'BadRequest');
    assert.deepEqual(await names(), ['keep']);
  });

  test('malformed YAML is 400 BadRequest', async () => {
    const r = await api.request('POST', cms, 'apiVersion: v1\nkind: ConfigMap\nmetadata: [name: x\n', { 'Content-Type': 'application/yaml' });
    assert.equal(r.status, 400);
    assert.equal(r.json().reason, 'BadRequest');
    assert.deepEqual(await names(), ['keep']);
  });

  test('unknown fields: Strict refuses with the field path, Warn warns, Ignore drops', async () => {
    const body = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' }, bogus: 1 });
    const strict = await api.request('POST', `${cms}?fieldValidation=Strict`, body('strict'));
    assert.equal(strict.status, 400);
    assert.match(strict.json().message, /strict decoding error: unknown field "bogus"/);
    const warn = await api.request('POST', `${cms}?fieldValidation=Warn`, body('warned'));
    assert.equal(warn.status, 201);
    assert.match(String(warn.headers.warning), /unknown field \\?"bogus\\?"/);
    assert.equal(warn.json().bogus, undefined);
    const ignore = await api.request('POST', `${cms}?fieldValidation=Ignore`, body('ignored'));
    assert.equal(ignore.status, 201);
    assert.equal(ignore.headers.warning, undefined);
    assert.deepEqual(await names(), ['ignored', 'keep', 'warned']);
  });

  test('a body of the wrong kind for the path is 400', async () => {
    const r = await api.request('POST', cms, JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'wrong' } }));
    assert.equal(r.status, 400);
    assert.equal(r.json().reason, 'BadRequest');
    assert.equal((await api.request('GET', '/api/v1/namespaces/default/secrets/wrong')).status, 404);
    assert.ok(!(await names()).includes('wrong'));
  });

  test('an invalid name is 422 Invalid with a field cause', async () => {
    const r = await api.request('POST', cms, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } }));
    assert.equal(r.status, 422);
    const st = r.json();
    assert.equal(st.reason, 'Invalid');
    assert.match(st.message, /^ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    assert.equal(st.details.causes[0].field, 'metadata.name');
    assert.equal(st.details.causes[0].reason, 'FieldValueInvalid');
  });

  test('an update with a stale resourceVersion is 409 Conflict and changes nothing', async () => {
    const cur = (await api.request('GET', `${cms}/keep`)).json();
    const first = await api.request('PUT', `${cms}/keep`, JSON.stringify({ ...cur, data: { a: '2' } }));
    assert.equal(first.status, 200, first.body);
    const stale = await api.request('PUT', `${cms}/keep`, JSON.stringify({ ...cur, data: { a: '3' } }));
    assert.equal(stale.status, 409);
    assert.equal(stale.json().reason, 'Conflict');
    assert.equal(stale.json().message,
      'Operation cannot be fulfilled on configmaps "keep": the object has been modified; please apply your changes to the latest version and try again');
    assert.deepEqual((await api.request('GET', `${cms}/keep`)).json().data, { a: '2' });
  });

  test('a body over 3 MiB is 413', async () => {
    const big = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'huge' }, data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } });
    const r = await api.request('POST', cms, big);
    assert.equal(r.status, 413);
    assert.equal(r.json().reason, 'RequestEntityTooLarge');
    assert.ok(!(await names()).includes('huge'));
  });

  test('a namespace in the body that differs from the path is 400', async () => {
    const r = await api.request('POST', cms, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'kube-system' } }));
    assert.equal(r.status, 400);
    assert.match(r.json().message, /the namespace of the provided object does not match the namespace sent on the request/);
  });

  test('path traversal in names and unknown subresources get 404/400, not a crash', async () => {
    for (const path of [`${cms}/..%2F..%2Fsecrets`, `${cms}/keep/nonsense`, '/api/v1/namespaces/default/pods/x/../../secrets', '/apis/nope.example.com/v1/things']) {
      const r = await api.request('GET', path);
      assert.ok([400, 404, 405].includes(r.status), `${path} → ${r.status}`);
    }
    assert.equal((await api.request('GET', '/readyz')).status, 200);
  });
});
