// The API server as one component, built from its configuration (kube-apiserver's flags):
// PKI and service-account keys, storage (with encryption at rest), audit, the HTTPS server
// with its authenticators, authorizers and admission plugins, the system objects, the RBAC
// policy and the admin kubeconfig. Its parts start in this order and stop in reverse.
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { scheme } from '../api/index.js';
import { ensurePki, type ClusterPki } from '../cluster/pki.js';
import { ADMIN_CONF, writeIdentityKubeconfigs } from '../cluster/identities.js';
import { component, Runner, type Component } from '../machinery/component.js';
import type { Logger } from '../machinery/log.js';
import { openStore } from '../storage/index.js';
import type { Store } from '../storage/store.js';
import { createAdmissionPlugins, ensureSystemPriorityClasses } from './admission/index.js';
import { auditFromFiles, type AuditBackend } from './audit/index.js';
import { ensureServiceAccountKeys, installAuthentication, type ServiceAccountKeys } from './authn/index.js';
import { ClusterAuthorization, type AuthorizationMode } from './authz/index.js';
import { ensureSystemObjects } from './bootstrap.js';
import { EncryptingStore, loadEncryptionConfiguration } from './encryption/index.js';
import type { FlowControlOptions } from './flowcontrol/filter.js';
import { ApiServer } from './server.js';
import type { NodePortRange } from './service-alloc.js';

export interface ApiServerConfig {
  /** PKI, database and kubeconfig files */
  dataDir: string;
  /** --datastore: sqlite, sqlite://FILE, memory, etcd://… */
  datastore: string;
  bindAddress: string;
  /** 0 picks a free port */
  port: number;
  serviceCIDR: string;
  nodePortRange: NodePortRange;
  tokenAuthFile?: string;
  encryptionProviderConfig?: string;
  auditPolicyFile?: string;
  auditLogPath?: string;
  flowControl: FlowControlOptions;
  /** the admission plugins that run (admission/index.ts selectAdmissionPlugins) */
  admissionPlugins: readonly string[];
  authorizationModes: readonly AuthorizationMode[];
  anonymousAuth: boolean;
}

/** The first usable IP of an IPv4 CIDR: 10.96.0.0/12 → 10.96.0.1 (the kubernetes Service). */
export function firstServiceIP(cidr: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const bits = m ? Number(m[5]) : -1;
  if (!m || octets.some((o) => o > 255) || bits < 1 || bits > 30) throw new Error(`"${cidr}" is not an IPv4 CIDR such as 10.96.0.0/12`);
  const n = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const mask = (~0 << (32 - bits)) >>> 0;
  const first = ((n & mask) >>> 0) + 1;
  return [first >>> 24, (first >>> 16) & 255, (first >>> 8) & 255, first & 255].join('.');
}

function nodeIPs(): string[] {
  return Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
}

export class ApiServerComponent implements Component {
  readonly name = 'apiserver';
  readonly #config: ApiServerConfig;
  readonly #log: Logger;
  #runner?: Runner;
  #server?: ApiServer;

  constructor(config: ApiServerConfig, log: Logger) {
    this.#config = config;
    this.#log = log;
  }

  /** https://host:port once started */
  get url(): string | undefined {
    return this.#server?.url;
  }

