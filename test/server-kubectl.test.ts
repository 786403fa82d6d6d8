// End-to-end: `kubets server` as a separate process (memory datastore, random port) driven
// by the real kubectl 1.33 and 1.27 with the admin.conf it writes.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../src/cmd/kubets.ts', import.meta.url));
const KUBECTL = (minor: number) => `/usr/lib/google-cloud-sdk/bin/kubectl.1.${minor}`;

interface Server {
  dir: string;
  kubeconfig: string;
  child: ChildProcess;
  output: () => string;
}

async function startServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'kubets-server-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'server', '--https-port', '0', '--data-dir', dir, '--datastore', 'memory'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!/"msg":"ready","url":"https:\/\/127\.0\.0\.1:\d+","kubeconfig"/.test(out)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kubets server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { dir, kubeconfig: join(dir, 'admin.conf'), child, output: () => out };
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode === null) {
    const exited = new Promise((r) => s.child.once('exit', r));
    s.child.kill('SIGTERM');
    await exited;
  }
  rmSync(s.dir, { recursive: true, force: true });
}

const CM = (value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: e2e
  labels: {app: e2e}
data:
  key: "${value}"
`;

for (const minor of [33, 27]) {
  describe(`kubectl 1.${minor} against kubets server`, { skip: !existsSync(KUBECTL(minor)) }, () => {
    let s: Server;
    const k = (...args: string[]) => spawnSync(KUBECTL(minor), ['--kubeconfig', s.kubeconfig, ...args], { encoding: 'utf8', timeout: 30_000 });
    const ok = (...args: string[]) => {
      const r = k(...args);
      assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
      return r.stdout;
    };

    before(async () => {
      s = await startServer();
    });
    after(async () => {
      await stopServer(s);
    });

    test('the server printed its steps and the kubeconfig path; /readyz is ok', () => {
      // structured log lines: one JSON object per event, with the component and the message
      const events = s.output().trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
      // the server runs the API server and its controller manager: every line names its component
      assert.ok(events.every((e) => e.component && e.level && e.msg && e.ts), s.output());
      assert.ok(events.filter((e) => e.component === 'apiserver').every((e) => e.level === 'info'), s.output());
      assert.ok(events.every((e) => ['apiserver', 'kube-controller-manager'].includes(e.component) && e.level !== 'error'), s.output());
      assert.match(events.find((e) => e.msg === 'PKI ready')?.dir ?? '', /\/pki$/);
      assert.equal(events.find((e) => e.msg === 'ready')?.kubeconfig, s.kubeconfig);
      assert.equal(ok('get', '--raw', '/readyz').trim(), 'ok');
    });

    test('get ns lists the four system namespaces', () => {
      const names = ok('get', 'ns', '-o', 'name').trim().split('\n').sort();
      assert.deepEqual(names, ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
      const table = ok('get', 'ns');
      assert.match(table, /^NAME\s+STATUS\s+AGE\n/);
      assert.match(table, /\ndefault\s+Active\s+\d+s\n/);
    });

    test('api-resources lists core and apps kinds', () => {
      const out = ok('api-resources');
      assert.match(out, /\nconfigmaps\s+cm\s+v1\s+true\s+ConfigMap\n/);
      assert.match(out, /\ndeployments\s+deploy\s+apps\/v1\s+true\s+Deployment\n/);
      assert.match(out, /\nnamespaces\s+ns\s+v1\s+false\s+Namespace\n/);
    });

    test('create -f, get -o json, apply twice, delete of a ConfigMap', () => {
      const file = join(s.dir, 'cm.yaml');
      writeFileSync(file, CM('one'));
      assert.equal(ok('create', '-f', file).trim(), 'configmap/e2e created');
      const dup = k('create', '-f', file);
      assert.notEqual(dup.status, 0);
      assert.match(dup.stderr, /Error from server \(AlreadyExists\): error when creating ".*cm\.yaml": configmaps "e2e" already exists/);
      const obj = JSON.parse(ok('get', 'cm', 'e2e', '-o', 'json')) as { data: Record<string, string>; metadata: { uid: string; resourceVersion: string } };
      assert.deepEqual(obj.data, { key: 'one' });
      assert.match(obj.metadata.uid, /^[0-9a-f-]{36}$/);

      writeFileSync(file, CM('two'));
      assert.equal(ok('apply', '-f', file).trim(), 'configmap/e2e configured');
      assert.equal(ok('apply', '-f', file).trim(), 'configmap/e2e unchanged');
      assert.equal(ok('get', 'cm', 'e2e', '-o', 'jsonpath={.data.key}'), 'two');
      assert.equal(ok('delete', 'cm', 'e2e').trim(), 'configmap "e2e" deleted');
      const gone = k('get', 'cm', 'e2e');
      assert.match(gone.stderr, /Error from server \(NotFound\): configmaps "e2e" not found/);
    });

    test('apply --server-side creates and re-applies', () => {
      const file = join(s.dir, 'cm-ssa.yaml');
      writeFileSync(file, CM('ssa').replace('name: e2e', 'name: e2e-ssa'));
      assert.equal(ok('apply', '--server-side', '-f', file).trim(), 'configmap/e2e-ssa serverside-applied');
      assert.equal(ok('apply', '--server-side', '-f', file).trim(), 'configmap/e2e-ssa serverside-applied');
      const mf = JSON.parse(ok('get', 'cm', 'e2e-ssa', '-o', 'json', '--show-managed-fields')) as { metadata: { managedFields: { manager: string; operation: string }[] } };
      assert.deepEqual(mf.metadata.managedFields.map((m) => `${m.manager}/${m.operation}`), ['kubectl/Apply']);
      ok('delete', '-f', file);
    });
  });
}
