import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Event } from '../api/core/v1/event.js';
import { writeKubeconfig } from '../cluster/kubeconfig.js';
import { COMBINED_PREFIX, EventCorrelator, SPAM_BURST } from './event-correlator.js';
import { EventRecorder } from './event-recorder.js';
import { resource } from './resource.js';

const CM = { group: '', version: 'v1', resource: 'configmaps' };
const EV = { group: '', version: 'v1', resource: 'events' };
const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';

import { useTestServer } from './testing.js';
const ctx = useTestServer();

async function eventsFor(name: string): Promise<Event[]> {
  return (await resource<Event>(ctx.rest, EV, 'default').list({ fieldSelector: `involvedObject.name=${name}` })).items;
}

test('the same event 13 times is one Event with count 13; kubectl describe shows (x13 over …)', async () => {
  const cm = { ...(await resource(ctx.rest, CM, 'default').create({ metadata: { name: 'ev-target' } })), kind: 'ConfigMap', apiVersion: 'v1' };
  const start = Math.floor(Date.now() / 1000) * 1000 - 13 * 60_000;
  let now = start;
  const rec = new EventRecorder(ctx.rest, { component: 'test-controller', host: 'node-a', now: () => now });
  for (let i = 0; i < 13; i++) {
    rec.event(cm, 'Warning', 'FailedSync', 'could not sync: boom');
    now += 60_000;
  }
  await rec.flush();
  const evs = await eventsFor('ev-target');
  assert.equal(evs.length, 1);
  const e = evs[0];
  assert.equal(e.count, 13);
  assert.equal(e.type, 'Warning');
  assert.equal(e.reason, 'FailedSync');
  assert.deepEqual(e.source, { component: 'test-controller', host: 'node-a' });
  assert.equal(e.involvedObject.kind, 'ConfigMap');
  assert.equal(e.involvedObject.uid, cm.metadata?.uid);
  assert.equal(e.firstTimestamp, new Date(start).toISOString().replace('.000Z', 'Z'));
  assert.equal(e.lastTimestamp, new Date(start + 12 * 60_000).toISOString().replace('.000Z', 'Z'));
  assert.match(e.metadata?.name ?? '', /^ev-target\.[0-9a-f]+$/);
  if (existsSync(KUBECTL)) {
    const kc = join(ctx.t.dir, 'events-admin.conf');
    writeKubeconfig(kc, { server: `https://127.0.0.1:${ctx.t.server.port}`, caCert: ctx.t.pki.ca.cert, clientCert: ctx.t.pki.admin.cert, clientKey: ctx.t.pki.admin.key });
    const { stdout: out } = await promisify(execFile)(KUBECTL, ['--kubeconfig', kc, '--tls-server-name', 'localhost', 'describe', 'configmap', 'ev-target'], { encoding: 'utf8' });
    assert.match(out, /Warning\s+FailedSync\s+\S+ \(x13 over 1[23]m\)\s+test-controller.*could not sync: boom/);
  }
});

test('ten distinct messages for one reason aggregate into "(combined from similar events)"', async () => {
  const cm = { ...(await resource(ctx.rest, CM, 'default').create({ metadata: { name: 'ev-agg' } })), kind: 'ConfigMap', apiVersion: 'v1' };
  const rec = new EventRecorder(ctx.rest, { component: 'agg-controller' });
  for (let i = 0; i < 14; i++) rec.event(cm, 'Normal', 'Scaled', `scaled to ${i}`);
  await rec.flush();
  const evs = await eventsFor('ev-agg');
  assert.equal(evs.length, 10, '9 distinct ones, then one combined');
  const combined = evs.filter((e) => e.message?.startsWith(COMBINED_PREFIX));
  assert.equal(combined.length, 1);
  assert.equal(combined[0].count, 5);
  assert.equal(combined[0].message, `${COMBINED_PREFIX}scaled to 13`);
});

test('the spam filter keeps 25 events per source and object, then one per 5 minutes', () => {
  let now = 0;
  const c = new EventCorrelator(() => now);
  const ev = (reason: string, name = 'x'): Event => ({
    metadata: { name: `${name}.${reason}`, namespace: 'default' }, involvedObject: { kind: 'Pod', name, namespace: 'default', uid: name },
    reason, message: 'm', type: 'Normal', source: { component: 'c' }, count: 1, firstTimestamp: '', lastTimestamp: '',
  });
  const results = Array.from({ length: 30 }, (_, i) => c.correlate(ev(`R${i}`)).skip);
  assert.equal(results.filter((s) => !s).length, SPAM_BURST);
  assert.equal(c.correlate(ev('other', 'y')).skip, false, 'another object has its own bucket');
  now += 300_000;
  assert.equal(c.correlate(ev('later')).skip, false);
  assert.equal(c.correlate(ev('later2')).skip, true);
});

test('a repeated event is a patch of the same name with count+1', () => {
  const c = new EventCorrelator(() => 0);
  const ev: Event = { metadata: { name: 'p.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'R', message: 'm', count: 1, firstTimestamp: 'T0', lastTimestamp: 'T0' };
  const first = c.correlate(ev);
  assert.equal(first.patch, false);
  c.written(first.key, { ...first.event, metadata: { name: 'p.1', namespace: 'default', resourceVersion: '5' } });
  const second = c.correlate({ ...ev, metadata: { name: 'p.2', namespace: 'default' }, lastTimestamp: 'T1' });
  assert.equal(second.patch, true);
  assert.equal(second.event.metadata?.name, 'p.1');
  assert.equal(second.event.count, 2);
  assert.equal(second.event.firstTimestamp, 'T0');
  assert.equal(second.event.lastTimestamp, 'T1');
});
