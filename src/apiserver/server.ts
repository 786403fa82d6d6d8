// The API server: HTTPS (HTTP/2 with HTTP/1.1 fallback) with client-certificate and
// bearer-token authentication, health and metrics endpoints, discovery, OpenAPI and the
// REST API over the registry and its watch cache. start()/stop() own every socket,
// watch and timer it opens.
import { createSecureServer, type Http2SecureServer, type Http2Session } from 'node:http2';
import { setMaxListeners } from 'node:events';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Scheme } from '../api/scheme.js';
import { BadRequestError, StatusError, UnauthorizedError } from '../machinery/errors.js';
import { silentLogger, type Logger } from '../machinery/log.js';
import type { Store } from '../storage/store.js';
import { versionInfo } from '../version.js';
import { ANONYMOUS, createAuthenticator, type Authenticator, type UserInfo } from './authn.js';
import { staticTokenFileAuthenticator } from './authn/static-token.js';
import {
  AdmissionChain, alwaysAllow, type AdmissionPlugin, type Authorizer, type FilterContext, type RequestFilter, type TokenAuthenticator,
} from './chain.js';
import {
  aggregatedContentType, aggregatedDiscovery, aggregatedVersion, apiGroup, apiGroupList, apiResourceList, apiVersions,
} from './discovery.js';
import { attributesOf } from './authz/attributes.js';
import { mustAuthorize } from './authz/authorizer.js';
import { impersonatedUser } from './authz/impersonation.js';
import { auditingAuthorizer } from './audit/filter.js';
import { FlowController, type FlowControlOptions } from './flowcontrol/filter.js';
import { HealthChecks } from './health.js';
import { sendError, sendJson, sendText, type Req, type Res } from './http.js';
import { Metrics } from './metrics.js';
import type { KubeletClientTLS } from './kubelet-proxy.js';
import { serveOpenAPI } from './openapi-handler.js';
import { Registry, decodeObject } from './registry.js';
import { notFoundPath, serveResource } from './rest.js';
import type { RestContext, Upgrade, VirtualHandler } from './rest-context.js';
import { checkRequestPath, isMutating, requestInfo, type RequestInfo } from './request-info.js';
import { ServiceAllocator, type NodePortRange } from './service-alloc.js';
import { StorageKeys } from './storage-keys.js';
import { WatchCache } from './watch-cache.js';

export interface ApiServerOptions {
  store: Store;
  scheme: Scheme;
  /** serving certificate, its key and the CA that signs client certificates (PEM) */
  tls: { cert: string; key: string; ca: string };
  /** default 127.0.0.1 */
  bindAddress?: string;
  /** default 6443; 0 picks a free port */
  port?: number;
  /** static token file: token,user,uid,"group1,group2" */
  tokenFile?: string;
  /** the Service IP range (default 10.96.0.0/12) */
  serviceCIDR?: string;
  /** the client certificate the server presents to kubelets (pods/log, exec, nodes/proxy) */
  kubeletClient?: KubeletClientTLS;
  /** host:port clients use to reach this server (discovery's serverAddressByClientCIDRs) */
  advertiseAddress?: string;
  /** the audit filter (audit/index.ts auditFromFiles): outermost, so it also logs flow control's 429s */
  audit?: RequestFilter;
  /** in-flight limits and priority and fairness (default 400 read-only + 200 mutating); false turns flow control off */
  flowControl?: FlowControlOptions | false;
  /** who may do what (--authorization-mode); default: every authenticated request is allowed */
  authorizer?: Authorizer;
  /** the admission plugins writes go through, built over the server's registry (default: none) */
  admission?: (registry: Registry) => AdmissionPlugin[];
  /** --anonymous-auth: a request without credentials is system:anonymous (authorized like anyone) instead of 401 */
  anonymous?: boolean;
  /** --service-node-port-range (default 30000-32767) */
  nodePortRange?: NodePortRange;
  log?: Logger;
}

