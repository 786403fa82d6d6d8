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

test('autoscaling/v1 and v2 HorizontalPodAutoscalers are one stored object in two shapes', async () => {
  const v1 = await t.request('POST', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', {
    body: {
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 60 },
    },
  });
  assert.equal(v1.status, 201, v1.text);
  const asV2 = await t.request('GET', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web');
  assert.equal(asV2.status, 200, asV2.text);
  const v2 = asV2.json<{ apiVersion: string; spec: { metrics: { resource: { name: string; target: { averageUtilization: number } } }[] } }>();
  assert.equal(v2.apiVersion, 'autoscaling/v2');
  assert.equal(v2.spec.metrics[0].resource.name, 'cpu');
  assert.equal(v2.spec.metrics[0].resource.target.averageUtilization, 60);

  const patched = await t.request('PATCH', '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web', {
    body: { spec: { maxReplicas: 9 } }, contentType: 'application/merge-patch+json',
  });
  assert.equal(patched.status, 200, patched.text);
  const back = await t.request('GET', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/web');
  const b = back.json<{ apiVersion: string; spec: { maxReplicas: number; targetCPUUtilizationPercentage: number } }>();
  assert.equal(b.apiVersion, 'autoscaling/v1');
  assert.equal(b.spec.maxReplicas, 9);
  assert.equal(b.spec.targetCPUUtilizationPercentage, 60);

  const l1 = await t.request('GET', '/apis/autoscaling/v1/horizontalpodautoscalers');
  const l2 = await t.request('GET', '/apis/autoscaling/v2/horizontalpodautoscalers?resourceVersion=0');
  assert.deepEqual(l1.json<{ items: { apiVersion: string }[] }>().items.map((i) => i.apiVersion), ['autoscaling/v1']);
  assert.deepEqual(l2.json<{ items: { apiVersion: string }[] }>().items.map((i) => i.apiVersion), ['autoscaling/v2']);
});
