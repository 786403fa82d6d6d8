// Starts a real `kubets server` for end-to-end tests and runs the real kubectl against it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KUBETS = fileURLToPath(new URL('../src/cmd/kubets.ts', import.meta.url));
export const KUBECTL_DIR = '/usr/lib/google-cloud-sdk/bin';

export function kubectlPath(minor: number): string {
  return join(KUBECTL_DIR, `kubectl.1.${minor}`);
}

export function hasKubectl(minor: number): boolean {
  return existsSync(kubectlPath(minor));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface TestCluster {
  dataDir: string;
  kubeconfig: string;
  port: number;
  url: string;
  /** the server process's id (for measuring it, e.g. /proc/<pid>/status) */
  pid: number;
  logs(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  datastore?: string;
  /** a data dir of the caller's (kept on stop); default a fresh temporary one, removed on stop */
  dataDir?: string;
  extraArgs?: string[];
  env?: Record<string, string>;
}

/** Spawns `kubets server` on a free port in a temporary data dir and waits until /readyz answers. */
export async function startServer(opts: StartOptions = {}): Promise<TestCluster> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kubets-e2e-'));
  const port = await freePort();
  const args = ['--import', 'tsx', KUBETS, 'server', '--data-dir', dataDir, '--https-port', String(port),
    '--bind-address', '127.0.0.1', '--datastore', opts.datastore ?? 'memory', ...(opts.extraArgs ?? [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  let output = '';
  child.stdout?.on('data', (d) => { output += d; });
  child.stderr?.on('data', (d) => { output += d; });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kubeconfig = join(dataDir, 'admin.conf');
  const url = `https://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`kubets server exited with ${child.exitCode}:\n${output}`);
    if (existsSync(kubeconfig)) {
      const r = spawnSync(kubectlPath(33), ['--kubeconfig', kubeconfig, 'get', '--raw', '/readyz'], { encoding: 'utf8' });
      if (r.status === 0 && r.stdout.trim() === 'ok') break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kubets server not ready after 60s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    dataDir, kubeconfig, port, url, pid: child.pid ?? 0,
    logs: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface KubectlResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a real kubectl (1.<minor>) against the cluster; input goes to stdin. */
export function kubectl(cluster: TestCluster, minor: number, args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): KubectlResult {
  const r = spawnSync(kubectlPath(minor), ['--kubeconfig', cluster.kubeconfig, ...args], {
    encoding: 'utf8', input: options.input, cwd: options.cwd, timeout: 60_000,
    env: { ...process.env, KUBECONFIG: cluster.kubeconfig, ...options.env },
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function writeManifest(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
