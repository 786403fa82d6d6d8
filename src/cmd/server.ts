// `kubets server`: the control plane. Parses kube-apiserver's flags into the API server
// component's configuration and runs it, then the controller manager, until SIGTERM or SIGINT.
import { isIPv4 } from 'node:net';
import { join, resolve } from 'node:path';
import { selectAdmissionPlugins } from '../apiserver/admission/index.js';
import { AUTHORIZATION_MODES, type AuthorizationMode } from '../apiserver/authz/index.js';
import { ApiServerComponent, firstServiceIP, type ApiServerConfig } from '../apiserver/component.js';
import { parseNodePortRange } from '../apiserver/service-alloc.js';
import { CONTROLLER_MANAGER_CONF } from '../cluster/identities.js';
import { isDiskFull } from '../machinery/atomic-file.js';
import { runComponents, terminationSignal, type Component } from '../machinery/component.js';
import { createLogger } from '../machinery/log.js';
import { parseDatastore } from '../storage/index.js';
import { controllerManagerComponent, parseControllerManagerFlags } from './controller-manager.js';
import { FlagError, helpText, invalidFlag, parseCommandLine, parseFlags, type FlagSpec } from './flags.js';

const FLAGS: FlagSpec[] = [
  { name: 'data-dir', value: 'DIR', help: 'PKI, database and kubeconfig files', default: './data' },
  { name: 'datastore', value: 'SPEC', help: 'sqlite (DIR/db/state.db), sqlite://FILE, memory, or etcd://host:port[,host:port]', default: 'sqlite' },
  { name: 'bind-address', value: 'IP', help: 'address to listen on (0.0.0.0 for every interface)', default: '127.0.0.1' },
  { name: 'https-port', value: 'PORT', help: 'port to serve HTTPS on (0 picks a free port)', default: '6443' },
  { name: 'service-cluster-ip-range', value: 'CIDR', help: 'the Service IP range; its first IP is the kubernetes Service', default: '10.96.0.0/12' },
  { name: 'service-node-port-range', value: 'RANGE', help: 'the ports NodePort and LoadBalancer Services may use', default: '30000-32767' },
  { name: 'token-auth-file', value: 'FILE', help: 'static bearer tokens: token,user,uid,"group1,group2"' },
  { name: 'anonymous-auth', help: 'requests without credentials are system:anonymous (then authorized) instead of refused with 401', default: 'false' },
  { name: 'authorization-mode', value: 'LIST', help: `authorizers in order, from ${AUTHORIZATION_MODES.join(', ')}`, default: 'Node,RBAC' },
  { name: 'enable-admission-plugins', value: 'LIST', help: 'admission plugins to run besides the default ones' },
  { name: 'disable-admission-plugins', value: 'LIST', help: 'default admission plugins to leave out' },
  { name: 'encryption-provider-config', value: 'FILE', help: 'EncryptionConfiguration for encryption at rest (aesgcm, aescbc, secretbox, identity)' },
  { name: 'audit-policy-file', value: 'FILE', help: 'audit.k8s.io/v1 Policy: what to log at which level (needs --audit-log-path)' },
  { name: 'audit-log-path', value: 'PATH', help: 'where audit events go as JSON lines; "-" for stdout' },
  { name: 'max-requests-inflight', value: 'N', help: 'read-only requests in flight (with priority and fairness, added to the next)', default: '400' },
  { name: 'max-mutating-requests-inflight', value: 'N', help: 'mutating requests in flight', default: '200' },
  { name: 'enable-priority-and-fairness', help: 'share the limits between priority levels, fairly per user', default: 'true' },
  { name: 'disable-controller-manager', help: 'do not run the controller manager in this process (run `kubets controller-manager` instead)', default: 'false' },
];

export const SERVER_USAGE = helpText('kubets server [flags]',
  'Runs the control plane: the API server, then the controller manager (the scheduler joins as it lands).', FLAGS);

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export interface ServerConfig {
  apiserver: ApiServerConfig;
  /** false with --disable-controller-manager */
  controllerManager: boolean;
}

