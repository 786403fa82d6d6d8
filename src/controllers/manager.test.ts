import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/meta/v1/types.js';
import { resource } from '../client/resource.js';
import type { Lease } from '../client/leader-election.js';
import { ControllerManager, enabledControllers } from './manager.js';
import { startNodeFixture, startTestbed, waitFor } from './testing.js';

const names = (spec: string[]) => enabledControllers(spec).map((c) => c.name);

test('--controllers: *, names, aliases and -name as upstream', () => {
  assert.deepEqual(names(['*']), ['replicaset-controller', 'replicationcontroller-controller', 'deployment-controller', 'namespace-controller', 'garbage-collector-controller']);
  assert.deepEqual(names(['*', '-deployment', '-namespace']), ['replicaset-controller', 'replicationcontroller-controller', 'garbage-collector-controller']);
  assert.deepEqual(names(['-deployment-controller', '*']), ['replicaset-controller', 'replicationcontroller-controller', 'namespace-controller', 'garbage-collector-controller']);
  assert.deepEqual(names(['replicaset']), ['replicaset-controller']);
  assert.deepEqual(names(['garbagecollector']), ['garbage-collector-controller']);
  assert.deepEqual(names([]), []);
  assert.throws(() => enabledControllers(['*', '-bogus']), /"bogus" is not in the list of known controllers/);
});

test('controller manager: two candidates, one leader on kube-system/kube-controller-manager; the other takes over', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  startNodeFixture(bed);
  bed.factory.start(bed.signal);
  const timing = { leaseDurationMs: 1500, renewDeadlineMs: 1000, retryPeriodMs: 200 };
  const events: string[] = [];
  const recorder = (_r: unknown, component: string) => (o: { kind?: string; metadata?: { name?: string } }, _type: string, reason: string, message: string) => {
    events.push(`${component} ${o.kind}/${o.metadata?.name} ${reason} ${message}`);
  };
  const a = new ControllerManager({ rest: bed.rest, log: bed.log, recorder, leaderElection: { identity: 'a', ...timing } });
  const b = new ControllerManager({ rest: bed.rest, log: bed.log, recorder, leaderElection: { identity: 'b', ...timing } });
  await a.start();
  await waitFor('a leads', () => a.isLeader());
  await b.start();
  t.after(() => Promise.all([a.stop(), b.stop()]));
  const leases = resource<Lease>(bed.rest, { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'kube-system');
  assert.equal((await leases.get('kube-controller-manager')).spec?.holderIdentity, 'a');

  const deployments = resource<KubeObject>(bed.rest, { group: 'apps', version: 'v1', resource: 'deployments' }, 'default');
  await deployments.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  await waitFor('2 available', async () => ((await deployments.get('web')) as { status?: { availableReplicas?: number } }).status?.availableReplicas === 2, 20_000);
  assert.equal(b.isLeader(), false, 'b only waits');
  assert.ok(events.some((e) => /^deployment-controller Deployment\/web ScalingReplicaSet Scaled up replica set web-\w+ to 2$/.test(e)), events.join('\n'));
  assert.ok(events.some((e) => e.startsWith('replicaset-controller ReplicaSet/web-')), 'each controller reports as its own component');

  await a.stop();
  await waitFor('b takes over', () => b.isLeader(), 5000);
  assert.equal((await leases.get('kube-controller-manager')).spec?.holderIdentity, 'b');
  await deployments.patch('web', 'merge', { spec: { replicas: 3 } });
  await waitFor('3 available under b', async () => ((await deployments.get('web')) as { status?: { availableReplicas?: number } }).status?.availableReplicas === 3, 20_000);
});

test('controller manager without leader election: events go to the API as each controller', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  const m = new ControllerManager({ rest: bed.rest, log: bed.log, controllers: ['deployment', 'replicaset'] });
  assert.deepEqual(m.controllers, ['replicaset-controller', 'deployment-controller']);
  await m.start();
  t.after(() => m.stop());
  const deployments = resource<KubeObject>(bed.rest, { group: 'apps', version: 'v1', resource: 'deployments' }, 'default');
  await deployments.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  const events = resource<KubeObject>(bed.rest, { group: '', version: 'v1', resource: 'events' }, 'default');
  type Ev = KubeObject & { reason?: string; message?: string; source?: { component?: string }; involvedObject?: { kind?: string; name?: string } };
  const scaled = await waitFor('ScalingReplicaSet event', async () => ((await events.list()).items as Ev[]).find((e) => e.reason === 'ScalingReplicaSet'));
  assert.equal(scaled.source?.component, 'deployment-controller');
  assert.deepEqual([scaled.involvedObject?.kind, scaled.involvedObject?.name], ['Deployment', 'web']);
  assert.match(scaled.message ?? '', /^Scaled up replica set web-[bcdfghjklmnpqrstvwxz2456789]+ to 3$/);
  const created = await waitFor('SuccessfulCreate events', async () => {
    const l = ((await events.list()).items as Ev[]).filter((e) => e.reason === 'SuccessfulCreate');
    return l.length ? l : undefined;
  });
  assert.equal(created[0].source?.component, 'replicaset-controller');
  assert.equal(created[0].involvedObject?.kind, 'ReplicaSet');
  assert.match(created[0].message ?? '', /^Created pod: web-\w+-\w{5}$/);
});
