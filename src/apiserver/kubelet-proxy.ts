// Subresources served by another process: pods/log (streamed from the kubelet's
// /containerLogs), pods/exec|attach|portforward (an upgraded connection tunnelled to the
// kubelet's /exec, /attach, /portForward), nodes/proxy (to the kubelet), and pods/proxy and
// services/proxy (HTTP to the pod, or to a ready endpoint of the service).
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { KubeObject } from '../api/meta/v1/types.js';
import { BadRequestError, NotFoundError, PathNotFoundError, ServiceUnavailableError } from '../machinery/errors.js';
import type { Registry } from './registry.js';
import type { Res } from './http.js';
import type { Scheme } from '../api/scheme.js';
import { queryBool } from './request-info.js';

export interface KubeletClientTLS {
  cert: string;
  key: string;
}

export interface Target {
  https: boolean;
  host: string;
  port: number;
  /** path and query on the target */
  path: string;
  /** present the kubelet client certificate */
  kubelet: boolean;
}

type Json = Record<string, unknown>;

const STREAMING = new Set(['exec', 'attach', 'portforward']);
const KUBELET_PATHS: Record<string, string> = { exec: 'exec', attach: 'attach', portforward: 'portForward' };

function lookup(registry: Registry, scheme: Scheme, resource: string, namespace: string, name: string): KubeObject {
  const info = scheme.byResource('', 'v1', resource);
  const obj = info ? registry.cache.get(registry.keys.key(info, namespace, name)) : undefined;
  if (!obj) throw new NotFoundError({ group: '', resource }, name);
  return obj;
}

/** The kubelet of a node: its preferred address and daemon endpoint port (10250 by default). */
export function kubeletAddress(node: KubeObject): { host: string; port: number } {
  const status = (node.status ?? {}) as { addresses?: { type: string; address: string }[]; daemonEndpoints?: { kubeletEndpoint?: { Port?: number } } };
  const addrs = status.addresses ?? [];
  const pick = ['InternalIP', 'ExternalIP', 'Hostname'].map((t) => addrs.find((a) => a.type === t)).find(Boolean);
  if (!pick) throw new ServiceUnavailableError(`no address is known for node "${node.metadata?.name ?? ''}"`);
  return { host: pick.address, port: status.daemonEndpoints?.kubeletEndpoint?.Port || 10250 };
}

function containerNames(pod: KubeObject, key: 'containers' | 'initContainers' | 'ephemeralContainers'): string[] {
  return (((pod.spec as Json | undefined)?.[key] ?? []) as { name: string }[]).map((c) => c.name);
}

