// The ReplicaSet and ReplicationController controllers against a real API server in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { resource } from '../../client/resource.js';
import { ReplicaSetController } from './controller.js';
import { replicaSetKind, replicationControllerKind } from './kinds.js';
import { markRunningReady, startTestbed, waitFor } from '../testing.js';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };

test('ReplicaSet controller on a real API server', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  const events: string[] = [];
  const ctl = new ReplicaSetController(replicaSetKind, {
    factory: bed.factory, rest: bed.rest, log: bed.log,
    events: (o, type, reason, message) => events.push(`${o.kind}/${o.metadata?.name} ${type} ${reason} ${message}`),
  });
  bed.factory.start(bed.signal);
  const running = ctl.run(bed.signal);
  t.after(() => running);
  const rsClient = resource<KubeObject>(bed.rest, { group: 'apps', version: 'v1', resource: 'replicasets' }, 'default');
  const pods = resource<Pod & KubeObject>(bed.rest, { group: '', version: 'v1', resource: 'pods' }, 'default');
  const ours = async () => (await pods.list({ labelSelector: 'app=web' })).items.filter((p) => !p.metadata?.deletionTimestamp);

  const rs = await rsClient.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template } });

  await t.test('a ReplicaSet gets N pods, owned by it, and reports them', async () => {
    const list = await waitFor('3 pods', async () => ((await ours()).length === 3 ? ours() : undefined));
    for (const p of list) {
      assert.match(p.metadata!.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.deepEqual(p.metadata!.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
    }
    const st = await waitFor('status', async () => {
      const cur = await rsClient.get('web') as { status?: { replicas?: number; observedGeneration?: number } };
      return cur.status?.replicas === 3 && cur.status.observedGeneration === 1 ? cur.status : undefined;
    });
    assert.deepEqual(st, { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    assert.equal(events.filter((e) => e.startsWith('ReplicaSet/web Normal SuccessfulCreate Created pod: web-')).length, 3);
  });

  await t.test('ready pods are counted; a deleted pod comes back', async () => {
    const list = await ours();
    for (const p of list) await markRunningReady(bed.rest, p);
    await waitFor('ready 3', async () => ((await rsClient.get('web')) as { status?: { readyReplicas?: number; availableReplicas?: number } }).status?.availableReplicas === 3);
    await pods.delete(list[0].metadata!.name!, { gracePeriodSeconds: 0 });
    await waitFor('replacement', async () => {
      const now = await ours();
      return now.length === 3 && !now.some((p) => p.metadata!.name === list[0].metadata!.name);
    });
  });

  await t.test('scale down removes the unready pods first', async () => {
    const before = await ours();
    const unready = before.filter((p) => !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    assert.equal(unready.length, 1, 'the replacement is not ready');
    await rsClient.patch('web', 'merge', { spec: { replicas: 2 } });
    const after = await waitFor('2 pods', async () => { const n = await ours(); return n.length === 2 ? n : undefined; });
    assert.ok(!after.some((p) => p.metadata!.name === unready[0].metadata!.name), 'the unready pod went');
  });

  await t.test('an orphan is adopted, a relabelled pod released', async () => {
    // the orphan makes one too many once adopted; being the newest and not ready, it is the one removed
    await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'web' } }, spec: template.spec } as Pod & KubeObject);
    await waitFor('adopted, then deleted as the surplus', () => events.includes('ReplicaSet/web Normal SuccessfulDelete Deleted pod: orphan'));
    assert.equal((await ours()).length, 2);
    const victim = (await ours())[0];
    await pods.patch(victim.metadata!.name!, 'merge', { metadata: { labels: { app: 'elsewhere' } } });
    await waitFor('release', async () => ((await pods.get(victim.metadata!.name!)).metadata?.ownerReferences ?? []).length === 0);
    await waitFor('replacement for the released pod', async () => (await ours()).length === 2);
  });
  assert.deepEqual(bed.errors, []);
});

test('ReplicationController through the same code', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  const ctl = new ReplicaSetController(replicationControllerKind, { factory: bed.factory, rest: bed.rest, log: bed.log, events: () => undefined });
  bed.factory.start(bed.signal);
  const running = ctl.run(bed.signal);
  t.after(() => running);
  const rcs = resource<KubeObject>(bed.rest, { group: '', version: 'v1', resource: 'replicationcontrollers' }, 'default');
  const rc = await rcs.create({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'legacy' }, spec: { replicas: 2, template: { ...template, metadata: { labels: { app: 'legacy' } } } } });
  const pods = resource<Pod & KubeObject>(bed.rest, { group: '', version: 'v1', resource: 'pods' }, 'default');
  const list = await waitFor('2 pods', async () => { const l = (await pods.list({ labelSelector: 'app=legacy' })).items; return l.length === 2 ? l : undefined; });
  assert.deepEqual(list[0].metadata!.ownerReferences, [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', uid: rc.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
  await waitFor('status', async () => ((await rcs.get('legacy')) as { status?: { replicas?: number } }).status?.replicas === 2);
});