  async start(signal: AbortSignal): Promise<void> {
    const c = this.#config;
    const log = this.#log;
    const dataDir = resolve(c.dataDir);
    const serviceIP = firstServiceIP(c.serviceCIDR);
    const ips = nodeIPs();
    const specific = c.bindAddress !== '0.0.0.0' && c.bindAddress !== '::' && c.bindAddress !== '127.0.0.1';
    let pki!: ClusterPki;
    let saKeys!: ServiceAccountKeys;
    let store: Store | undefined;
    let audit: AuditBackend | undefined;
    let server!: ApiServer;
    const authz = new ClusterAuthorization({ log: log.child('authz'), modes: c.authorizationModes });
    this.#runner = new Runner([
      component('pki', async () => {
        mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        pki = await ensurePki(dataDir, { serviceIP, hosts: [...ips, ...(specific ? [c.bindAddress] : [])] });
        saKeys = ensureServiceAccountKeys(dataDir);
        log.info('PKI ready', { dir: pki.dir });
      }),
      component('storage', async () => {
        const encryption = c.encryptionProviderConfig ? loadEncryptionConfiguration(resolve(c.encryptionProviderConfig)) : undefined;
        const raw = await openStore(c.datastore, { dataDir });
        store = encryption ? new EncryptingStore(raw, encryption, scheme) : raw;
        log.info('datastore open', {
          datastore: c.datastore === 'sqlite' ? `sqlite (${join(dataDir, 'db', 'state.db')})` : c.datastore,
          encryption: c.encryptionProviderConfig,
        });
      }, () => store?.close()),
      component('audit', () => {
        try {
          audit = auditFromFiles(c.auditPolicyFile && resolve(c.auditPolicyFile), c.auditLogPath && (c.auditLogPath === '-' ? '-' : resolve(c.auditLogPath)), scheme);
        } catch (e) {
          throw new Error(`--audit-policy-file: ${(e as Error).message}`, { cause: e });
        }
        if (audit) log.info('audit log on', { path: c.auditLogPath, policy: c.auditPolicyFile });
      }, () => audit?.close()),
      component('serving', async (sig) => {
        server = new ApiServer({
          store: store!, scheme, bindAddress: c.bindAddress, port: c.port, tokenFile: c.tokenAuthFile,
          serviceCIDR: c.serviceCIDR, nodePortRange: c.nodePortRange, anonymous: c.anonymousAuth,
          tls: { cert: pki.serving.cert, key: pki.serving.key, ca: pki.ca.cert },
          kubeletClient: pki.kubeletClient,
          audit: audit?.filter,
          flowControl: c.flowControl,
          authorizer: authz.authorizer,
          // the RBAC escalation check runs last in the admission chain
          admission: (registry) => [...createAdmissionPlugins({ registry, scheme }, { enabled: c.admissionPlugins }), authz.admissionPlugin],
          log: log.child('http'),
        });
        installAuthentication(server, { keys: saKeys });
        try {
          await server.start(sig);
        } catch (e) {
          await server.stop();
          throw new Error(`cannot serve on ${c.bindAddress}:${c.port}: ${(e as Error).message}`, { cause: e });
        }
        this.#server = server;
        log.info('listening', { address: `${c.bindAddress}:${server.port}` });
      }, () => server.stop()),
      // namespaces before the RBAC policy: some default Roles live in kube-system
      component('system-objects', async () => {
        // the kubernetes Service points where this server really listens: the bind address when it
        // is one (loopback included), a node IP when it listens on all of them
        const allInterfaces = c.bindAddress === '0.0.0.0' || c.bindAddress === '::';
        const endpointIP = allInterfaces ? ips[0] ?? '127.0.0.1' : c.bindAddress;
        const created = [
          ...await ensureSystemObjects(server, { serviceIP, endpointIP, endpointPort: server.port }),
          ...(await ensureSystemPriorityClasses(server.registry, scheme)).map((n) => `priorityclass/${n}`),
        ];
        log.info('system objects ready', { created: created.length ? created.join(',') : undefined });
      }),
      component('authorization', async () => {
        const policy = await authz.start(server);
        log.info('authorization ready', { modes: c.authorizationModes.join(','), created: policy.created.length, reconciled: policy.updated.length });
      }, () => authz.stop()),
      component('kubeconfig', () => {
        const kubeconfig = writeIdentityKubeconfigs(dataDir, pki, server.url)[ADMIN_CONF];
        log.info('ready', { url: server.url, kubeconfig });
      }),
    ], { log });
    await this.#runner.start(signal);
  }

  async stop(): Promise<void> {
    await this.#runner?.stop();
    this.#server = undefined;
  }
}
