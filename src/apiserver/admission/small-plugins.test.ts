import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { defaultStorageClass } from './default-storage-class.js';
import { defaultTolerationSeconds } from './default-toleration-seconds.js';
import { createAdmissionPlugins, selectAdmissionPlugins } from './index.js';
import { taintNodesByCondition } from './taint-nodes-by-condition.js';
import { attrs, pod, testCluster, type TestCluster } from './testing.js';

describe('DefaultTolerationSeconds', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster();
  });
  after(() => t.close());

  it('adds the not-ready and unreachable tolerations for 300 s', async () => {
    const obj = pod('web') as Pod;
    await defaultTolerationSeconds().admit!(attrs(obj, t.info('v1', 'Pod')));
    assert.deepEqual(obj.spec!.tolerations, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('keeps the pod\'s own tolerations of those taints', async () => {
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 };
    const obj = pod('web', ['c'], { tolerations: [own] }) as Pod;
    await defaultTolerationSeconds().admit!(attrs(obj, t.info('v1', 'Pod')));
    assert.deepEqual(obj.spec!.tolerations, [own, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    const all = pod('web', ['c'], { tolerations: [{ operator: 'Exists' }] }) as Pod;
    await defaultTolerationSeconds().admit!(attrs(all, t.info('v1', 'Pod')));
    assert.deepEqual(all.spec!.tolerations, [{ operator: 'Exists' }]);
  });
});

describe('DefaultStorageClass', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster();
  });
  after(() => t.close());
  const claim = (spec: Record<string, unknown> = {}): KubeObject => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
  });

  it('leaves claims alone while there is no default class', async () => {
    const c = claim();
    await defaultStorageClass(t).admit!(attrs(c, t.info('v1', 'PersistentVolumeClaim')));
    assert.equal((c.spec as { storageClassName?: string }).storageClassName, undefined);
  });

  it('gives a claim without a class the newest default class', async () => {
    const sc = (name: string, created: string, dflt: boolean): KubeObject => ({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner: 'example.com/x',
      metadata: { name, annotations: dflt ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
    });
    for (const [name, dflt] of [['old', true], ['plain', false]] as const) await t.put(sc(name, '', dflt));
    await new Promise((r) => setTimeout(r, 1100));
    await t.put(sc('new', '', true));
    const c = claim();
    await defaultStorageClass(t).admit!(attrs(c, t.info('v1', 'PersistentVolumeClaim')));
    assert.equal((c.spec as { storageClassName?: string }).storageClassName, 'new');
    const empty = claim({ storageClassName: '' });
    await defaultStorageClass(t).admit!(attrs(empty, t.info('v1', 'PersistentVolumeClaim')));
    assert.equal((empty.spec as { storageClassName?: string }).storageClassName, '');
  });
});

describe('TaintNodesByCondition', () => {
  it('taints a new node not-ready:NoSchedule once', async () => {
    const t = await testCluster();
    try {
      const n: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } };
      await taintNodesByCondition().admit!(attrs(n, t.info('v1', 'Node')));
      await taintNodesByCondition().admit!(attrs(n, t.info('v1', 'Node')));
      assert.deepEqual((n.spec as { taints: unknown[] }).taints, [
        { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('createAdmissionPlugins', () => {
  it('returns the plugins in upstream order', async () => {
    const t = await testCluster();
    try {
      assert.deepEqual(createAdmissionPlugins(t).map((p) => p.name), [
        'NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'NodeRestriction', 'TaintNodesByCondition',
        'PodSecurity', 'Priority', 'DefaultTolerationSeconds', 'DefaultStorageClass', 'ResourceQuota',
      ]);
      assert.equal(createAdmissionPlugins(t, { enabled: selectAdmissionPlugins([], ['PodSecurity']) }).length, 9);
    } finally {
      await t.close();
    }
  });
});

test('--enable/--disable-admission-plugins: the default set, minus the disabled, in run order; unknown names refused', () => {
  assert.deepEqual(selectAdmissionPlugins(), [
    'NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'NodeRestriction', 'TaintNodesByCondition', 'PodSecurity',
    'Priority', 'DefaultTolerationSeconds', 'DefaultStorageClass', 'ResourceQuota',
  ]);
  assert.deepEqual(selectAdmissionPlugins(['NodeRestriction'], ['ResourceQuota', 'LimitRanger', 'MutatingAdmissionWebhook']), [
    'NamespaceLifecycle', 'ServiceAccount', 'NodeRestriction', 'TaintNodesByCondition', 'PodSecurity',
    'Priority', 'DefaultTolerationSeconds', 'DefaultStorageClass',
  ]);
  assert.throws(() => selectAdmissionPlugins(['Bogus']), /^Error: enable-admission-plugins plugin "Bogus" is unknown$/);
  assert.throws(() => selectAdmissionPlugins([], ['Bogus']), /^Error: disable-admission-plugins plugin "Bogus" is unknown$/);
  assert.throws(() => selectAdmissionPlugins(['MutatingAdmissionWebhook']), /plugin "MutatingAdmissionWebhook" is not implemented by kubets/);
  assert.throws(() => selectAdmissionPlugins(['PodSecurity'], ['PodSecurity']), /PodSecurity in enable-admission-plugins and disable-admission-plugins overlapped/);
});
