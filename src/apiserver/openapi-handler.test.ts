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

test('/openapi/v2 as gnostic protobuf: the definitions with their kinds, without the paths', async () => {
  const r = await t.request('GET', '/openapi/v2', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
  assert.ok(r.text.includes('io.k8s.api.core.v1.Pod'));
  assert.ok(r.text.includes('x-kubernetes-group-version-kind'));
  assert.ok(!r.text.includes('/api/v1/namespaces/{namespace}/pods'));
  // the JSON form keeps them
  const json = await t.request('GET', '/openapi/v2', { accept: 'application/json' });
  assert.ok(Object.keys(json.json<{ paths: object }>().paths).includes('/api/v1/namespaces/{namespace}/pods'));
});
