// Test helpers: an API server on a free port over a memory store, and an HTTPS client that
// authenticates with the admin certificate (or a token, or nothing).
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type ClientHttp2Session } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scheme as defaultScheme } from '../api/index.js';
import type { Scheme } from '../api/scheme.js';
import type { ClientConfig } from '../client/config.js';
import { RestClient } from '../client/rest.js';
import { ensurePki, type ClusterPki } from '../cluster/pki.js';
import { MemoryStore } from '../storage/memory.js';
import type { Store } from '../storage/store.js';
import { ApiServer, type ApiServerOptions } from './server.js';

export interface TestServer {
  server: ApiServer;
  store: Store;
  pki: ClusterPki;
  dir: string;
  /** a request over HTTP/2 (src/client) as the admin, with a token, or with no credentials; nothing retried */
  request(method: string, path: string, opts?: RequestOpts): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface RequestOpts {
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** 'admin' (default), 'none', or a bearer token */
  auth?: 'admin' | 'none' | { token: string };
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** the body's bytes as sent (compressed when the server compressed it) */
  raw: Buffer;
  json<T = Record<string, unknown>>(): T;
}

let sharedPki: Promise<{ dir: string; pki: ClusterPki }> | undefined;

export type TestServerOptions = { scheme?: Scheme; store?: Store; port?: number }
  & Pick<ApiServerOptions, 'tokenFile' | 'audit' | 'authorizer' | 'admission' | 'anonymous' | 'nodePortRange'>;

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  sharedPki ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubets-apiserver-'));
    return { dir, pki: await ensurePki(dir) };
  })();
  const { dir, pki } = await sharedPki;
  const store = opts.store ?? new MemoryStore();
  const server = new ApiServer({
    store, scheme: opts.scheme ?? defaultScheme, port: opts.port ?? 0, bindAddress: '127.0.0.1', tokenFile: opts.tokenFile,
    tls: { cert: pki.serving.cert, key: pki.serving.key, ca: pki.ca.cert }, kubeletClient: pki.kubeletClient, audit: opts.audit,
    authorizer: opts.authorizer, admission: opts.admission, anonymous: opts.anonymous, nodePortRange: opts.nodePortRange,
  });
  await server.start(new AbortController().signal);
  // one HTTP/2 client (src/client) per credential, made on first use; no rate limit, no retries
  const clients = new Map<string, RestClient>();
  const base = { server: `https://127.0.0.1:${server.port}`, ca: pki.ca.cert, tlsServerName: 'localhost', qps: Infinity, maxRetries: 0, userAgent: '' };
  const clientFor = (auth: NonNullable<RequestOpts['auth']>): RestClient => {
    const key = typeof auth === 'object' ? `token:${auth.token}` : auth;
    let c = clients.get(key);
    if (!c) {
      c = new RestClient({ ...base, ...(auth === 'admin' ? { cert: pki.admin.cert, key: pki.admin.key } : typeof auth === 'object' ? { token: auth.token } : {}) });
      clients.set(key, c);
    }
    return c;
  };
  const request = async (method: string, path: string, o: RequestOpts = {}): Promise<TestResponse> => {
    const body = o.body === undefined ? undefined : Buffer.isBuffer(o.body) ? o.body : Buffer.from(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
    const r = await clientFor(o.auth ?? 'admin').request({
      method, path, body, contentType: o.contentType ?? 'application/json', accept: o.accept ?? '', headers: o.headers,
    });
    const text = r.body.toString('utf8');
    return { status: r.status, headers: r.headers, text, raw: r.body, json: <T>() => JSON.parse(text) as T };
  };
  return {
    server, store, pki, dir, request,
    close: async () => {
      for (const c of clients.values()) c.close();
      await server.stop();
      await store.close();
    },
  };
}

/** An HTTP/2 session as the admin, for watch and h2 tests. */
export function h2Session(t: TestServer): ClientHttp2Session {
  return connect(`https://127.0.0.1:${t.server.port}`, {
    ca: t.pki.ca.cert, cert: t.pki.admin.cert, key: t.pki.admin.key, servername: 'localhost',
  });
}

/** A client config for the test server: as the admin (default), with a token, or anonymous; no rate limit. */
export function clientConfig(t: TestServer, auth: RequestOpts['auth'] = 'admin'): ClientConfig {
  return {
    server: `https://127.0.0.1:${t.server.port}`, ca: t.pki.ca.cert, tlsServerName: 'localhost', qps: Infinity,
    ...(auth === 'admin' ? { cert: t.pki.admin.cert, key: t.pki.admin.key } : typeof auth === 'object' ? { token: auth.token } : {}),
  };
}

export interface H2Response {
  status: number;
  /** the RST_STREAM code the stream closed with (0 = completed normally) */
  rst: number;
  text: string;
}

/** One request on an HTTP/2 session; resolves when the stream closes, however it ends. */
export function h2Request(s: ClientHttp2Session, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<H2Response> {
  return new Promise((resolve) => {
    const st = s.request({ ':method': method, ':path': path, ...(body !== undefined ? { 'content-type': contentType } : {}) });
    let status = 0;
    const chunks: Buffer[] = [];
    st.on('response', (h) => { status = Number(h[':status']); });
    st.on('data', (d: Buffer) => chunks.push(d));
    st.on('error', () => undefined);
    st.on('close', () => resolve({ status, rst: st.rstCode ?? -1, text: Buffer.concat(chunks).toString('utf8') }));
    st.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  });
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
