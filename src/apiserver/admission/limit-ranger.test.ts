import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import { StatusError } from '../../machinery/errors.js';
import { LIMIT_RANGER_ANNOTATION, limitRanger } from './limit-ranger.js';
import { attrs, pod, testCluster, type TestCluster } from './testing.js';

describe('LimitRanger', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster(['default', 'bounded', 'claims']);
    await t.put({
      apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'default' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }] },
    });
    await t.put({
      apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'bounds', namespace: 'bounded' },
      spec: { limits: [{ type: 'Container', max: { cpu: '1', memory: '1Gi' }, min: { cpu: '100m' }, maxLimitRequestRatio: { cpu: '4' } }] },
    });
    await t.put({
      apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'storage', namespace: 'claims' },
      spec: { limits: [{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '2Gi' } }] },
    });
  });
  after(() => t.close());

  it('applies default limits and requests per container and notes them in the annotation', async () => {
    const p = limitRanger(t);
    const obj = pod('web', ['app', 'side']);
    const spec = (obj as Pod).spec!;
    spec.containers[1].resources = { requests: { cpu: '50m' } };
    spec.initContainers = [{ name: 'init', image: 'busybox', resources: { limits: { cpu: '200m' } } }];
    await p.admit!(attrs(obj, t.info('v1', 'Pod')));
    assert.deepEqual(spec.containers[0].resources, { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    assert.deepEqual(spec.containers[1].resources, { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '50m', memory: '128Mi' } });
    // an explicit limit without a request keeps request = limit (API defaulting), not the range's defaultRequest
    assert.deepEqual(spec.initContainers[0].resources, { limits: { cpu: '200m', memory: '256Mi' }, requests: { memory: '128Mi' } });
    assert.equal(obj.metadata?.annotations?.[LIMIT_RANGER_ANNOTATION],
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; '
      + 'memory request for container side; cpu, memory limit for container side; '
      + 'memory request for init container init; memory limit for init container init');
  });

  it('leaves pods alone on update and in namespaces without ranges', async () => {
    const p = limitRanger(t);
    const obj = pod('web');
    await p.admit!(attrs(obj, t.info('v1', 'Pod'), { operation: 'UPDATE' }));
    assert.equal((obj as Pod).spec!.containers[0].resources, undefined);
    const other = pod('x');
    await p.admit!(attrs(other, t.info('v1', 'Pod'), { namespace: 'claims' }));
    assert.equal((other as Pod).spec!.containers[0].resources, undefined);
  });

  it('enforces max, min and the limit/request ratio with upstream messages', async () => {
    const p = limitRanger(t);
    const obj = pod('web', ['c'], {}) as Pod;
    obj.metadata!.namespace = 'bounded';
    obj.spec!.containers[0].resources = { limits: { cpu: '2', memory: '2Gi' }, requests: { cpu: '100m', memory: '1Gi' } };
    await assert.rejects(p.validate!(attrs(obj, t.info('v1', 'Pod'))), (e: StatusError) => {
      assert.equal(e.code, 403);
      assert.equal(e.message, 'pods "web" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, '
        + 'maximum memory usage per Container is 1Gi, but limit is 2Gi, cpu max limit to request ratio per Container is 4, but provided ratio is 20.000000]');
      return true;
    });
    obj.spec!.containers[0].resources = { requests: { cpu: '50m' }, limits: { cpu: '100m', memory: '1Gi' } };
    await assert.rejects(p.validate!(attrs(obj, t.info('v1', 'Pod'))), /pods "web" is forbidden: minimum cpu usage per Container is 100m, but request is 50m/);
    obj.spec!.containers[0].resources = { requests: { cpu: '200m' } };
    await assert.rejects(p.validate!(attrs(obj, t.info('v1', 'Pod'))),
      /\[maximum cpu usage per Container is 1\. {2}No limit is specified, maximum memory usage per Container is 1Gi\. {2}No limit is specified, cpu max limit to request ratio per Container is 4, but no limit is specified or limit is 0\]/);
    obj.spec!.containers[0].resources = { requests: { cpu: '250m' }, limits: { cpu: '1', memory: '512Mi' } };
    await p.validate!(attrs(obj, t.info('v1', 'Pod')));
  });

  it('bounds a claim\'s storage request', async () => {
    const p = limitRanger(t);
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'claims' }, spec: { resources: { requests: { storage: '5Gi' } } } };
    await assert.rejects(p.validate!(attrs(pvc, t.info('v1', 'PersistentVolumeClaim'))),
      (e: StatusError) => e.message === 'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi');
    pvc.spec.resources.requests.storage = '500Mi';
    await assert.rejects(p.validate!(attrs(pvc, t.info('v1', 'PersistentVolumeClaim'))),
      /minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi/);
    pvc.spec.resources.requests.storage = '1Gi';
    await p.validate!(attrs(pvc, t.info('v1', 'PersistentVolumeClaim')));
  });
});
