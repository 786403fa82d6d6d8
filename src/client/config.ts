// Where a client connects and as whom: from kubeconfig files (clientcmd's loading rules:
// --kubeconfig alone, else every file of $KUBECONFIG merged with the first value winning,
// else ~/.kube/config) or from inside a pod (the mounted service-account token and CA,
// KUBERNETES_SERVICE_HOST/PORT).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';

export interface ClientConfig {
  /** https://host:port (a path prefix is kept) */
  server: string;
  /** CA bundle PEM; absent = the system's roots */
  ca?: string;
  /** client certificate and key PEM */
  cert?: string;
  key?: string;
  /** a fixed bearer token */
  token?: string;
  /** a bearer token read when needed (a refreshing credential; a token file); wins over token */
  tokenSource?: () => string | Promise<string>;
  /** the name the server's certificate is checked against (kubeconfig tls-server-name) */
  tlsServerName?: string;
  insecureSkipTLSVerify?: boolean;
  /** the context's namespace (or the pod's, in cluster) */
  namespace?: string;
  /** client-side rate limit; upstream's default is 5 QPS, burst 10 */
  qps?: number;
  burst?: number;
  /** default kubets/v0.0.0; '' sends none */
  userAgent?: string;
  /** retries on 429 and connection errors (client-go's 10 by default; 0 = none) */
  maxRetries?: number;
}

/** Upstream's rest.Config defaults, and what each control-plane component sets. */
export const DEFAULT_QPS = 5;
export const DEFAULT_BURST = 10;
export const COMPONENT_LIMITS = {
  'kube-controller-manager': { qps: 20, burst: 30 },
  'kube-scheduler': { qps: 50, burst: 100 },
  kubelet: { qps: 50, burst: 100 },
} as const;

export interface LoadOptions {
  /** --kubeconfig: this file only */
  kubeconfig?: string;
  /** --context */
  context?: string;
  /** the environment to read KUBECONFIG and HOME from (tests) */
  env?: NodeJS.ProcessEnv;
}

interface Named<T> {
  name: string;
  value: T;
}

interface RawFile {
  clusters?: { name: string; cluster: Record<string, unknown> }[];
  users?: { name: string; user: Record<string, unknown> }[];
  contexts?: { name: string; context: Record<string, unknown> }[];
  'current-context'?: string;
}

interface Merged {
  clusters: Map<string, Named<Record<string, unknown>> & { dir: string }>;
  users: Map<string, Named<Record<string, unknown>> & { dir: string }>;
  contexts: Map<string, Record<string, unknown>>;
  currentContext?: string;
}

/** The files clientcmd would read, in precedence order. */
export function kubeconfigPaths(opts: LoadOptions = {}): string[] {
  if (opts.kubeconfig) return [opts.kubeconfig];
  const env = opts.env ?? process.env;
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter(Boolean);
  return [join(env.HOME ?? homedir(), '.kube', 'config')];
}

function mergeFiles(paths: string[], explicit: boolean): Merged {
  const m: Merged = { clusters: new Map(), users: new Map(), contexts: new Map() };
  let read = 0;
  for (const p of paths) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (e) {
      // as clientcmd: a named --kubeconfig must exist; missing $KUBECONFIG entries are skipped
      if (explicit) throw new Error(`stat ${p}: no such file or directory`, { cause: e });
      continue;
    }
    read++;
    const f = (parse(text) ?? {}) as RawFile;
    const dir = dirname(p);
    for (const c of f.clusters ?? []) if (!m.clusters.has(c.name)) m.clusters.set(c.name, { name: c.name, value: c.cluster ?? {}, dir });
    for (const u of f.users ?? []) if (!m.users.has(u.name)) m.users.set(u.name, { name: u.name, value: u.user ?? {}, dir });
    for (const c of f.contexts ?? []) if (!m.contexts.has(c.name)) m.contexts.set(c.name, c.context ?? {});
    if (!m.currentContext && f['current-context']) m.currentContext = f['current-context'];
  }
  if (read === 0) throw new Error(`no kubeconfig found (looked at ${paths.join(', ')})`);
  return m;
}

/** Inline base64 data, else a file path (relative to the kubeconfig that named it). */
function dataOrFile(entry: Record<string, unknown>, key: string, dir: string): string | undefined {
  const data = entry[`${key}-data`];
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64').toString('utf8');
  const file = entry[key];
  if (typeof file === 'string' && file) return readFileSync(isAbsolute(file) ? file : join(dir, file), 'utf8');
  return undefined;
}

/** Builds a client config from kubeconfig files as kubectl would pick them. */
export function loadKubeconfig(opts: LoadOptions = {}): ClientConfig {
  const m = mergeFiles(kubeconfigPaths(opts), Boolean(opts.kubeconfig));
  const ctxName = opts.context ?? m.currentContext;
  if (!ctxName) throw new Error('no current context is set in the kubeconfig');
  const ctx = m.contexts.get(ctxName);
  if (!ctx) throw new Error(`context "${ctxName}" does not exist`);
  const cluster = m.clusters.get(String(ctx.cluster ?? ''));
  if (!cluster) throw new Error(`cluster "${String(ctx.cluster)}" of context "${ctxName}" does not exist`);
  const user = m.users.get(String(ctx.user ?? ''));
  const c = cluster.value;
  if (typeof c.server !== 'string' || !c.server) throw new Error(`cluster "${cluster.name}" has no server`);
  const cfg: ClientConfig = { server: c.server };
  const ca = dataOrFile(c, 'certificate-authority', cluster.dir);
  if (ca) cfg.ca = ca;
  if (typeof c['tls-server-name'] === 'string') cfg.tlsServerName = c['tls-server-name'];
  if (c['insecure-skip-tls-verify'] === true) cfg.insecureSkipTLSVerify = true;
  if (user) {
    const u = user.value;
    const cert = dataOrFile(u, 'client-certificate', user.dir);
    const key = dataOrFile(u, 'client-key', user.dir);
    if (cert) cfg.cert = cert;
    if (key) cfg.key = key;
    if (typeof u.token === 'string' && u.token) cfg.token = u.token;
    else if (typeof u.tokenFile === 'string' && u.tokenFile) cfg.tokenSource = fileTokenSource(isAbsolute(u.tokenFile) ? u.tokenFile : join(user.dir, u.tokenFile));
  }
  if (typeof ctx.namespace === 'string' && ctx.namespace) cfg.namespace = ctx.namespace;
  return cfg;
}

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Reads a token file, re-reading it at most once a minute (the kubelet rotates projected
 * tokens in place, as client-go's cachingTokenSource expects).
 */
export function fileTokenSource(path: string, now: () => number = Date.now): () => string {
  let token = '';
  let readAt = -Infinity;
  return () => {
    if (now() - readAt > 60_000) {
      token = readFileSync(path, 'utf8').trim();
      readAt = now();
    }
    return token;
  };
}

/** rest.InClusterConfig: the pod's service account against the kubernetes Service. */
export function inClusterConfig(opts: { env?: NodeJS.ProcessEnv; dir?: string } = {}): ClientConfig {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? SERVICE_ACCOUNT_DIR;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw new Error('unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined');
  const tokenFile = join(dir, 'token');
  readFileSync(tokenFile); // fail now, not at the first request
  const cfg: ClientConfig = {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    tokenSource: fileTokenSource(tokenFile),
  };
  try {
    const ns = readFileSync(join(dir, 'namespace'), 'utf8').trim();
    if (ns) cfg.namespace = ns;
  } catch {
    // no namespace file: the caller picks one
  }
  return cfg;
}
