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
  // list items carry no apiVersion (only the list does), so tell the shapes apart by their fields
  type Item = { spec: { targetCPUUtilizationPercentage?: number; metrics?: unknown[] } };
  assert.equal(l1.json<{ apiVersion: string }>().apiVersion, 'autoscaling/v1');
  assert.deepEqual(l1.json<{ items: Item[] }>().items.map((i) => i.spec.targetCPUUtilizationPercentage), [60]);
  assert.equal(l2.json<{ apiVersion: string }>().apiVersion, 'autoscaling/v2');
  assert.deepEqual(l2.json<{ items: Item[] }>().items.map((i) => i.spec.targetCPUUtilizationPercentage), [undefined]);
  assert.equal(l2.json<{ items: Item[] }>().items[0].spec.metrics?.length, 1);
});

test('core and events.k8s.io Events are the same objects under both names', async () => {
  const ev = await t.request('POST', '/apis/events.k8s.io/v1/namespaces/default/events', {
    body: {
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web.1' },
      eventTime: '2024-01-01T00:00:00.000000Z', reportingController: 'kubets.io/test', reportingInstance: 'test-1',
      action: 'Scaled', reason: 'ScalingReplicaSet', type: 'Normal', note: 'Scaled up to 2',
      regarding: { kind: 'Deployment', namespace: 'default', name: 'web', apiVersion: 'apps/v1' },
    },
  });
  assert.equal(ev.status, 201, ev.text);
  const core = await t.request('GET', '/api/v1/namespaces/default/events/web.1');
  assert.equal(core.status, 200, core.text);
  const c = core.json<{ apiVersion: string; message: string; involvedObject: { name: string }; reportingComponent: string; note?: string }>();
  assert.equal(c.apiVersion, 'v1');
  assert.equal(c.message, 'Scaled up to 2');
  assert.equal(c.involvedObject.name, 'web');
  assert.equal(c.reportingComponent, 'kubets.io/test');
  assert.equal(c.note, undefined);
  const byField = await t.request('GET', '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb');
  assert.equal(byField.status, 200, byField.text);
  assert.deepEqual(byField.json<{ items: { metadata: { name: string } }[] }>().items.map((i) => i.metadata.name), ['web.1']);
});
