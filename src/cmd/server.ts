// `kubets server`: the control plane. Parses flags, makes sure the PKI and admin.conf
// exist, opens the datastore, starts the API server and creates the system objects.
// (The controller manager and scheduler join here as their parts land.)
import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { isIPv4 } from 'node:net';
import { join, resolve } from 'node:path';
import { scheme } from '../api/index.js';
import { createAdmissionPlugins, ensureSystemPriorityClasses } from '../apiserver/admission/index.js';
import { ensureServiceAccountKeys, installAuthentication } from '../apiserver/authn/index.js';
import { ensureSystemObjects } from '../apiserver/bootstrap.js';
import { EncryptingStore, EncryptionConfigError, loadEncryptionConfiguration, type EncryptionRule } from '../apiserver/encryption/index.js';
import { ClusterAuthorization } from '../apiserver/authz/index.js';
import { AdmissionChain } from '../apiserver/chain.js';
import { ApiServer } from '../apiserver/server.js';
import { auditFromFiles, type AuditBackend } from '../apiserver/audit/index.js';
import { ensurePki } from '../cluster/pki.js';
import { writeKubeconfig } from '../cluster/kubeconfig.js';
import { openStore, parseDatastore } from '../storage/index.js';

export const SERVER_USAGE = `Usage: kubets server [flags]

Runs the control plane: the API server (and, as they land, the controller manager and scheduler).

Flags:
  --data-dir DIR                     PKI, database and kubeconfig files (default ./data)
  --datastore SPEC                   sqlite (default, DIR/db/state.db), sqlite://FILE, memory, or etcd://host:port[,host:port]
  --bind-address IP                  address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --https-port PORT                  port to serve HTTPS on (default 6443; 0 picks a free port)
  --service-cluster-ip-range CIDR    the Service IP range (default 10.96.0.0/12); its first IP is the kubernetes Service
  --token-auth-file FILE             static bearer tokens: token,user,uid,"group1,group2"
  --encryption-provider-config FILE  EncryptionConfiguration for encryption at rest (aesgcm, aescbc, secretbox, identity)
  --audit-policy-file FILE           audit.k8s.io/v1 Policy: what to log at which level (needs --audit-log-path)
  --audit-log-path PATH              where audit events go as JSON lines; "-" for stdout
  --max-requests-inflight N          read-only requests in flight (default 400; with priority and fairness, added to the next)
  --max-mutating-requests-inflight N mutating requests in flight (default 200)
  --enable-priority-and-fairness B   share the limits between priority levels, fairly per user (default true)
  --disable LIST                     components to leave out: controller-manager,scheduler`;

export interface ServerFlags {
  dataDir: string;
  datastore: string;
  bindAddress: string;
  httpsPort: number;
  serviceCidr: string;
  tokenAuthFile?: string;
  encryptionProviderConfig?: string;
  auditPolicyFile?: string;
  auditLogPath?: string;
  maxRequestsInflight: number;
  maxMutatingRequestsInflight: number;
  enablePriorityAndFairness: boolean;
  disable: string[];
}

export class FlagError extends Error {}

const KNOWN = new Set(['data-dir', 'datastore', 'bind-address', 'https-port', 'service-cluster-ip-range', 'token-auth-file', 'encryption-provider-config', 'disable',
  'audit-policy-file', 'audit-log-path', 'max-requests-inflight', 'max-mutating-requests-inflight', 'enable-priority-and-fairness']);
const DISABLEABLE = new Set(['controller-manager', 'scheduler']);

export function parseServerFlags(args: string[]): ServerFlags {
  const v: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new FlagError(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (!KNOWN.has(name)) throw new FlagError(`unknown flag: --${name}`);
    let value: string | undefined = eq < 0 ? undefined : a.slice(eq + 1);
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) throw new FlagError(`flag needs an argument: --${name}`);
    }
    v[name] = value;
  }
  const port = v['https-port'] ?? '6443';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new FlagError(`invalid argument "${port}" for "--https-port": must be a port number (0-65535)`);
  const bind = v['bind-address'] ?? '127.0.0.1';
  if (!isIPv4(bind) && bind !== '::') throw new FlagError(`invalid argument "${bind}" for "--bind-address": must be an IP address`);
  const cidr = v['service-cluster-ip-range'] ?? '10.96.0.0/12';
  firstServiceIP(cidr);
  const disable = (v.disable ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const d of disable) if (!DISABLEABLE.has(d)) throw new FlagError(`invalid argument "${d}" for "--disable": must be controller-manager or scheduler`);
  const count = (name: string, def: number): number => {
    const val = v[name] ?? String(def);
    if (!/^\d+$/.test(val)) throw new FlagError(`invalid argument "${val}" for "--${name}": must be a non-negative integer`);
    return Number(val);
  };
  const apf = v['enable-priority-and-fairness'] ?? 'true';
  if (apf !== 'true' && apf !== 'false') throw new FlagError(`invalid argument "${apf}" for "--enable-priority-and-fairness": must be true or false`);
  const datastore = v.datastore ?? 'sqlite';
  try {
    parseDatastore(datastore);
  } catch (e) {
    throw new FlagError((e as Error).message);
  }
  return {
    dataDir: v['data-dir'] ?? './data', datastore, bindAddress: bind, httpsPort: Number(port),
    serviceCidr: cidr, tokenAuthFile: v['token-auth-file'], encryptionProviderConfig: v['encryption-provider-config'], disable,
    auditPolicyFile: v['audit-policy-file'], auditLogPath: v['audit-log-path'],
    maxRequestsInflight: count('max-requests-inflight', 400), maxMutatingRequestsInflight: count('max-mutating-requests-inflight', 200),
    enablePriorityAndFairness: apf === 'true',
  };
}