/** The container a log/exec/attach request means, with upstream's messages when it is unclear. */
export function pickContainer(pod: KubeObject, requested: string | null): string {
  const name = pod.metadata?.name ?? '';
  const main = containerNames(pod, 'containers');
  const all = [...main, ...containerNames(pod, 'initContainers'), ...containerNames(pod, 'ephemeralContainers')];
  if (requested) {
    if (!all.includes(requested)) throw new BadRequestError(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (main.length === 1) return main[0];
  const inits = containerNames(pod, 'initContainers');
  let msg = `a container name must be specified for pod ${name}, choose one of: [${main.join(' ')}]`;
  if (inits.length) msg += ` or one of the init containers: [${inits.join(' ')}]`;
  throw new BadRequestError(msg);
}

/**
 * The options the kubelet gets: the listed boolean options read as the API reads any boolean
 * query parameter and re-encoded (`truth[0]` or `truth[1]`), the others passed as given.
 */
function passQuery(query: URLSearchParams, keep: string[], bools: string[] = [], truth = ['true', 'false']): string {
  const out = new URLSearchParams();
  for (const [k, v] of query) if (keep.includes(k)) out.append(k, v);
  for (const k of bools) {
    const b = queryBool(query, k);
    if (b !== undefined) out.append(k, truth[b ? 0 : 1]);
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}

/** Resolves where a proxied subresource request goes. */
export function resolveTarget(
  registry: Registry, scheme: Scheme, resource: string, namespace: string, name: string, subresource: string, rest: string, query: URLSearchParams,
): Target {
  if (resource === 'pods' && (subresource === 'log' || STREAMING.has(subresource))) {
    const pod = lookup(registry, scheme, 'pods', namespace, name);
    const nodeName = (pod.spec as Json | undefined)?.nodeName as string | undefined;
    if (!nodeName) throw new BadRequestError(`pod ${name} does not have a host assigned`);
    const { host, port } = kubeletAddress(lookup(registry, scheme, 'nodes', '', nodeName));
    if (subresource === 'portforward') {
      return { https: true, host, port, kubelet: true, path: `/portForward/${namespace}/${name}${passQuery(query, ['ports'])}` };
    }
    const container = pickContainer(pod, query.get('container'));
    if (subresource === 'log') {
      const q = passQuery(query, ['sinceSeconds', 'sinceTime', 'tailLines', 'limitBytes'], ['follow', 'previous', 'timestamps', 'insecureSkipTLSVerifyBackend']);
      return { https: true, host, port, kubelet: true, path: `/containerLogs/${namespace}/${name}/${container}${q}` };
    }
    const q = passQuery(query, ['command'], ['stdin', 'stdout', 'stderr', 'tty']);
    return { https: true, host, port, kubelet: true, path: `/${KUBELET_PATHS[subresource]}/${namespace}/${name}/${container}${q}` };
  }
  const extra = [...query].length ? `?${query.toString()}` : '';
  if (resource === 'nodes' && subresource === 'proxy') {
    const [, nodeName, port] = /^(?:https?:)?([^:]+)(?::(\d+))?$/.exec(name) ?? [];
    const addr = kubeletAddress(lookup(registry, scheme, 'nodes', '', nodeName ?? name));
    return { https: true, host: addr.host, port: port ? Number(port) : addr.port, kubelet: true, path: `/${rest}${extra}` };
  }
  if (subresource === 'proxy' && (resource === 'pods' || resource === 'services')) {
    const m = /^(?:(https?):)?([^:]+)(?::([^:]+))?$/.exec(name);
    if (!m) throw new BadRequestError(`invalid ${resource} proxy name ${JSON.stringify(name)}`);
    const [, scheme_ = 'http', target, portSpec] = m;
    if (resource === 'pods') {
      const pod = lookup(registry, scheme, 'pods', namespace, target);
      const ip = (pod.status as Json | undefined)?.podIP as string | undefined;
      if (!ip) throw new ServiceUnavailableError(`pod ${target} has no IP yet`);
      return { https: scheme_ === 'https', host: ip, port: portSpec ? Number(portSpec) || 80 : 80, kubelet: false, path: `/${rest}${extra}` };
    }
    const ep = lookup(registry, scheme, 'endpoints', namespace, target);
    for (const subset of (ep.subsets ?? []) as { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[]) {
      const addr = subset.addresses?.[0];
      const ports = subset.ports ?? [];
      const port = portSpec ? ports.find((p) => p.name === portSpec || String(p.port) === portSpec) : ports[0];
      if (addr && port) return { https: scheme_ === 'https', host: addr.ip, port: port.port, kubelet: false, path: `/${rest}${extra}` };
    }
    throw new ServiceUnavailableError(`no endpoints available for service "${target}"`);
  }
  throw new PathNotFoundError();
}

const HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'authorization', 'host']);

function forwardHeaders(h: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !HOP_HEADERS.has(k) && !k.startsWith(':')) out[k] = v;
  return out;
}

function open(target: Target, method: string, headers: Record<string, string | string[]>, tls: KubeletClientTLS | undefined) {
  const common = { host: target.host, port: target.port, method, path: target.path, headers };
  if (!target.https) return httpRequest(common);
  return httpsRequest({ ...common, rejectUnauthorized: false, ...(target.kubelet && tls ? { cert: tls.cert, key: tls.key } : {}) });
}

/** Streams a plain (non-upgrade) request to the target and its answer back. */
export async function proxyHttp(target: Target, method: string, reqHeaders: IncomingHttpHeaders, body: NodeJS.ReadableStream | undefined, res: Res, tls: KubeletClientTLS | undefined, signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const up = open(target, method, forwardHeaders(reqHeaders), tls);
    const abort = (): void => {
      up.destroy();
      resolve();
    };
    signal.addEventListener('abort', abort, { once: true });
    up.on('response', (r: IncomingMessage) => {
      const out = res as unknown as { writeHead(c: number, h: Record<string, string | string[]>): void; write(c: Buffer): boolean; end(): void };
      out.writeHead(r.statusCode ?? 502, forwardHeaders(r.headers));
      r.on('data', (c: Buffer) => out.write(c));
      r.on('end', () => {
        out.end();
        signal.removeEventListener('abort', abort);
        resolve();
      });
      r.on('error', () => resolve());
    });
    up.on('error', (e) => {
      signal.removeEventListener('abort', abort);
      reject(new ServiceUnavailableError(`error trying to reach ${target.kubelet ? 'the kubelet' : 'the target'} at ${target.host}:${target.port}: ${e.message}`));
    });
    if (body) body.pipe(up);
    else up.end();
  });
}

/** Tunnels an upgraded (WebSocket or SPDY) connection to the target, both directions. */
export function proxyUpgrade(target: Target, method: string, reqHeaders: IncomingHttpHeaders, client: Duplex, head: Buffer, tls: KubeletClientTLS | undefined): void {
  const headers = forwardHeaders(reqHeaders);
  headers.connection = 'Upgrade';
  if (reqHeaders.upgrade) headers.upgrade = reqHeaders.upgrade;
  const up = open(target, method, headers, tls);
  up.on('upgrade', (r: IncomingMessage, upstream: Duplex, upHead: Buffer) => {
    const lines = [`HTTP/1.1 ${r.statusCode} ${r.statusMessage ?? 'Switching Protocols'}`];
    for (let i = 0; i < r.rawHeaders.length; i += 2) lines.push(`${r.rawHeaders[i]}: ${r.rawHeaders[i + 1]}`);
    client.write(lines.join('\r\n') + '\r\n\r\n');
    if (upHead.length) client.write(upHead);
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  up.on('response', (r: IncomingMessage) => {
    // the target refused the upgrade: relay its answer and close
    const lines = [`HTTP/1.1 ${r.statusCode} ${r.statusMessage ?? ''}`];
    for (let i = 0; i < r.rawHeaders.length; i += 2) lines.push(`${r.rawHeaders[i]}: ${r.rawHeaders[i + 1]}`);
    client.write(lines.join('\r\n') + '\r\nConnection: close\r\n\r\n');
    r.pipe(client);
  });
  up.on('error', (e) => {
    const body = JSON.stringify(new ServiceUnavailableError(`error dialing backend: ${e.message}`).toStatus());
    client.end(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  up.end();
}

/** The subresources this module serves. */
export function isProxied(resource: string, subresource: string): boolean {
  if (resource === 'pods') return subresource === 'log' || subresource === 'proxy' || STREAMING.has(subresource);
  return subresource === 'proxy' && (resource === 'nodes' || resource === 'services');
}

export function isStreaming(subresource: string): boolean {
  return STREAMING.has(subresource);
}
