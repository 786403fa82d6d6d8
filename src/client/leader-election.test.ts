import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { clientConfig } from '../apiserver/testing.js';
import { LeaderElector, type Lease } from './leader-election.js';
import { resource } from './resource.js';

const TIMING = { leaseDurationMs: 2000, renewDeadlineMs: 1500, retryPeriodMs: 300 };
const MICRO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

import { until, useTestServer } from './testing.js';
const ctx = useTestServer();

const lease = (): Promise<Lease> => resource<Lease>(ctx.rest, { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'kube-system').get('test-lock');

function elector(identity: string, log: string[], extra: Partial<ConstructorParameters<typeof LeaderElector>[0]> = {}): LeaderElector {
  return new LeaderElector({
    rest: ctx.rest, namespace: 'kube-system', name: 'test-lock', identity, ...TIMING,
    onStartedLeading: (signal) => {
      log.push(`${identity} leading`);
      signal.addEventListener('abort', () => log.push(`${identity} signal`));
    },
    onStoppedLeading: () => log.push(`${identity} stopped`),
    ...extra,
  });
}

test('two electors: exactly one leads; the leader stepping down (release) hands over at once', async () => {
  const log: string[] = [];
  const a = elector('a', log, { releaseOnCancel: true });
  const b = elector('b', log);
  const acA = new AbortController();
  const acB = new AbortController();
  const runA = a.run(acA.signal);
  await until(() => a.isLeader(), 3000);
  const runB = b.run(acB.signal);
  await new Promise((r) => setTimeout(r, TIMING.leaseDurationMs + 500));
  assert.deepEqual(log, ['a leading'], 'b waits while a renews');
  assert.equal(b.leader, 'a');
  const l = await lease();
  assert.equal(l.spec?.holderIdentity, 'a');
  assert.equal(l.spec?.leaseDurationSeconds, 2);
  assert.match(l.spec?.acquireTime ?? '', MICRO);
  assert.match(l.spec?.renewTime ?? '', MICRO);
  assert.ok((l.spec?.renewTime ?? '') > (l.spec?.acquireTime ?? ''), 'renewed since acquired');
  acA.abort();
  await runA;
  assert.deepEqual(log, ['a leading', 'a signal', 'a stopped']);
  const took = await until(() => b.isLeader(), 3000);
  assert.ok(took < 1500, `released lease taken in ${took} ms`);
  acB.abort();
  await runB;
  assert.equal((await lease()).spec?.leaseTransitions, 1);
});

test('a leader killed with SIGKILL: the other takes over within the lease duration', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./leader-election-child.ts', import.meta.url))], {
    env: { ...process.env, KUBETS_ELECTOR: JSON.stringify({ config: clientConfig(ctx.t), identity: 'child', ...TIMING }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await until(() => out.includes('leading'), 20_000);
    const before = (await lease()).spec?.leaseTransitions ?? 0;
    const log: string[] = [];
    const a = elector('survivor', log);
    const ac = new AbortController();
    const run = a.run(ac.signal);
    await new Promise((r) => setTimeout(r, TIMING.leaseDurationMs + 500));
    assert.equal(a.isLeader(), false, 'exactly one leads while the child lives');
    assert.equal((await lease()).spec?.holderIdentity, 'child');
    const killedAt = Date.now();
    child.kill('SIGKILL');
    await until(() => a.isLeader(), 10_000);
    const took = Date.now() - killedAt;
    assert.ok(took <= TIMING.leaseDurationMs + TIMING.retryPeriodMs * 1.2 + 300, `took over ${took} ms after the kill`);
    const l = await lease();
    assert.equal(l.spec?.holderIdentity, 'survivor');
    assert.equal(l.spec?.leaseTransitions, before + 1);
    ac.abort();
    await run;
    assert.deepEqual(log, ['survivor leading', 'survivor signal', 'survivor stopped']);
  } finally {
    child.kill('SIGKILL');
  }
});

test('a leader that cannot renew within the renew deadline stops leading', async () => {
  const log: string[] = [];
  const a = elector('lonely', log);
  const ac = new AbortController();
  const run = a.run(ac.signal);
  await until(() => a.isLeader(), 5000);
  // another writer takes the Lease behind its back: renewals now fail (holder is someone else, not expired)
  const l = await lease();
  await resource<Lease>(ctx.rest, { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'kube-system')
    .update({ ...l, spec: { ...l.spec, holderIdentity: 'thief', renewTime: new Date().toISOString().replace('Z', '000Z') } });
  await run; // ends by itself
  assert.deepEqual(log, ['lonely leading', 'lonely signal', 'lonely stopped']);
  assert.equal(ac.signal.aborted, false);
});
