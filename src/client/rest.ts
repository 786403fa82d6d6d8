// The REST client: one HTTP/2 session per client (re-made after GOAWAY, close or error),
// a client-side token bucket (QPS/burst), bounded retries — on 429 honouring Retry-After,
// and on connection errors with exponential backoff — and Status errors typed through the
// machinery's fromStatus.
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Status } from '../api/meta/v1/types.js';
import { fromStatus, StatusError, type StatusReason } from '../machinery/errors.js';
import { DEFAULT_BURST, DEFAULT_QPS, type ClientConfig } from './config.js';
import { TokenBucket } from './token-bucket.js';

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  method?: string;
  /** absolute API path, e.g. /api/v1/namespaces/default/pods */
  path: string;
  query?: Query;
  /** an object (sent as JSON), or bytes/text sent as is */
  body?: unknown;
  contentType?: string;
  /** default application/json; '' sends no Accept header */
  accept?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Response {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A response whose body is still arriving (watch). */
export interface StreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: AsyncIterable<Buffer>;
  /** ends the stream (RST_STREAM CANCEL) */
  close(): void;
}

/** client-go's maxRetries for 429 and retriable connection errors. */
export const MAX_RETRIES = 10;
const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 5_000;
/** Retry-After above this is not waited for (the error goes to the caller). */
const MAX_RETRY_AFTER_S = 60;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function queryString(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** An error on the way to the server (no response): refused, reset, GOAWAY, TLS. */
export class ConnectionError extends Error {
  /** true when the server cannot have acted on the request */
  readonly notSent: boolean;
  constructor(message: string, notSent: boolean, cause?: unknown) {
    super(message, { cause });
    this.name = 'ConnectionError';
    this.notSent = notSent;
  }
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_INVALID_SESSION', 'ERR_HTTP2_STREAM_CANCEL']);

function isRefusedStream(e: unknown): boolean {
  const m = (e as Error)?.message ?? '';
  return m.includes('NGHTTP2_REFUSED_STREAM');
}

/** Builds a StatusError from a non-2xx response, as client-go's transformResponse does. */
export function responseError(status: number, body: Buffer, headers: IncomingHttpHeaders): StatusError {
  const text = body.toString('utf8');
  try {
    const s = JSON.parse(text) as Status;
    if (s && s.kind === 'Status') return fromStatus(s);
  } catch {
    // not a Status body: fall through to the generic error for the code
  }
  const reasons: Record<number, StatusReason> = {
    400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
    406: 'NotAcceptable', 409: 'Conflict', 410: 'Gone', 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType',
    422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'ServerTimeout',
  };
  const retry = Number(headers['retry-after']);
  return new StatusError(status, reasons[status] ?? 'Unknown', text.trim() || `the server responded with status ${status}`,
    Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : undefined);
}

/**
 * A request's own signal, aborted with the caller's. Every request of a component shares its stop
 * signal (an informer factory holds one watch per resource open on it, and many requests wait on the
 * rate limiter at once), so the caller's signal gets one 'abort' listener that fans out, not one per
 * request waiting or stream open.
 */
const linkedBySignal = new WeakMap<AbortSignal, Set<AbortController>>();
function linkedSignal(signal: AbortSignal): { signal: AbortSignal; release(): void } {
  const own = new AbortController();
  if (signal.aborted) {
    own.abort(signal.reason);
    return { signal: own.signal, release: () => undefined };
  }
  let streams = linkedBySignal.get(signal);
  if (!streams) {
    const set = new Set<AbortController>();
    streams = set;
    linkedBySignal.set(signal, set);
    signal.addEventListener('abort', () => {
      for (const c of set) c.abort(signal.reason);
      set.clear();
    }, { once: true });
  }
  streams.add(own);
  const set = streams;
  return { signal: own.signal, release: () => set.delete(own) };
}

export class RestClient {
  readonly config: ClientConfig;
  readonly limiter: TokenBucket;
  readonly #origin: string;
  readonly #prefix: string;
  readonly #maxRetries: number;
  #session?: ClientHttp2Session;
  #active = 0;
  #closed = false;

  constructor(config: ClientConfig) {
    this.config = config;
    const u = new URL(config.server);
    this.#origin = u.origin;
    this.#prefix = u.pathname.replace(/\/$/, '');
    this.limiter = new TokenBucket(config.qps ?? DEFAULT_QPS, config.burst ?? DEFAULT_BURST);
    this.#maxRetries = config.maxRetries ?? MAX_RETRIES;
  }

  /** The current session, or a new one. */
  #connect(): ClientHttp2Session {
    const s = this.#session;
    if (s && !s.closed && !s.destroyed) return s;
    const c = this.config;
    const session = connect(this.#origin, {
      ca: c.ca, cert: c.cert, key: c.key,
      rejectUnauthorized: !c.insecureSkipTLSVerify,
      ...(c.tlsServerName ? { servername: c.tlsServerName } : {}),
    });
    const forget = (): void => {
      if (this.#session === session) this.#session = undefined;
    };
    // after GOAWAY the session takes no new streams: let the open ones finish, then it closes
    session.on('goaway', () => {
      forget();
      if (!session.closed) session.close();
    });
    session.on('close', forget);
    session.on('error', forget);
    session.unref();
    this.#session = session;
    return session;
  }

  async #headers(o: RequestOptions, body: Buffer | undefined): Promise<Record<string, string>> {
    const h: Record<string, string> = {
      [constants.HTTP2_HEADER_METHOD]: o.method ?? 'GET',
      [constants.HTTP2_HEADER_PATH]: this.#prefix + o.path + queryString(o.query),
      ...(o.accept === '' ? {} : { accept: o.accept ?? 'application/json' }),
      ...(this.config.userAgent === '' ? {} : { 'user-agent': this.config.userAgent ?? 'kubets/v0.0.0' }),
    };
    for (const [k, v] of Object.entries(o.headers ?? {})) h[k.toLowerCase()] = v; // HTTP/2 header names are lower case
    const token = this.config.tokenSource ? await this.config.tokenSource() : this.config.token;
    if (token) h.authorization = `Bearer ${token}`;
    if (body) {
      h['content-type'] ??= o.contentType ?? 'application/json';
      h['content-length'] = String(body.length);
    }
    return h;
  }

  /** Opens one stream and resolves when the response headers are in. */
  async #open(o: RequestOptions, body: Buffer | undefined): Promise<{ stream: ClientHttp2Stream; status: number; headers: IncomingHttpHeaders }> {
    if (this.#closed) throw new Error('the client is closed');
    const headers = await this.#headers(o, body);
    let session: ClientHttp2Session;
    try {
      session = this.#connect();
    } catch (e) {
      throw new ConnectionError((e as Error).message, true, e);
    }
    return new Promise((resolve, reject) => {
      let stream: ClientHttp2Stream;
      try {
        const link = o.signal && linkedSignal(o.signal);
        stream = session.request(headers, { endStream: !body, ...(link ? { signal: link.signal } : {}) });
        if (link) stream.once('close', link.release);
      } catch (e) {
        reject(new ConnectionError((e as Error).message, true, e));
        return;
      }
      if (this.#active++ === 0) session.ref();
      stream.once('close', () => {
        if (--this.#active === 0 && !session.destroyed) session.unref();
      });
      let answered = false;
      stream.once('response', (h) => {
        answered = true;
        resolve({ stream, status: Number(h[constants.HTTP2_HEADER_STATUS]), headers: h });
      });
      stream.once('error', (e: NodeJS.ErrnoException) => {
        if (answered) return;
        if (e.name === 'AbortError') {
          reject(e);
          return;
        }
        const notSent = NOT_SENT_CODES.has(e.code ?? '') || isRefusedStream(e) || !session.connecting && session.destroyed && !stream.sentHeaders;
        reject(new ConnectionError(`${o.method ?? 'GET'} ${o.path}: ${e.message}`, notSent, e));
      });
      stream.once('close', () => {
        if (!answered) reject(new ConnectionError(`${o.method ?? 'GET'} ${o.path}: stream closed before a response (code ${stream.rstCode})`, stream.rstCode === constants.NGHTTP2_REFUSED_STREAM));
      });
      if (body) stream.end(body);
    });
  }

  /**
   * Sends a request after the rate limiter lets it through, retrying (at most MAX_RETRIES
   * times) on 429 after Retry-After and on connection errors with backoff: any method when
   * the request cannot have reached the server, reads also when it might have.
   */
  async #withRetries<T>(o: RequestOptions, once: (body: Buffer | undefined) => Promise<T & { status: number; headers: IncomingHttpHeaders }>, drain: (r: T) => Promise<Buffer>): Promise<T & { status: number; headers: IncomingHttpHeaders }> {
    const body = o.body === undefined ? undefined : Buffer.isBuffer(o.body) ? o.body : Buffer.from(typeof o.body === 'string' ? o.body : JSON.stringify(o.body));
    const method = o.method ?? 'GET';
    const link = o.signal && linkedSignal(o.signal);
    const signal = link ? link.signal : undefined;
    try {
      return await this.#attempts(o, body, method, signal, once, drain);
    } finally {
      link?.release();
    }
  }

  async #attempts<T>(o: RequestOptions, body: Buffer | undefined, method: string, signal: AbortSignal | undefined,
    once: (body: Buffer | undefined) => Promise<T & { status: number; headers: IncomingHttpHeaders }>, drain: (r: T) => Promise<Buffer>): Promise<T & { status: number; headers: IncomingHttpHeaders }> {
    for (let attempt = 0; ; attempt++) {
      await this.limiter.wait(signal);
      let r: T & { status: number; headers: IncomingHttpHeaders };
      try {
        r = await once(body);
      } catch (e) {
        const retriable = e instanceof ConnectionError && (e.notSent || SAFE_METHODS.has(method));
        if (!retriable || attempt >= this.#maxRetries || this.#closed) throw e;
        await sleep(Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt) * (0.5 + Math.random() / 2), undefined, { signal });
        continue;
      }
      if (r.status === 429 && attempt < this.#maxRetries) {
        const after = Number(r.headers['retry-after']);
        if (Number.isFinite(after) && after >= 0 && after <= MAX_RETRY_AFTER_S) {
          await drain(r);
          await sleep(Math.max(after, 0.001) * 1000, undefined, { signal });
          continue;
        }
      }
      return r;
    }
  }

  /** A complete request; the status is not checked (see json() for that). */
  async request(o: RequestOptions): Promise<Response> {
    return this.#withRetries<{ body: Buffer }>(o, async (body) => {
      const { stream, status, headers } = await this.#open(o, body);
      try {
        return { status, headers, body: await collect(stream) };
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        throw new ConnectionError(`${o.method ?? 'GET'} ${o.path}: ${(e as Error).message}`, false, e);
      }
    }, async (r) => r.body);
  }

  /** A request whose 2xx JSON body is returned; anything else throws a StatusError. */
  async json<T>(o: RequestOptions): Promise<T> {
    const r = await this.request(o);
    if (r.status < 200 || r.status > 299) throw responseError(r.status, r.body, r.headers);
    return (r.body.length ? JSON.parse(r.body.toString('utf8')) : {}) as T;
  }

  /** A streaming request (watch); a non-2xx answer throws its StatusError. */
  async stream(o: RequestOptions): Promise<StreamResponse> {
    const r = await this.#withRetries<{ stream: ClientHttp2Stream }>(o, (body) => this.#open(o, body), (x) => collect(x.stream));
    if (r.status < 200 || r.status > 299) throw responseError(r.status, await collect(r.stream), r.headers);
    return {
      status: r.status, headers: r.headers, body: r.stream,
      close: () => {
        if (!r.stream.destroyed) r.stream.close(constants.NGHTTP2_CANCEL);
      },
    };
  }

  /** Closes the session; requests after this fail. */
  close(): void {
    this.#closed = true;
    const s = this.#session;
    this.#session = undefined;
    if (s && !s.destroyed) s.close();
  }
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}
