// The official JavaScript client (@kubernetes/client-node) against a real kubets server.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startServer, type TestCluster } from './cluster.js';

describe('@kubernetes/client-node', () => {
  let cluster: TestCluster;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;

  before(async () => {
    cluster = await startServer();
    kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    core = kc.makeApiClient(k8s.CoreV1Api);
  });
  after(async () => {
    await cluster?.stop();
  });

  test('list namespaces', async () => {
    const list = await core.listNamespace();
    const names = list.items.map((n) => n.metadata?.name).sort();
    assert.deepEqual(names, ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    assert.ok(list.metadata?.resourceVersion);
  });

  test('create, get and patch a ConfigMap', async () => {
    const created = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'from-js', labels: { via: 'client-node' } }, data: { a: '1' } },
    });
    assert.equal(created.metadata?.name, 'from-js');
    assert.ok(created.metadata?.uid);
    const patched = await core.patchNamespacedConfigMap(
      { name: 'from-js', namespace: 'default', body: { data: { b: '2' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    assert.deepEqual(patched.data, { a: '1', b: '2' });
    assert.notEqual(patched.metadata?.resourceVersion, created.metadata?.resourceVersion);
    await assert.rejects(
      core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'from-js' } } }),
      (e: unknown) => (e as { code?: number }).code === 409,
    );
  });

  test('watch delivers ADDED, MODIFIED and DELETED', async () => {
    const seen: string[] = [];
    const watch = new k8s.Watch(kc);
    const done = new Promise<void>((resolve) => {
      void watch.watch('/api/v1/namespaces/default/configmaps', { fieldSelector: 'metadata.name=watched' }, (type) => {
        seen.push(type);
        if (type === 'DELETED') resolve();
      }, () => resolve());
    }).then(() => undefined);
    const req = await new Promise<void>((r) => setTimeout(r, 300));
    void req;
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'watched' }, data: { x: '1' } } });
    await core.replaceNamespacedConfigMap({ name: 'watched', namespace: 'default', body: { metadata: { name: 'watched' }, data: { x: '2' } } });
    await core.deleteNamespacedConfigMap({ name: 'watched', namespace: 'default' });
    await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error(`watch saw only ${seen}`)), 10_000))]);
    assert.deepEqual(seen, ['ADDED', 'MODIFIED', 'DELETED']);
  });

  test('an informer sees every change', async () => {
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps',
      () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const events: string[] = [];
    informer.on('add', (o) => events.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => events.push(`update ${o.metadata?.name} ${(o as k8s.V1ConfigMap).data?.v}`));
    informer.on('delete', (o) => events.push(`delete ${o.metadata?.name}`));
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'inf' }, data: { v: '1' } } });
      await core.patchNamespacedConfigMap({ name: 'inf', namespace: 'default', body: { data: { v: '2' } } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
      await core.deleteNamespacedConfigMap({ name: 'inf', namespace: 'default' });
      const deadline = Date.now() + 10_000;
      while (!events.includes('delete inf') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.ok(events.includes('add from-js'), events.join('; '));
      assert.deepEqual(events.filter((e) => e.includes(' inf')), ['add inf', 'update inf 2', 'delete inf']);
      assert.equal(informer.list('default').find((o) => o.metadata?.name === 'inf'), undefined);
    } finally {
      await informer.stop();
    }
  });
});