/** The server's configuration from kube-apiserver-style flags; throws FlagError with a one-line message. */
export function parseServerFlags(args: string[]): ServerConfig {
  const v = parseFlags(FLAGS, args);
  const get = (name: string): string => v.get(name) ?? '';
  const checked = <T>(name: string, parse: (text: string) => T): T => {
    try {
      return parse(get(name));
    } catch (e) {
      throw e instanceof FlagError ? e : invalidFlag(name, get(name), (e as Error).message);
    }
  };
  const count = (name: string): number => checked(name, (t) => {
    if (!/^\d+$/.test(t)) throw new Error('must be a non-negative integer');
    return Number(t);
  });
  const port = checked('https-port', (t) => {
    if (!/^\d+$/.test(t) || Number(t) > 65535) throw new Error('must be a port number (0-65535)');
    return Number(t);
  });
  const bindAddress = checked('bind-address', (t) => {
    if (!isIPv4(t) && t !== '::') throw new Error('must be an IP address');
    return t;
  });
  checked('service-cluster-ip-range', firstServiceIP);
  checked('datastore', parseDatastore);
  const modes = checked('authorization-mode', (t) => {
    const ms = list(t);
    if (ms.length === 0) throw new Error('at least one authorization mode is needed');
    for (const m of ms) if (!(AUTHORIZATION_MODES as readonly string[]).includes(m)) throw new Error(`authorization-mode "${m}" is not one of ${AUTHORIZATION_MODES.join(', ')}`);
    if (new Set(ms).size !== ms.length) throw new Error('an authorization mode may be given only once');
    return ms as AuthorizationMode[];
  });
  let admissionPlugins: string[];
  try {
    admissionPlugins = selectAdmissionPlugins(list(v.get('enable-admission-plugins')), list(v.get('disable-admission-plugins')));
  } catch (e) {
    throw new FlagError((e as Error).message);
  }
  const apiserver: ApiServerConfig = {
    dataDir: get('data-dir'), datastore: get('datastore'), bindAddress, port,
    serviceCIDR: get('service-cluster-ip-range'), nodePortRange: checked('service-node-port-range', parseNodePortRange),
    tokenAuthFile: v.get('token-auth-file'), encryptionProviderConfig: v.get('encryption-provider-config'),
    auditPolicyFile: v.get('audit-policy-file'), auditLogPath: v.get('audit-log-path'),
    flowControl: {
      maxRequestsInflight: count('max-requests-inflight'), maxMutatingRequestsInflight: count('max-mutating-requests-inflight'),
      enablePriorityAndFairness: get('enable-priority-and-fairness') === 'true',
    },
    admissionPlugins, authorizationModes: modes, anonymousAuth: get('anonymous-auth') === 'true',
  };
  return { apiserver, controllerManager: get('disable-controller-manager') !== 'true' };
}

/**
 * The server's components: the API server and, unless disabled, the controller manager after
 * it (so it stops first), as kubeadm runs it: controller-manager.conf's identity
 * (system:kube-controller-manager), --use-service-account-credentials and leader election.
 * A lost Lease makes it campaign again in place (the API server keeps serving).
 */
export function serverComponents(config: ServerConfig): Component[] {
  const components: Component[] = [new ApiServerComponent(config.apiserver, createLogger('apiserver'))];
  if (config.controllerManager) {
    const flags = parseControllerManagerFlags(['--kubeconfig', join(resolve(config.apiserver.dataDir), CONTROLLER_MANAGER_CONF), '--use-service-account-credentials']);
    components.push(controllerManagerComponent(flags, createLogger('kube-controller-manager'), { needs: ['apiserver'] }));
  }
  return components;
}

export async function serverCommand(args: string[]): Promise<number> {
  const config = parseCommandLine(args, SERVER_USAGE, parseServerFlags);
  if ('exitCode' in config) return config.exitCode;
  const signal = terminationSignal();
  const log = createLogger('kubets-server');
  try {
    await runComponents(serverComponents(config), signal, log);
  } catch (e) {
    if (signal.aborted) return 0;
    const message = (e as Error).message;
    process.stderr.write(`Error: ${isDiskFull(e) ? `the disk is full: ${message}` : message}\n`);
    return 1;
  }
  return 0;
}