const UNAUTHENTICATED_PATHS = /^\/(healthz|livez|readyz)(\/|$)/;

export class ApiServer {
  readonly metrics = new Metrics();
  readonly health = new HealthChecks();
  readonly registry: Registry;
  readonly scheme: Scheme;
  readonly #opts: ApiServerOptions;
  readonly #authn: Authenticator;
  readonly #cache: WatchCache;
  readonly #allocator: ServiceAllocator;
  readonly #stopping = new AbortController();
  readonly #sockets = new Set<Socket>();
  readonly #sessions = new Set<Http2Session>();
  readonly #virtual = new Map<string, VirtualHandler>();
  readonly #tokenAuthenticators: TokenAuthenticator[] = [];
  /** the static token file (tokenFile), read once: asked first for bearer tokens, and by TokenReview */
  readonly tokenFileAuthenticator: TokenAuthenticator | undefined;
  readonly #filters: RequestFilter[] = [];
  readonly #authorizer: Authorizer;
  readonly #admission: AdmissionChain;
  readonly #log: Logger;
  #server?: Http2SecureServer;
  #port = 0;

  constructor(opts: ApiServerOptions) {
    this.#opts = opts;
    this.scheme = opts.scheme;
    // every in-flight request listens for the stop signal
    setMaxListeners(0, this.#stopping.signal);
    this.#log = opts.log ?? silentLogger;
    if (opts.audit) this.#filters.push(opts.audit);
    const authorizer = opts.authorizer ?? alwaysAllow;
    this.#authorizer = opts.audit ? auditingAuthorizer(authorizer) : authorizer;
    if (opts.flowControl !== false) this.#filters.push(new FlowController(opts.flowControl ?? {}).filter);
    this.tokenFileAuthenticator = opts.tokenFile ? staticTokenFileAuthenticator(opts.tokenFile) : undefined;
    if (this.tokenFileAuthenticator) this.#tokenAuthenticators.push(this.tokenFileAuthenticator);
    this.#authn = createAuthenticator({ tokenAuthenticators: this.#tokenAuthenticators });
    this.#cache = new WatchCache(opts.store, {
      decode: decodeObject,
      onError: (e) => this.#log.error('watch cache failed', { err: e }),
    });
    this.#allocator = new ServiceAllocator(opts.serviceCIDR ?? '10.96.0.0/12', opts.nodePortRange);
    this.registry = new Registry(opts.store, this.#cache, new StorageKeys(opts.scheme), this.metrics);
    this.#admission = new AdmissionChain(opts.admission?.(this.registry) ?? []);
    this.health.add('ping', () => undefined);
    this.health.add('log', () => undefined);
    this.health.add('etcd', () => opts.store.ready());
    this.health.add('informer-sync', () => {
      if (!this.#cache.ready) throw new Error('watch cache not ready');
    });
    this.health.add('shutdown', () => {
      if (this.#stopping.signal.aborted) throw new Error('shutting down');
    });
  }

  /**
   * Serves POST for a kind that is not stored or an action subresource, e.g.
   * registerVirtual('authentication.k8s.io/tokenreviews', …) or registerVirtual('/serviceaccounts/token', …).
   */
  registerVirtual(path: string, handler: VirtualHandler): void {
    this.#virtual.set(path, handler);
  }

  /** Adds a bearer-token authenticator (service-account, bootstrap tokens), asked after the token file. */
  addTokenAuthenticator(a: TokenAuthenticator): void {
    this.#tokenAuthenticators.push(a);
  }

  /** Adds a filter (flow control, audit) around every authenticated request, outermost first. */
  addFilter(f: RequestFilter): void {
    this.#filters.push(f);
  }

  async #runFilters(ctx: FilterContext, last: () => Promise<void>): Promise<void> {
    const run = async (i: number): Promise<void> => {
      if (i >= this.#filters.length) return last();
      await this.#filters[i](ctx, () => run(i + 1));
    };
    try {
      await run(0);
    } finally {
      ctx.code = ctx.res.statusCode;
    }
  }

  async #serveAuthenticated(req: Req, res: Res, ri: RequestInfo, url: URL, authenticated: UserInfo, signal: AbortSignal, upgrade?: Upgrade): Promise<void> {
    // kubectl --as: the Impersonate-* headers, each part checked with the impersonate verb
    const user = await impersonatedUser(req.headers, authenticated, this.#authorizer);
    await this.#authorize(user, ri, url.searchParams);
    if (upgrade && !ri.isResourceRequest) throw new BadRequestError('this path does not accept an upgraded connection');
    if (!ri.isResourceRequest) return this.#serveNonResource(req, res, ri.path, url.searchParams);
    const info = this.scheme.byResource(ri.apiGroup, ri.apiVersion, ri.resource);
    if (!info || (ri.apiPrefix === 'api') !== (ri.apiGroup === '')) throw notFoundPath();
    const ctx: RestContext = {
      req, res, ri, info, scheme: this.scheme, query: url.searchParams, user, namespace: ri.namespace, name: ri.name,
      subresource: ri.subresource, registry: this.registry, metrics: this.metrics, allocator: this.#allocator,
      admission: this.#admission, virtual: this.#virtual, kubeletTLS: this.#opts.kubeletClient, signal, warnings: [], upgrade,
    };
    await serveResource(ctx);
  }

  /**
   * HTTP/1.1 upgrades (exec, attach, portforward, proxies) take the same chain as every other
   * request — authentication (a 401 Status on failure), audit, flow control, impersonation,
   * authorization — over a response written to the socket; the proxied subresource then
   * tunnels the socket (rest.ts serveProxied).
   */
  #handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const res = new ServerResponse(req);
    res.assignSocket(socket as Socket);
    res.shouldKeepAlive = false;
    res.on('finish', () => socket.end());
    void this.#handle(req, res, { socket, head });
  }

  async #authorize(user: UserInfo, ri: RequestInfo, query?: URLSearchParams): Promise<void> {
    await mustAuthorize(this.#authorizer, attributesOf(user, ri, query));
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    const host = this.#opts.bindAddress && this.#opts.bindAddress !== '0.0.0.0' && this.#opts.bindAddress !== '::' ? this.#opts.bindAddress : '127.0.0.1';
    return `https://${host.includes(':') ? `[${host}]` : host}:${this.#port}`;
  }

  /** Serves until stop(); signal aborts a start under way and, later, every request in flight. */
  async start(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    signal.addEventListener('abort', () => this.#stopping.abort(), { once: true });
    await this.#cache.start();
    const server = createSecureServer({
      allowHTTP1: true,
      cert: this.#opts.tls.cert,
      key: this.#opts.tls.key,
      ca: this.#opts.tls.ca,
      requestCert: true,
      rejectUnauthorized: false,
      settings: { maxConcurrentStreams: 1000 },
    }, (req, res) => {
      void this.#handle(req, res);
    });
    server.on('secureConnection', (sock: Socket) => {
      this.#sockets.add(sock);
      sock.on('close', () => this.#sockets.delete(sock));
    });
    server.on('session', (s: Http2Session) => {
      this.#sessions.add(s);
      s.on('close', () => this.#sessions.delete(s));
    });
    server.on('tlsClientError', () => undefined);
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.#handleUpgrade(req, socket, head));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#opts.port ?? 6443, this.#opts.bindAddress ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    const server = this.#server;
    if (server) {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of this.#sessions) s.close();
      for (const s of this.#sockets) s.destroy();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
      for (const s of this.#sessions) s.destroy();
    }
    await this.#cache.stop();
  }

  async #handle(req: Req, res: Res, upgrade?: Upgrade): Promise<void> {
    const t0 = performance.now();
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'https://localhost');
    // the path as sent: URL parsing would resolve dot segments (../../secrets) into another resource
    const path = rawUrl.split('?')[0] || '/';
    const ri = requestInfo(req.method ?? 'GET', path, url.searchParams);
    const done = this.metrics.requestStarted(isMutating(ri.verb));
    let code = 200;
    const abort = new AbortController();
    const onStop = (): void => abort.abort();
    this.#stopping.signal.addEventListener('abort', onStop);
    res.on('close', () => abort.abort());
    try {
      checkRequestPath(path);
      if (UNAUTHENTICATED_PATHS.test(path)) {
        const [, endpoint, rest] = /^\/(healthz|livez|readyz)\/?(.*)$/.exec(path)!;
        await this.health.serve(res, `${endpoint}`, rest, url.searchParams);
        code = res.statusCode;
        return;
      }
      let user: UserInfo | undefined;
      try {
        // no credentials at all: anonymous when --anonymous-auth; bad credentials stay a 401, as upstream
        user = (await this.#authn.authenticate(req)) ?? (this.#opts.anonymous ? ANONYMOUS : undefined);
      } catch (e) {
        if (!(e instanceof StatusError)) throw e;
        user = undefined;
      }
      if (!user) throw new UnauthorizedError();
      const authenticated = user;
      const fctx: FilterContext = { req, res, ri, user };
      const serve = async (): Promise<void> => {
        try {
          await this.#serveAuthenticated(req, res, ri, url, authenticated, abort.signal, upgrade);
        } catch (e) {
          // answered here, so that filters (audit, flow control) see a finished response and its code
          const c = sendError(res, e);
          if (c >= 500) this.#log.error('request failed', { method: req.method, path, code: c, err: e, stack: (e as Error).stack });
        } finally {
          fctx.code = res.statusCode;
        }
      };
      await this.#runFilters(fctx, serve);
      code = res.statusCode;
    } catch (e) {
      code = sendError(res, e);
      if (code >= 500) this.#log.error('request failed', { method: req.method, path, code, err: e, stack: (e as Error).stack });
    } finally {
      this.#stopping.signal.removeEventListener('abort', onStop);
      done();
      const resource = ri.isResourceRequest ? (ri.subresource ? `${ri.resource}/${ri.subresource}` : ri.resource) : '';
      this.metrics.requestDone(ri.isResourceRequest ? ri.verb : (req.method ?? 'GET').toLowerCase(), resource, code, (performance.now() - t0) / 1000);
    }
  }

  async #serveNonResource(req: Req, res: Res, path: string, query: URLSearchParams): Promise<void> {
    const p = path.replace(/\/+$/, '') || '/';
    const parts = p.split('/').filter(Boolean);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw notFoundPath();
    if (p === '/version') return sendJson(res, 200, versionInfo());
    if (p === '/metrics') return sendText(res, 200, this.metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
    if (p.startsWith('/openapi/')) return serveOpenAPI(req, res, this.scheme, p);
    if (p === '/api' || p === '/apis') {
      const agg = aggregatedVersion(req.headers.accept);
      if (agg) {
        sendJson(res, 200, aggregatedDiscovery(this.scheme, p === '/api', agg), { 'content-type': aggregatedContentType(agg) });
        return;
      }
      if (p === '/api') return sendJson(res, 200, apiVersions(this.#opts.advertiseAddress ?? new URL(this.url).host));
      return sendJson(res, 200, apiGroupList(this.scheme));
    }
    if (parts[0] === 'api' && parts.length === 2) {
      const list = apiResourceList(this.scheme, '', parts[1]);
      if (list) return sendJson(res, 200, list);
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = apiGroup(this.scheme, parts[1]);
      if (g) return sendJson(res, 200, g);
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      const list = apiResourceList(this.scheme, parts[1], parts[2]);
      if (list) return sendJson(res, 200, list);
    }
    if (p === '/') {
      return sendJson(res, 200, { paths: ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/metrics', '/openapi/v2', '/openapi/v3', '/readyz', '/version'] });
    }
    void query;
    sendText(res, 404, '404 page not found\n');
  }
}
