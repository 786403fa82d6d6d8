// The `kubernetes` Service must point at an address the API server really serves on, so that
// services/kubernetes/proxy and in-cluster clients reach it: with --bind-address 127.0.0.1 that
// is 127.0.0.1, not the machine's other address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientFromKubeconfig } from './api-client.js';
import { startServer } from './cluster.js';

test('with --bind-address 127.0.0.1 the kubernetes endpoints are 127.0.0.1:<port> and services/kubernetes/proxy reaches the server', async () => {
  const c = await startServer();
  try {
    const api = clientFromKubeconfig(c.kubeconfig);
    const ep = (await api.request('GET', '/api/v1/namespaces/default/endpoints/kubernetes')).json();
    assert.deepEqual(ep.subsets, [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'https', port: c.port, protocol: 'TCP' }] }]);
    const slice = (await api.request('GET', '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes')).json();
    assert.deepEqual(slice.endpoints.map((e: { addresses: string[] }) => e.addresses), [['127.0.0.1']]);
    // only now (the endpoint is loopback) is it safe to send traffic through the proxy
    const r = await api.request('GET', '/api/v1/namespaces/default/services/https:kubernetes:https/proxy/healthz');
    assert.equal(r.status, 200, r.body);
    assert.equal(r.body, 'ok');
  } finally {
    await c.stop();
  }
});
