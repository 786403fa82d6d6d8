// The garbage collector against a real API server: dependents of an owner deleted before it
// started, background, orphan and foreground propagation, a dependent with two owners, and a
// reference to an owner of another uid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, OwnerReference } from '../../api/meta/v1/types.js';
import { resource } from '../../client/resource.js';
import { isNotFound } from '../../machinery/errors.js';
import { startTestbed, waitFor } from '../testing.js';
import { GarbageCollector } from './controller.js';

test('garbage collector on a real API server', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  const cms = resource<KubeObject & { data?: Record<string, string> }>(bed.rest, { group: '', version: 'v1', resource: 'configmaps' }, 'default');
  const rss = resource<KubeObject>(bed.rest, { group: 'apps', version: 'v1', resource: 'replicasets' }, 'default');
  const pods = resource<KubeObject>(bed.rest, { group: '', version: 'v1', resource: 'pods' }, 'default');
  const gone = (c: typeof cms | typeof pods, name: string) => c.get(name).then(() => false, (e: unknown) => isNotFound(e));
  const refTo = (o: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference =>
    ({ apiVersion: o.apiVersion ?? 'v1', kind: o.kind ?? 'ConfigMap', name: o.metadata?.name ?? '', uid: o.metadata?.uid ?? '', ...extra });
  const cm = (name: string, owners: OwnerReference[] = [], finalizers?: string[]) =>
    cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ownerReferences: owners.length ? owners : undefined, finalizers } });
  const rs = async (name: string, replicas: number, block = false) => {
    const owner = await rss.create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
      spec: { replicas: 0, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    } as KubeObject);
    const ref = refTo({ ...owner, apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { controller: true, blockOwnerDeletion: block });
    for (let i = 0; i < replicas; i++) {
      await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${name}-${i}`, labels: { app: name }, ownerReferences: [ref] }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KubeObject);
    }
    return owner;
  };

  // deleted while no collector ran: found from the lists once it starts
  const early = await cm('early-owner');
  await cm('early-dependent', [refTo(early)]);
  await cms.delete('early-owner');
  // a reference naming a live object but another uid counts as absent
  await cm('other-uid');
  await cm('stale-dependent', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'other-uid', uid: '00000000-0000-0000-0000-000000000000' }]);

  const gc = new GarbageCollector({ factory: bed.factory, rest: bed.rest, log: bed.log });
  bed.factory.start(bed.signal);
  const running = gc.run(bed.signal);
  t.after(() => running);

  await waitFor('early dependent collected', () => gone(cms, 'early-dependent'));
  await waitFor('stale dependent collected', () => gone(cms, 'stale-dependent'));
  assert.equal(await gone(cms, 'other-uid'), false);

  await t.test('background: the owner goes, then its pods', async () => {
    await rs('bg', 2);
    await rss.delete('bg');
    await waitFor('pods of bg gone', async () => (await gone(pods, 'bg-0')) && (await gone(pods, 'bg-1')));
  });

  await t.test('orphan: the pods stay without the reference, the owner goes', async () => {
    await rs('orph', 2);
    await rss.delete('orph', { propagationPolicy: 'Orphan' });
    await waitFor('owner orph gone', () => gone(rss as typeof pods, 'orph'));
    for (const p of ['orph-0', 'orph-1']) {
      const pod = await pods.get(p);
      assert.equal(pod.metadata?.ownerReferences, undefined);
      assert.equal(pod.metadata?.deletionTimestamp, undefined);
    }
  });

  await t.test('foreground: the owner waits for its blocking dependents', async () => {
    await rs('fg', 2, true);
    await pods.patch('fg-0', 'merge', { metadata: { finalizers: ['example.com/hold'] } });
    await rss.delete('fg', { propagationPolicy: 'Foreground' });
    await waitFor('fg-1 gone', () => gone(pods, 'fg-1'));
    await waitFor('fg-0 terminating', async () => !!(await pods.get('fg-0')).metadata?.deletionTimestamp);
    const owner = await rss.get('fg');
    assert.ok(owner.metadata?.deletionTimestamp);
    assert.deepEqual(owner.metadata?.finalizers, ['foregroundDeletion']);
    await pods.patch('fg-0', 'merge', { metadata: { finalizers: null } });
    await waitFor('owner fg gone', () => gone(rss as typeof pods, 'fg'));
    assert.equal(await gone(pods, 'fg-0'), true);
  });

  await t.test('two owners: the dependent stays while one remains', async () => {
    const a = await cm('owner-a');
    const b = await cm('owner-b');
    await cm('shared', [refTo(a), refTo(b)]);
    await cms.delete('owner-a');
    await waitFor('reference to owner-a dropped', async () => {
      const s = await cms.get('shared');
      return s.metadata?.ownerReferences?.length === 1 && s.metadata.ownerReferences[0].name === 'owner-b';
    });
    assert.equal((await cms.get('shared')).metadata?.deletionTimestamp, undefined);
    await cms.delete('owner-b');
    await waitFor('shared collected', () => gone(cms, 'shared'));
  });

  assert.deepEqual(bed.errors, []);
});