/** The first usable IP of an IPv4 CIDR: 10.96.0.0/12 → 10.96.0.1. */
export function firstServiceIP(cidr: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  const octets = m ? m.slice(1, 5).map(Number) : [];
  const bits = m ? Number(m[5]) : -1;
  if (!m || octets.some((o) => o > 255) || bits < 1 || bits > 30) {
    throw new FlagError(`invalid argument "${cidr}" for "--service-cluster-ip-range": must be an IPv4 CIDR such as 10.96.0.0/12`);
  }
  const n = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  const first = ((n & mask) >>> 0) + 1;
  return [first >>> 24, (first >>> 16) & 255, (first >>> 8) & 255, first & 255].join('.');
}

function nodeIPs(): string[] {
  return Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a!.address);
}

export async function serverCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(SERVER_USAGE);
    return 0;
  }
  let flags: ServerFlags;
  try {
    flags = parseServerFlags(args);
  } catch (e) {
    if (e instanceof FlagError) {
      console.error(`kubets server: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const say = (line: string): void => console.log(`kubets server: ${line}`);
  const dataDir = resolve(flags.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const serviceIP = firstServiceIP(flags.serviceCidr);
  const ips = nodeIPs();
  const specific = flags.bindAddress !== '0.0.0.0' && flags.bindAddress !== '::' && flags.bindAddress !== '127.0.0.1';
  const pki = await ensurePki(dataDir, { serviceIP, hosts: [...ips, ...(specific ? [flags.bindAddress] : [])] });
  say(`PKI ready in ${pki.dir} (ca, apiserver, admin certificates)`);
  const saKeys = ensureServiceAccountKeys(dataDir);
  let encryption: EncryptionRule[] | undefined;
  if (flags.encryptionProviderConfig) {
    try {
      encryption = loadEncryptionConfiguration(resolve(flags.encryptionProviderConfig));
    } catch (e) {
      if (!(e instanceof EncryptionConfigError)) throw e;
      console.error(`kubets server: --encryption-provider-config: ${e.message}`);
      return 1;
    }
  }
  let audit: AuditBackend | undefined;
  try {
    audit = auditFromFiles(flags.auditPolicyFile && resolve(flags.auditPolicyFile), flags.auditLogPath && (flags.auditLogPath === '-' ? '-' : resolve(flags.auditLogPath)), scheme);
  } catch (e) {
    console.error(`kubets server: --audit-policy-file: ${(e as Error).message}`);
    return 1;
  }
  if (audit) say(`audit log ${flags.auditLogPath === '-' ? 'to stdout' : flags.auditLogPath} (policy ${flags.auditPolicyFile})`);
  const rawStore = await openStore(flags.datastore, { dataDir });
  const store = encryption ? new EncryptingStore(rawStore, encryption, scheme) : rawStore;
  if (encryption) say(`encryption at rest on (${flags.encryptionProviderConfig})`);
  say(`datastore ${flags.datastore === 'sqlite' ? `sqlite (${join(dataDir, 'db', 'state.db')})` : flags.datastore} open`);
  const server = new ApiServer({
    store, scheme, bindAddress: flags.bindAddress, port: flags.httpsPort, tokenFile: flags.tokenAuthFile, serviceCIDR: flags.serviceCidr,
    tls: { cert: pki.serving.cert, key: pki.serving.key, ca: pki.ca.cert },
    kubeletClient: pki.kubeletClient,
    audit: audit?.filter,
    flowControl: {
      maxRequestsInflight: flags.maxRequestsInflight, maxMutatingRequestsInflight: flags.maxMutatingRequestsInflight,
      enablePriorityAndFairness: flags.enablePriorityAndFairness,
    },
    log: (l) => console.error(`kubets server: ${l}`),
  });
  installAuthentication(server, { keys: saKeys });
  // --authorization-mode=Node,RBAC; the RBAC escalation check runs last in the admission chain
  const authz = new ClusterAuthorization({ log: (l) => console.error(`kubets server: ${l}`) });
  server.setAuthorizer(authz.authorizer);
  server.setAdmission(new AdmissionChain([...createAdmissionPlugins({ registry: server.registry, scheme }), authz.admissionPlugin]));
  try {
    await server.start();
  } catch (e) {
    await store.close();
    console.error(`kubets server: cannot serve on ${flags.bindAddress}:${flags.httpsPort}: ${(e as Error).message}`);
    return 1;
  }
  say(`API server listening on ${flags.bindAddress}:${server.port}`);
  const endpointIP = specific ? flags.bindAddress : ips[0] ?? '127.0.0.1';
  const created = [
    ...await ensureSystemObjects(server, { serviceIP, endpointIP, endpointPort: server.port }),
    ...(await ensureSystemPriorityClasses(server.registry, scheme)).map((n) => `priorityclass/${n}`),
  ];
  say(`system objects ready${created.length ? ` (created ${created.join(', ')})` : ''}`);
  const policy = await authz.start(server);
  say(`RBAC ready (${policy.created.length} default roles and bindings created, ${policy.updated.length} reconciled)`);
  if (flags.disable.length) say(`disabled: ${flags.disable.join(', ')}`);
  const kubeconfig = join(dataDir, 'admin.conf');
  writeKubeconfig(kubeconfig, { server: server.url, caCert: pki.ca.cert, clientCert: pki.admin.cert, clientKey: pki.admin.key });
  say(`ready at ${server.url} — kubeconfig ${kubeconfig}`);

  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  say('stopping');
  await authz.stop();
  await server.stop();
  audit?.close();
  await store.close();
  return 0;
}
