import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceQuota } from '../../api/core/v1/resource-quota.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { StatusError } from '../../machinery/errors.js';
import { resourceQuota } from './resource-quota.js';
import { attrs, pod, testCluster, type TestCluster } from './testing.js';

const quota = (name: string, namespace: string, hard: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace }, spec: { hard, ...extra },
});

const sized = (name: string, ns: string, cpu: string, memory: string): Pod => {
  const p = pod(name) as Pod;
  p.metadata!.namespace = ns;
  p.spec!.containers[0].resources = { requests: { cpu, memory }, limits: { cpu, memory } };
  return p;
};

describe('ResourceQuota', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster(['counts', 'compute', 'race', 'generic', 'scoped']);
  });
  after(() => t.close());
  const pods = () => t.info('v1', 'Pod');
  const rqInfo = () => t.info('v1', 'ResourceQuota');
  const used = async (ns: string, name: string) => ((await t.registry.get(rqInfo(), ns, name)) as ResourceQuota).status?.used;

  /** admission then storage, as the API server does it */
  async function create(obj: KubeObject): Promise<void> {
    const info = t.info(obj.apiVersion ?? '', obj.kind ?? '');
    await resourceQuota(t).validate!(attrs(obj, info));
    await t.put(obj);
  }

  it('writes usage through resourcequotas/status: validated and recorded in managedFields', async () => {
    await t.put(quota('mf', 'generic', { pods: '3' }));
    await create({ ...pod('charged'), metadata: { name: 'charged', namespace: 'generic' } });
    const rq = await t.registry.get(rqInfo(), 'generic', 'mf');
    const entry = rq.metadata?.managedFields?.find((e) => e.manager === 'kube-apiserver');
    assert.deepEqual(entry && [entry.operation, entry.subresource], ['Update', 'status']);
    assert.deepEqual(entry?.fieldsV1, { 'f:status': { 'f:hard': { '.': {}, 'f:pods': {} }, 'f:used': { '.': {}, 'f:pods': {} } } });
  });

  it('measures a fresh quota from what exists, then charges and refuses past the limit', async () => {
    await t.put({ ...pod('existing'), metadata: { name: 'existing', namespace: 'counts' } });
    await t.put(quota('q', 'counts', { pods: '2', configmaps: '5' }));
    await create({ ...pod('second'), metadata: { name: 'second', namespace: 'counts' } });
    assert.deepEqual(await used('counts', 'q'), { configmaps: '0', pods: '2' });
    const third = { ...pod('third'), metadata: { name: 'third', namespace: 'counts' } };
    await assert.rejects(resourceQuota(t).validate!(attrs(third, pods())), (e: StatusError) => {
      assert.equal(e.code, 403);
      assert.equal(e.message, 'pods "third" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
      return true;
    });
    await create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'counts' } });
    assert.deepEqual(await used('counts', 'q'), { configmaps: '1', pods: '2' });
  });

  it('gives usage back when an object is deleted, once', async () => {
    const p = resourceQuota(t);
    const existing = await t.registry.get(pods(), 'counts', 'existing');
    const del = attrs(undefined, pods(), { operation: 'DELETE', namespace: 'counts', name: 'existing', oldObject: existing });
    await p.validate!(del);
    // the registry's retry loop may admit the same request again
    await p.validate!({ ...del });
    assert.deepEqual(await used('counts', 'q'), { configmaps: '1', pods: '1' });
    const dying = { ...existing, metadata: { ...existing.metadata, deletionTimestamp: new Date().toISOString() } };
    await p.validate!(attrs(undefined, pods(), { operation: 'DELETE', namespace: 'counts', name: 'existing', oldObject: dying }));
    assert.deepEqual(await used('counts', 'q'), { configmaps: '1', pods: '1' });
  });

  it('does not charge a dry run or a create of a name that already exists', async () => {
    const p = resourceQuota(t);
    await p.validate!(attrs({ ...pod('x'), metadata: { name: 'x', namespace: 'counts' } }, pods(), { dryRun: true }));
    await p.validate!(attrs({ ...pod('second'), metadata: { name: 'second', namespace: 'counts' } }, pods()));
    assert.deepEqual(await used('counts', 'q'), { configmaps: '1', pods: '1' });
  });

  it('fills the status of a quota being written, as the controller would', async () => {
    const q = quota('fresh', 'counts', { pods: '3', secrets: '1' }) as ResourceQuota;
    await resourceQuota(t).validate!(attrs(q, rqInfo()));
    assert.deepEqual(q.status, { hard: { pods: '3', secrets: '1' }, used: { pods: '2', secrets: '0' } });
    const raised = structuredClone(q);
    raised.spec!.hard = { pods: '4', configmaps: '9' };
    await resourceQuota(t).validate!(attrs(raised, rqInfo(), { operation: 'UPDATE', oldObject: q }));
    assert.deepEqual(raised.status, { hard: { pods: '4', configmaps: '9' }, used: { configmaps: '1', pods: '2' } });
  });

  it('tracks compute resources and requires every container to state them', async () => {
    await t.put(quota('compute', 'compute', { 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '10' }));
    await create(sized('a', 'compute', '600m', '512Mi'));
    assert.deepEqual(await used('compute', 'compute'), { 'limits.memory': '512Mi', pods: '1', 'requests.cpu': '600m' });
    await assert.rejects(resourceQuota(t).validate!(attrs(sized('b', 'compute', '500m', '256Mi'), pods())),
      (e: StatusError) => e.message === 'pods "b" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1');
    const bare = pod('c', ['app', 'side']) as Pod;
    bare.metadata!.namespace = 'compute';
    bare.spec!.containers[0].resources = { requests: { cpu: '100m' } };
    await assert.rejects(resourceQuota(t).validate!(attrs(bare, pods())),
      (e: StatusError) => e.message === 'pods "c" is forbidden: failed quota: compute: must specify limits.memory for: app,side; requests.cpu for: side');
  });

  it('refuses while a measured quota lacks usage for a resource it tracks', async () => {
    await t.put({ ...quota('stale', 'generic', { pods: '1', 'count/pods': '3' }), status: { hard: { pods: '1', 'count/pods': '3' }, used: { 'count/pods': '0' } } });
    await assert.rejects(resourceQuota(t).validate!(attrs({ ...pod('p'), metadata: { name: 'p', namespace: 'generic' } }, pods())),
      (e: StatusError) => e.message === 'pods "p" is forbidden: status unknown for quota: stale, resources: count/pods,pods');
  });

  it('counts any kind through count/<resource>.<group>', async () => {
    await t.put(quota('deploys', 'generic', { 'count/deployments.apps': '1' }));
    const deploy = (name: string): KubeObject => ({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'generic' },
      spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    await create(deploy('one'));
    await assert.rejects(resourceQuota(t).validate!(attrs(deploy('two'), t.info('apps/v1', 'Deployment'))),
      /deployments.apps "two" is forbidden: exceeded quota: deploys, requested: count\/deployments.apps=1, used: count\/deployments.apps=1, limited: count\/deployments.apps=1/);
  });

  it('applies scoped quotas only to the pods they select', async () => {
    await t.put(quota('besteffort', 'scoped', { pods: '1' }, { scopes: ['BestEffort'] }));
    const be = (name: string) => ({ ...pod(name), metadata: { name, namespace: 'scoped' } });
    await create(be('a'));
    await create(sized('sized', 'scoped', '100m', '64Mi'));
    await assert.rejects(resourceQuota(t).validate!(attrs(be('b'), pods())), /exceeded quota: besteffort/);
    await create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'scoped' } });
  });

  it('lets exactly as many of 20 concurrent creates through as a quota of 5 allows', async () => {
    await t.put(quota('five', 'race', { pods: '5' }));
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => create({ ...pod(`p${i}`), metadata: { name: `p${i}`, namespace: 'race' } })));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    assert.equal(ok, 5);
    for (const r of results) {
      if (r.status === 'rejected') assert.match(String((r.reason as Error).message), /exceeded quota: five, requested: pods=1, used: pods=5, limited: pods=5/);
    }
    assert.deepEqual(await used('race', 'five'), { pods: '5' });
    assert.equal((await t.registry.list(pods(), 'race')).items.length, 5);
  });
});
