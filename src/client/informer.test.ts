import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientConfig, startTestServer } from '../apiserver/testing.js';
import type { KubeObject } from '../api/meta/v1/types.js';
import { parseSelector } from '../machinery/labels.js';
import { MemoryStore } from '../storage/memory.js';
import { SharedInformerFactory } from './factory.js';
import { OWNER_UID_INDEX } from './indexer.js';
import { isTombstone, keyOf, type DeletedFinalStateUnknown } from './informer.js';
import { RestClient } from './rest.js';
import { resource } from './resource.js';

const CM = { group: '', version: 'v1', resource: 'configmaps' };

import { until, useTestServer } from './testing.js';
const ctx = useTestServer();

test('one shared informer per resource: lists with paging, watches, indexes, listers, frozen objects', async () => {
  const cms = resource(ctx.rest, CM, 'inf');
  await resource(ctx.rest, { group: '', version: 'v1', resource: 'namespaces' }).create({ metadata: { name: 'inf' } });
  for (let i = 0; i < 7; i++) await cms.create({ metadata: { name: `pre-${i}`, labels: { app: i % 2 ? 'odd' : 'even' } } });
  const factory = new SharedInformerFactory(ctx.rest, { informer: { pageSize: 3 } });
  const a = factory.forResource(CM);
  const b = factory.forResource(CM);
  assert.equal(a, b, 'the same informer for every loop');
  a.addIndexers({ byApp: (o: KubeObject) => [o.metadata?.labels?.app ?? ''] });
  const events: string[] = [];
  a.addEventHandler({
    onAdd: (o, initial) => events.push(`add ${o.metadata?.name} ${initial}`),
    onUpdate: (_o, n) => events.push(`update ${n.metadata?.name}`),
    onDelete: (o) => events.push(`delete ${keyOf(o)}`),
  });
  const ac = new AbortController();
  factory.start(ac.signal);
  await factory.waitForCacheSync();
  assert.ok(a.hasSynced());
  assert.ok(a.reflector.lists === 1);
  const lister = a.lister();
  assert.equal(lister.namespace('inf').list().length, 7);
  assert.equal(lister.namespace('inf').list(parseSelector('app=odd')).length, 3);
  assert.equal(a.indexer.byIndex('byApp', 'even').length, 4);
  assert.equal(events.filter((e) => e.endsWith(' true')).length, 7, 'initial adds are flagged');

  const owner = await cms.create({ metadata: { name: 'owner' } });
  await cms.create({ metadata: { name: 'child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! }] } });
  await until(() => a.indexer.byIndex(OWNER_UID_INDEX, owner.metadata!.uid!).length === 1);
  await cms.patch('child', 'merge', { data: { x: '1' } });
  await until(() => events.includes('update child'));
  await cms.delete('child');
  await until(() => events.includes('delete inf/child'));
  assert.equal(lister.namespace('inf').get('child'), undefined);

  const cached = lister.namespace('inf').get('pre-1')!;
  assert.throws(() => {
    (cached.metadata!.labels as Record<string, string>).app = 'changed';
  }, TypeError, 'cached objects are frozen');
  assert.throws(() => {
    cached.data = {};
  }, TypeError);

  // a handler added late hears the whole cache first
  const late: string[] = [];
  const reg = a.addEventHandler({ onAdd: (o) => late.push(o.metadata!.name!) });
  assert.equal(late.length, 8);
  assert.ok(reg.hasSynced());
  ac.abort();
  await factory.shutdown();
});

test('resync delivers onUpdate(obj, obj) for cached objects', async () => {
  const factory = new SharedInformerFactory(ctx.rest, { defaultResyncMs: 200, namespace: 'inf' });
  const inf = factory.forResource(CM);
  let resyncs = 0;
  inf.addEventHandler({ onUpdate: (o, n) => { if (o === n) resyncs++; } });
  const ac = new AbortController();
  factory.start(ac.signal);
  await factory.waitForCacheSync();
  await until(() => resyncs >= 16, 3000);
  ac.abort();
  await factory.shutdown();
});

test('an API server restart: the reflector reconnects with backoff, relists on 410 and reports a missed delete as a tombstone', async () => {
  const store = new MemoryStore();
  let srv = await startTestServer({ store });
  const port = srv.server.port;
  const c = new RestClient({ ...clientConfig(srv), maxRetries: 0 });
  const cms = resource(c, CM, 'default');
  await cms.create({ metadata: { name: 'stays' } });
  await cms.create({ metadata: { name: 'goes' } });
  const factory = new SharedInformerFactory(c, { informer: { backoffInitialMs: 50, backoffMaxMs: 200 } });
  const inf = factory.forResource(CM);
  const deleted: (KubeObject | DeletedFinalStateUnknown<KubeObject>)[] = [];
  inf.addEventHandler({ onDelete: (o) => deleted.push(o) });
  const ac = new AbortController();
  factory.start(ac.signal);
  await factory.waitForCacheSync();
  await until(() => inf.indexer.size >= 2);

  await srv.server.stop();
  // while the server is down, "goes" is deleted and a write moves the revision on
  const other = await startTestServer({ store });
  const oc = new RestClient(clientConfig(other));
  await resource(oc, CM, 'default').delete('goes');
  await resource(oc, CM, 'default').create({ metadata: { name: 'new' } });
  oc.close();
  await other.server.stop();
  srv = await startTestServer({ store, port });
  await until(() => inf.reflector.lists >= 2 && inf.indexer.getByKey('default/new') !== undefined, 10_000);
  assert.equal(inf.indexer.getByKey('default/goes'), undefined);
  const tomb = deleted.find((d) => keyOf(d) === 'default/goes');
  assert.ok(tomb && isTombstone(tomb), 'the missed delete comes as DeletedFinalStateUnknown');
  assert.equal(tomb.obj.metadata?.name, 'goes');
  // and the watch works again after the relist
  await resource(c, CM, 'default').create({ metadata: { name: 'after' } });
  await until(() => inf.indexer.getByKey('default/after') !== undefined);
  ac.abort();
  await factory.shutdown();
  c.close();
  await srv.close();
});

test('waitForCacheSync with a signal that already aborted refuses at once instead of waiting forever', async () => {
  const factory = new SharedInformerFactory(ctx.rest);
  factory.forResource(CM);
  const stopped = new AbortController();
  stopped.abort(new Error('stopped before the caches synced'));
  // the factory was never started, so nothing would ever sync: only the abort can end the wait
  await assert.rejects(factory.waitForCacheSync(stopped.signal), /stopped before the caches synced/);
});
