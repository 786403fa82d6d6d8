// The Deployment controller with the ReplicaSet controller against a real API server in-process,
// with a node stand-in that makes pods Running and Ready.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { resource } from '../../client/resource.js';
import { ReplicaSetController } from '../replicaset/controller.js';
import { replicaSetKind } from '../replicaset/kinds.js';
import { startNodeFixture, startTestbed, waitFor } from '../testing.js';
import { DeploymentController, DEPLOYMENTS, REPLICASETS } from './controller.js';
import { computeHash } from './hash.js';

const tpl = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } });

test('Deployment controller on a real API server', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  const events: string[] = [];
  const record = (o: { kind?: string; metadata?: { name?: string } }, type: string, reason: string, message: string) => events.push(`${o.kind}/${o.metadata?.name} ${type} ${reason} ${message}`);
  const deps = { factory: bed.factory, rest: bed.rest, log: bed.log, events: record };
  const rsc = new ReplicaSetController(replicaSetKind, deps);
  const dc = new DeploymentController(deps);
  startNodeFixture(bed);
  bed.factory.start(bed.signal);
  const runs = Promise.all([rsc.run(bed.signal), dc.run(bed.signal)]);
  t.after(() => runs);
  const deployments = resource<Deployment & KubeObject>(bed.rest, DEPLOYMENTS, 'default');
  const replicaSets = resource<ReplicaSet & KubeObject>(bed.rest, REPLICASETS, 'default');
  const rsList = async () => (await replicaSets.list()).items;
  const complete = (image: string) => waitFor(`rollout of ${image}`, async () => {
    const d = await deployments.get('web');
    const s = d.status ?? {};
    const progressing = s.conditions?.find((c) => c.type === 'Progressing');
    return d.spec?.template.spec?.containers[0].image === image && s.observedGeneration === d.metadata?.generation
      && s.updatedReplicas === 3 && s.replicas === 3 && s.availableReplicas === 3 && progressing?.reason === 'NewReplicaSetAvailable' ? d : undefined;
  }, 20_000);

  const created = await deployments.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: tpl('nginx:1.25') },
  });
  const hash1 = computeHash(created.spec!.template);

  await t.test('a Deployment creates its ReplicaSet with pod-template-hash and becomes available', async () => {
    const d = await complete('nginx:1.25');
    const [rs] = await rsList();
    assert.equal(rs.metadata!.name, `web-${hash1}`);
    assert.equal(rs.metadata!.labels!['pod-template-hash'], hash1);
    assert.deepEqual(rs.spec!.selector.matchLabels, { app: 'web', 'pod-template-hash': hash1 });
    assert.equal(rs.metadata!.ownerReferences![0].uid, created.metadata!.uid);
    assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/revision'], '1');
    assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/desired-replicas'], '3');
    assert.equal(rs.metadata!.annotations!['deployment.kubernetes.io/max-replicas'], '4');
    assert.equal(d.metadata!.annotations?.['deployment.kubernetes.io/revision'], '1');
    const available = d.status!.conditions!.find((c) => c.type === 'Available')!;
    assert.deepEqual([available.status, available.reason, available.message], ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
    assert.ok(events.includes(`Deployment/web Normal ScalingReplicaSet Scaled up replica set web-${hash1} to 3`), events.join('\n'));
  });

  await t.test('a template change rolls to a new ReplicaSet, revision 2', async () => {
    await deployments.patch('web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } });
    const d = await complete('nginx:1.26');
    const hash2 = computeHash(d.spec!.template);
    const byName = Object.fromEntries((await rsList()).map((rs) => [rs.metadata!.name, rs]));
    assert.equal(byName[`web-${hash1}`].spec!.replicas, 0);
    assert.equal(byName[`web-${hash2}`].spec!.replicas, 3);
    assert.equal(byName[`web-${hash2}`].metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
    assert.equal(d.metadata!.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.ok(events.includes(`Deployment/web Normal ScalingReplicaSet Scaled up replica set web-${hash2} to 1`), events.join('\n'));
    assert.ok(events.some((e) => e.startsWith(`Deployment/web Normal ScalingReplicaSet Scaled down replica set web-${hash1} to 2 from 3`)), events.join('\n'));
  });

  await t.test('rollback by re-applying the old template reuses its ReplicaSet as revision 3', async () => {
    await deployments.patch('web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } });
    await complete('nginx:1.25');
    const list = await rsList();
    assert.equal(list.length, 2);
    const old = list.find((rs) => rs.metadata!.name === `web-${hash1}`)!;
    assert.equal(old.spec!.replicas, 3);
    assert.equal(old.metadata!.annotations!['deployment.kubernetes.io/revision'], '3');
    assert.equal(old.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1');
  });

  await t.test('scaling a Deployment scales its ReplicaSet', async () => {
    await deployments.patch('web', 'merge', { spec: { replicas: 5 } });
    await waitFor('5 available', async () => (await deployments.get('web')).status?.availableReplicas === 5, 20_000);
    const rs = (await rsList()).find((r) => r.metadata!.name === `web-${hash1}`)!;
    assert.equal(rs.spec!.replicas, 5);
    assert.ok(events.includes(`Deployment/web Normal ScalingReplicaSet Scaled up replica set web-${hash1} to 5 from 3`), events.join('\n'));
  });
  assert.deepEqual(bed.errors.filter((e) => !/the object has been modified|Operation cannot be fulfilled/.test(e)), []);
});
