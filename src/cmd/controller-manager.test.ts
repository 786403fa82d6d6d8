import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../api/meta/v1/types.js';
import { writeKubeconfig } from '../cluster/kubeconfig.js';
import { resource } from '../client/resource.js';
import { rfc3339Micro } from '../machinery/object-meta.js';
import { startTestbed, waitFor } from '../controllers/testing.js';
import { FlagError } from './flags.js';
import { controllerManagerComponent, parseControllerManagerFlags } from './controller-manager.js';

const entry = fileURLToPath(new URL('./kubets.ts', import.meta.url));

test('controller-manager flags: upstream defaults and forms', () => {
  assert.deepEqual(parseControllerManagerFlags([]), {
    kubeconfig: undefined, controllers: ['*'], leaderElect: true, useServiceAccountCredentials: false, leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2000,
    qps: 20, burst: 30,
  });
  const f = parseControllerManagerFlags(['--kubeconfig', '/x.conf', '--controllers=*,-deployment', '--leader-elect=false', '--leader-elect-lease-duration', '1m30s', '--kube-api-qps=100']);
  assert.deepEqual([f.kubeconfig, f.controllers, f.leaderElect, f.leaseDurationMs, f.qps], ['/x.conf', ['*', '-deployment'], false, 90_000, 100]);
  assert.equal(parseControllerManagerFlags(['--leader-elect']).leaderElect, true);
  for (const [args, msg] of [
    [['--bogus'], /unknown flag: --bogus/],
    [['--controllers', 'nope'], /"nope" is not in the list of known controllers/],
    [['--leader-elect-retry-period', '2'], /invalid duration "2"/],
    [['--kubeconfig'], /flag needs an argument: --kubeconfig/],
  ] as [string[], RegExp][]) {
    assert.throws(() => parseControllerManagerFlags(args), (e: Error) => e instanceof FlagError && msg.test(e.message), args.join(' '));
  }
});

test('kubets controller-manager --kubeconfig runs the controllers against the API server and stops on SIGTERM', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  const kubeconfig = join(bed.api.dir, `cm-${process.pid}.conf`);
  writeKubeconfig(kubeconfig, { server: `https://127.0.0.1:${bed.api.server.port}`, caCert: bed.api.pki.ca.cert, clientCert: bed.api.pki.admin.cert, clientKey: bed.api.pki.admin.key });
  const child = spawn(process.execPath, ['--import', 'tsx', entry, 'controller-manager', '--kubeconfig', kubeconfig, '--leader-elect-retry-period=200ms',
    '--leader-elect-renew-deadline=1s', '--leader-elect-lease-duration=2s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  const deployments = resource<KubeObject>(bed.rest, { group: 'apps', version: 'v1', resource: 'deployments' }, 'default');
  await deployments.create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
  const pods = resource<KubeObject>(bed.rest, { group: '', version: 'v1', resource: 'pods' }, 'default');
  await waitFor('2 pods from the controller manager process', async () => (await pods.list({ labelSelector: 'app=web' })).items.length === 2, 30_000);
  const lease = await resource<KubeObject & { spec?: { holderIdentity?: string } }>(bed.rest, { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'kube-system').get('kube-controller-manager');
  assert.match(lease.spec?.holderIdentity ?? '', /_[0-9a-f-]{36}$/);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
});

test('the controller manager component: a lost Lease makes it campaign again in place (no onLostLeadership), or calls onLostLeadership', async (t) => {
  const bed = await startTestbed();
  t.after(() => bed.close());
  const kubeconfig = join(bed.api.dir, `cm-component-${process.pid}.conf`);
  writeKubeconfig(kubeconfig, { server: `https://127.0.0.1:${bed.api.server.port}`, caCert: bed.api.pki.ca.cert, clientCert: bed.api.pki.admin.cert, clientKey: bed.api.pki.admin.key });
  const flags = parseControllerManagerFlags(['--kubeconfig', kubeconfig, '--controllers=namespace', '--leader-elect-lease-duration=1s',
    '--leader-elect-renew-deadline=600ms', '--leader-elect-retry-period=200ms']);
  type Lease = KubeObject & { spec?: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string } };
  const leases = resource<Lease>(bed.rest, { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'kube-system');
  const holder = async (): Promise<string> => (await leases.get('kube-controller-manager').catch(() => undefined))?.spec?.holderIdentity ?? '';
  // someone else writes the Lease while we hold it: our renewals fail until the renew deadline
  const steal = async (): Promise<void> => {
    const l = await leases.get('kube-controller-manager');
    await leases.update({ ...l, spec: { ...l.spec, holderIdentity: 'intruder', leaseDurationSeconds: 1, renewTime: rfc3339Micro() } });
  };
  const lines: string[] = [];
  const log = { info: (msg: string) => lines.push(msg), error: (msg: string) => lines.push(msg), child: () => log };

  const inPlace = controllerManagerComponent(flags, log);
  await inPlace.start(bed.signal);
  const first = await waitFor('the first term', async () => /_[0-9a-f-]{36}$/.test(await holder()) && holder());
  await steal();
  await waitFor('campaigning again', () => lines.includes('campaigning again'), 10_000);
  const second = await waitFor('a second term after the intruder lapses', async () => {
    const h = await holder();
    return h !== first && h !== 'intruder' && /_[0-9a-f-]{36}$/.test(h) && h;
  }, 10_000);
  assert.ok(second);
  await inPlace.stop();
  assert.equal(await holder(), '', 'stopping gives the Lease up');

  let lost = 0;
  const exiting = controllerManagerComponent(flags, log, { onLostLeadership: () => { lost++; } });
  await exiting.start(bed.signal);
  await waitFor('its term', async () => /_[0-9a-f-]{36}$/.test(await holder()));
  const before = lines.filter((l) => l === 'campaigning again').length;
  await steal();
  await waitFor('onLostLeadership', () => lost === 1, 10_000);
  await exiting.stop();
  assert.equal(lines.filter((l) => l === 'campaigning again').length, before, 'it does not campaign again itself');
});
