// The namespace controller against a real API server: deleting a namespace deletes what it
// held, then the namespace itself; content held by a finalizer keeps it Terminating.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { resource } from '../../client/resource.js';
import { isNotFound } from '../../machinery/errors.js';
import { startTestbed, waitFor } from '../testing.js';
import { NamespaceController } from './controller.js';

test('namespace controller on a real API server', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  const ctl = new NamespaceController({ factory: bed.factory, rest: bed.rest, log: bed.log });
  bed.factory.start(bed.signal);
  const running = ctl.run(bed.signal);
  t.after(() => running);
  const namespaces = resource<KubeObject & { status?: { phase?: string; conditions?: { type: string; status: string; reason?: string; message?: string }[] } }>(bed.rest, { group: '', version: 'v1', resource: 'namespaces' });
  const gone = async (name: string) => namespaces.get(name).then(() => false, (e: unknown) => isNotFound(e));
  await namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
  const cms = resource<KubeObject>(bed.rest, { group: '', version: 'v1', resource: 'configmaps' }, 'demo');
  await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: '1' } });
  await resource<KubeObject>(bed.rest, { group: 'apps', version: 'v1', resource: 'deployments' }, 'demo').create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  // one object held by a finalizer of its own keeps the namespace Terminating
  await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } });

  await namespaces.delete('demo');
  const terminating = await waitFor('NamespaceContentRemaining', async () => {
    const ns = await namespaces.get('demo');
    return ns.status?.conditions?.find((c) => c.type === 'NamespaceContentRemaining' && c.status === 'True') ? ns : undefined;
  });
  assert.equal(terminating.status?.phase, 'Terminating');
  const byType = Object.fromEntries((terminating.status?.conditions ?? []).map((c) => [c.type, c]));
  assert.equal(byType.NamespaceContentRemaining.message, 'Some resources are remaining: configmaps has 1 resource instances');
  assert.equal(byType.NamespaceFinalizersRemaining.message, 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
  assert.equal(byType.NamespaceDeletionDiscoveryFailure.reason, 'ResourcesDiscovered');
  assert.deepEqual((await cms.list()).items.map((c) => c.metadata?.name), ['held']);
  assert.equal((await resource<KubeObject>(bed.rest, { group: 'apps', version: 'v1', resource: 'deployments' }, 'demo').list()).items.length, 0);

  await cms.patch('held', 'merge', { metadata: { finalizers: null } });
  await waitFor('namespace gone', () => gone('demo'), 15_000);
  assert.deepEqual(bed.errors, []);
});
