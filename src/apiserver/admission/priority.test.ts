import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import { StatusError } from '../../machinery/errors.js';
import { ensureSystemPriorityClasses, priority } from './priority.js';
import { attrs, pod, testCluster, type TestCluster } from './testing.js';

describe('Priority', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster();
    await t.put({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch' }, value: 100, preemptionPolicy: 'Never' });
  });
  after(() => t.close());
  const pods = () => t.info('v1', 'Pod');

  it('gives a pod without a class priority 0 while no class is the global default', async () => {
    const obj = pod('web') as Pod;
    await priority(t).admit!(attrs(obj, pods()));
    assert.equal(obj.spec!.priority, 0);
    assert.equal(obj.spec!.preemptionPolicy, 'PreemptLowerPriority');
    assert.equal(obj.spec!.priorityClassName, undefined);
  });

  it('resolves a named class to its value and preemption policy', async () => {
    const obj = pod('web', ['c'], { priorityClassName: 'batch' }) as Pod;
    await priority(t).admit!(attrs(obj, pods()));
    assert.equal(obj.spec!.priority, 100);
    assert.equal(obj.spec!.preemptionPolicy, 'Never');
  });

  it('knows the system classes even before they are stored', async () => {
    const obj = pod('dns', ['c'], { priorityClassName: 'system-cluster-critical' }) as Pod;
    await priority(t).admit!(attrs(obj, pods(), { namespace: 'kube-system' }));
    assert.equal(obj.spec!.priority, 2000000000);
    const node = pod('proxy', ['c'], { priorityClassName: 'system-node-critical' }) as Pod;
    await priority(t).admit!(attrs(node, pods()));
    assert.equal(node.spec!.priority, 2000001000);
  });

  it('refuses an unknown class and a priority that disagrees with the class', async () => {
    await assert.rejects(priority(t).admit!(attrs(pod('web', ['c'], { priorityClassName: 'gold' }), pods())), (e: StatusError) => {
      assert.equal(e.code, 403);
      assert.equal(e.message, 'pods "web" is forbidden: no PriorityClass with name gold was found');
      return true;
    });
    await assert.rejects(priority(t).admit!(attrs(pod('web', ['c'], { priorityClassName: 'batch', priority: 5 }), pods())),
      /pods "web" is forbidden: the integer value of priority \(5\) must not be provided in pod spec; priority admission controller computed 100 from the given PriorityClass name/);
    const same = pod('web', ['c'], { priorityClassName: 'batch', priority: 100 }) as Pod;
    await priority(t).admit!(attrs(same, pods()));
  });

  it('uses the global default class and allows only one', async () => {
    const pcInfo = t.info('scheduling.k8s.io/v1', 'PriorityClass');
    const def = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'normal' }, value: 10, globalDefault: true };
    await priority(t).validate!(attrs(def, pcInfo));
    await t.put(def);
    const obj = pod('web') as Pod;
    await priority(t).admit!(attrs(obj, pods()));
    assert.equal(obj.spec!.priorityClassName, 'normal');
    assert.equal(obj.spec!.priority, 10);
    const second = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'also' }, value: 20, globalDefault: true };
    await assert.rejects(priority(t).validate!(attrs(second, pcInfo)),
      /priorityclasses.scheduling.k8s.io "also" is forbidden: PriorityClass normal is already marked as default. Only one default can exist/);
  });

  it('keeps the priority set at create when an update leaves it out', async () => {
    const old = pod('web', ['c'], { priorityClassName: 'batch', priority: 100, preemptionPolicy: 'Never' });
    const next = pod('web', ['c'], { priorityClassName: 'batch' }) as Pod;
    await priority(t).admit!(attrs(next, pods(), { operation: 'UPDATE', oldObject: old }));
    assert.equal(next.spec!.priority, 100);
    assert.equal(next.spec!.preemptionPolicy, 'Never');
  });

  it('bootstraps the system classes once', async () => {
    assert.deepEqual(await ensureSystemPriorityClasses(t.registry, t.scheme), ['system-node-critical', 'system-cluster-critical']);
    assert.deepEqual(await ensureSystemPriorityClasses(t.registry, t.scheme), []);
    const pc = await t.registry.get(t.info('scheduling.k8s.io/v1', 'PriorityClass'), '', 'system-node-critical');
    assert.equal(pc.value, 2000001000);
  });
});
