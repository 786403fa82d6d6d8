// Starts a private etcd (Debian's /usr/bin/etcd) on free loopback ports with a temporary data
// directory, for tests and benchmarks. Never touches a system etcd on 2379.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestEtcdTls {
  caFile: string;
  certFile: string;
  keyFile: string;
}

export interface TestEtcd {
  /** http://127.0.0.1:<port> (https:// with tls) */
  endpoint: string;
  dataDir: string;
  /** the client's files when started with tls: true (the server requires a client certificate) */
  tls?: TestEtcdTls;
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
  /** serve clients over TLS with client-certificate auth (certificates made with openssl) */
  tls?: boolean;
}

/** a throwaway CA, a server certificate for 127.0.0.1 and a client certificate, in dir */
function makeCerts(dir: string): TestEtcdTls & { serverCert: string; serverKey: string } {
  mkdirSync(dir, { recursive: true });
  const p = (name: string): string => join(dir, name);
  const ossl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ossl('req', '-x509', ...ec, '-keyout', p('ca.key'), '-out', p('ca.crt'), '-subj', '/CN=kubets-test-etcd-ca', '-days', '2');
  for (const [name, ext] of [
    ['server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth'],
    ['client', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    writeFileSync(p(`${name}.ext`), `${ext}\n`);
    ossl('req', ...ec, '-keyout', p(`${name}.key`), '-out', p(`${name}.csr`), '-subj', `/CN=kubets-test-${name}`);
    ossl('x509', '-req', '-in', p(`${name}.csr`), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial',
      '-out', p(`${name}.crt`), '-days', '2', '-extfile', p(`${name}.ext`));
  }
  return { caFile: p('ca.crt'), certFile: p('client.crt'), keyFile: p('client.key'), serverCert: p('server.crt'), serverKey: p('server.key') };
}

function healthOverTls(endpoint: string, tls: TestEtcdTls): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${endpoint}/health`, {
      ca: readFileSync(tls.caFile), cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile), timeout: 1000,
    }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve(res.statusCode === 200 && body.includes('"health":"true"')));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
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

async function waitHealthy(
  endpoint: string, child: ChildProcess, timeoutMs: number, stderr: () => string, tls: TestEtcdTls | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`etcd exited (${child.exitCode ?? child.signalCode}) before becoming healthy: ${stderr().slice(-2000)}`);
    }
    if (tls) {
      if (await healthOverTls(endpoint, tls)) return;
    } else {
      try {
        const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
        const body = (await res.json()) as { health?: string };
        if (res.ok && body.health === 'true') return;
      } catch {
        // not up yet
      }
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
  const certs = options.tls ? makeCerts(join(dataDir, 'pki')) : undefined;
  const tls = certs ? { caFile: certs.caFile, certFile: certs.certFile, keyFile: certs.keyFile } : undefined;
  const endpoint = `${certs ? 'https' : 'http'}://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const args = [
    '--name', 'default',
    '--data-dir', join(dataDir, 'data'),
    '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
    '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer,
    '--initial-cluster', `default=${peer}`, '--initial-cluster-state', 'new',
    '--max-request-bytes', String(options.maxRequestBytes ?? 2 * 1024 * 1024),
    '--logger', 'zap', '--log-level', 'error',
    ...(certs ? ['--cert-file', certs.serverCert, '--key-file', certs.serverKey, '--trusted-ca-file', certs.caFile, '--client-cert-auth'] : []),
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
    await waitHealthy(endpoint, child, options.readyTimeoutMs ?? 20_000, () => log, tls);
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
    ...(tls ? { tls } : {}),
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
