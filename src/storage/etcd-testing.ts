// Starts a private etcd (Debian's /usr/bin/etcd) on free loopback ports with a temporary data
// directory, for tests and benchmarks. Never touches a system etcd on 2379.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestEtcd {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  dataDir: string;
  /** kills the process (SIGKILL), keeping the data: an outage */
  kill(): Promise<void>;
  /** starts the process again on the same ports and data */
  restart(): Promise<void>;
  /** stops the process and removes the data directory */
  stop(): Promise<void>;
}

export interface StartEtcdOptions {
  binary?: string;
  /** etcd's --max-request-bytes; default 2 MiB so that 1.5 MiB values plus their key fit */
  maxRequestBytes?: number;
  readyTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(endpoint: string, child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`etcd exited (${child.exitCode ?? child.signalCode}) before becoming healthy: ${stderr().slice(-2000)}`);
    }
    try {
      const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      const body = (await res.json()) as { health?: string };
      if (res.ok && body.health === 'true') return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`etcd at ${endpoint} not healthy after ${timeoutMs} ms: ${stderr().slice(-2000)}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startEtcd(options: StartEtcdOptions = {}): Promise<TestEtcd> {
  const binary = options.binary ?? '/usr/bin/etcd';
  const dataDir = mkdtempSync(join(tmpdir(), 'kubets-etcd-'));
  const clientPort = await freePort();
  let peerPort = await freePort();
  while (peerPort === clientPort) peerPort = await freePort();
  const endpoint = `http://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = [
    '--name', 'default',
    '--data-dir', join(dataDir, 'data'),
    '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `default=${peer}`, '--initial-cluster-state', 'new',
    '--max-request-bytes', String(options.maxRequestBytes ?? 2 * 1024 * 1024),
    '--logger', 'zap', '--log-level', 'error',
  ];
  // a clean environment: ETCD_* variables would override the flags
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ETCD')));
  let child: ChildProcess;
  let log = '';
  async function launch(): Promise<void> {
    log = '';
    child = spawn(binary, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-8000);
    });
    child.on('error', (err) => {
      log += `\n${err.message}`;
    });
    await waitHealthy(endpoint, child, options.readyTimeoutMs ?? 20_000, () => log);
  }
  // never leave an etcd behind, even when the test process exits without stop()
  const onExit = (): void => {
    child.kill('SIGKILL');
  };
  process.on('exit', onExit);
  async function kill(): Promise<void> {
    child.kill('SIGKILL');
    await exited(child);
  }
  try {
    await launch();
  } catch (err) {
    await kill();
    process.off('exit', onExit);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    endpoint,
    dataDir,
    kill,
    restart: launch,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited(child);
        clearTimeout(timer);
      }
      process.off('exit', onExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
