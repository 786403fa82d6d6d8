// `kubets controller-manager` as its own process beside a real `kubets server`, as kubeadm
// runs it: controller-manager.conf (system:kube-controller-manager) and
// --use-service-account-credentials, so each controller acts within its own RBAC role.
// Driven with the real kubectl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasKubectl, kubectl, startServer, type TestCluster } from './cluster.js';

const KUBETS = fileURLToPath(new URL('../src/cmd/kubets.ts', import.meta.url));
let cluster: TestCluster;
let cm: ChildProcess;
let cmLogs = '';

before(async () => {
  // the server's own controller manager stays off: this one is the only one
  cluster = await startServer({ extraArgs: ['--disable-controller-manager'] });
  cm = spawn(process.execPath, ['--import', 'tsx', KUBETS, 'controller-manager', '--kubeconfig', join(cluster.dataDir, 'controller-manager.conf'),
    '--use-service-account-credentials'], { stdio: ['ignore', 'pipe', 'pipe'] });
  cm.stderr?.on('data', (d) => { cmLogs += d; });
  cm.stdout?.on('data', (d) => { cmLogs += d; });
});

after(async () => {
  if (cm.exitCode === null) {
    const exited = new Promise((r) => cm.once('exit', r));
    cm.kill('SIGTERM');
    await exited;
  }
  await cluster.stop();
});

async function eventually(what: string, fn: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}\ncontroller manager:\n${cmLogs.slice(-3000)}`);
}

for (const minor of [33, 27]) {
  test(`kubectl 1.${minor}: create deployment gets a ReplicaSet and pods; scale; delete namespace takes its content`, { skip: !hasKubectl(minor) }, async () => {
    const ns = `cm-${minor}`;
    const ok = (...args: string[]) => {
      const r = kubectl(cluster, minor, args);
      assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    ok('create', 'namespace', ns);
    assert.equal(ok('-n', ns, 'create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=2').trim(), 'deployment.apps/web created');
    let rs = '';
    await eventually('the ReplicaSet', () => {
      rs = kubectl(cluster, minor, ['-n', ns, 'get', 'rs', '--no-headers']).stdout;
      return /^web-[bcdfghjklmnpqrstvwxz2456789]+\s+2\s+2\s+0\s/m.test(rs);
    });
    await eventually('2 pods', () => kubectl(cluster, minor, ['-n', ns, 'get', 'pods', '-l', 'app=web', '-o', 'name']).stdout.trim().split('\n').filter(Boolean).length === 2);
    const hash = /^web-(\w+)/m.exec(rs)![1];
    assert.equal(ok('-n', ns, 'get', 'rs', `web-${hash}`, '-o', 'jsonpath={.metadata.labels.pod-template-hash}'), hash);
    await eventually('the scaling event', () => kubectl(cluster, minor, ['-n', ns, 'get', 'events', '-o', 'jsonpath={range .items[*]}{.source.component} {.message}{"\\n"}{end}']).stdout
      .includes(`deployment-controller Scaled up replica set web-${hash} to 2`));
    assert.match(ok('-n', ns, 'get', 'deploy', 'web', '--no-headers'), /^web\s+0\/2\s+2\s+0\s/);
    assert.equal(ok('-n', ns, 'scale', 'deploy', 'web', '--replicas=3').trim(), 'deployment.apps/web scaled');
    await eventually('3 pods', () => kubectl(cluster, minor, ['-n', ns, 'get', 'pods', '-l', 'app=web', '-o', 'name']).stdout.trim().split('\n').filter(Boolean).length === 3);
    // a deleted pod of the Deployment comes back
    const victim = ok('-n', ns, 'get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}');
    ok('-n', ns, 'delete', 'pod', victim, '--wait=false');
    await eventually('a replacement pod', () => {
      const names = kubectl(cluster, minor, ['-n', ns, 'get', 'pods', '-l', 'app=web', '-o', 'name']).stdout.trim().split('\n').filter(Boolean);
      return names.length === 3 && !names.includes(`pod/${victim}`);
    });
    assert.match(ok('delete', 'namespace', ns, '--wait=false'), new RegExp(`namespace "${ns}" deleted`));
    await eventually('the namespace gone', () => kubectl(cluster, minor, ['get', 'namespace', ns]).status !== 0 && /NotFound/.test(kubectl(cluster, minor, ['get', 'namespace', ns]).stderr), 60_000);
    assert.doesNotMatch(cmLogs, /forbidden/i, 'every controller stayed within its role');
    assert.match(cmLogs, /became leader/);
    assert.doesNotMatch(cluster.logs(), /kube-controller-manager|became leader/, 'the server ran no controller manager of its own');
  });
}
