// The audit RequestFilter: gives every request an audit ID (the Audit-Id response header),
// decides its level from the policy and writes one event per stage to the sink as a JSON
// line: RequestReceived, ResponseStarted (long-running requests only, when the headers go
// out), ResponseComplete, or Panic when handling threw. At Request and RequestResponse the
// request and response bodies are recorded as they travel, unless the resource carries
// credentials (see event.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { StatusError } from '../../machinery/errors.js';
import type { Scheme } from '../../api/scheme.js';
import type { Authorizer, FilterContext, RequestFilter } from '../chain.js';
import { bodySent, parseBody, type Req, type Res } from '../http.js';
import { isLongRunning } from '../flowcontrol/long-running.js';
import { rfc3339Micro } from '../../machinery/object-meta.js';
import {
  auditUser, effectiveLevel, isSensitiveResource, objectRef, responseStatusOf, scrub, serializeEvent, type AuditEvent,
} from './event.js';
import { evaluatePolicy, levelAtLeast, type AuditStage, type Policy } from './policy.js';

/** Where event lines go. */
export interface AuditSink {
  write(line: string): void;
  close(): void;
}

/** Appends lines to a file (created 0600), or writes them to stdout for "-". */
export function fileSink(path: string): AuditSink {
  if (path === '-') return { write: (l) => void process.stdout.write(`${l}\n`), close: () => undefined };
  const fd = openSync(path, 'a', 0o600);
  let open = true;
  return {
    write(line) {
      if (open) writeSync(fd, `${line}\n`);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

export function memorySink(): AuditSink & { lines: string[]; events(): AuditEvent[] } {
  const lines: string[] = [];
  return { lines, write: (l) => void lines.push(l), close: () => undefined, events: () => lines.map((l) => JSON.parse(l) as AuditEvent) };
}

interface AuditState {
  annotations: Record<string, string>;
  requestObject?: unknown;
  responseObject?: unknown;
}

const states = new WeakMap<Req, AuditState>();
/** the audit state of the request being handled, for code that has no hold of the request (the authorizer) */
const current = new AsyncLocalStorage<AuditState>();

/** Adds an annotation to the request's audit events (e.g. authorization.k8s.io/decision). No-op when not audited. */
export function addAuditAnnotation(req: Req, key: string, value: string): void {
  const s = states.get(req);
  if (s && !(key in s.annotations)) s.annotations[key] = value;
}

/**
 * Wraps an authorizer so that its decision lands in the audit event as upstream's
 * authorization.k8s.io/decision ("allow" or "forbid") and authorization.k8s.io/reason annotations.
 */
export function auditingAuthorizer(inner: Authorizer): Authorizer {
  return {
    async authorize(a) {
      const d = await inner.authorize(a);
      const s = current.getStore();
      // the last decision wins: impersonation checks come first, the request's own check last
      if (s) {
        s.annotations['authorization.k8s.io/decision'] = d.decision === 'allow' ? 'allow' : 'forbid';
        s.annotations['authorization.k8s.io/reason'] = d.reason ?? '';
      }
      return d;
    },
  };
}

/** Hands the decoded request/response objects to audit (instead of the raw bodies it captures itself). */
export function setAuditObjects(req: Req, objs: { request?: unknown; response?: unknown }): void {
  const s = states.get(req);
  if (!s) return;
  if (objs.request !== undefined) s.requestObject = objs.request;
  if (objs.response !== undefined) s.responseObject = objs.response;
}

/** The audit ID of a request being audited. */
export function auditIdOf(res: Res): string | undefined {
  const v = res.getHeader('audit-id');
  return typeof v === 'string' ? v : undefined;
}

const REQUEST_LIMIT = 3 * 1024 * 1024;
const RESPONSE_LIMIT = 8 * 1024 * 1024;
const STATUS_LIMIT = 64 * 1024;
const VALID_ID = /^[A-Za-z0-9._-]{1,64}$/;

function sourceIPs(req: Req): string[] {
  const ips: string[] = [];
  const xff = req.headers['x-forwarded-for'];
  if (typeof xff === 'string') ips.push(...xff.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 10));
  const remote = req.socket?.remoteAddress;
  if (remote) ips.push(remote.replace(/^::ffff:/, ''));
  return [...new Set(ips)];
}

/** Tees what arrives on a request stream into chunks (whoever reads the body, however). */
function captureRequest(req: Req, limit: number): () => Buffer | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  const target = req as unknown as { push(chunk: unknown, enc?: BufferEncoding): boolean };
  const push = target.push;
  target.push = function (chunk: unknown, enc?: BufferEncoding): boolean {
    if (chunk !== null && size <= limit) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), enc);
      size += b.length;
      if (size <= limit) chunks.push(b);
    }
    return push.call(this, chunk, enc);
  };
  return () => (size <= limit && size > 0 ? Buffer.concat(chunks) : undefined);
}

interface ResponseCapture {
  body(): Buffer | undefined;
  /** the content type, whether set with setHeader or passed to writeHead */
  contentType(): string | undefined;
}

function contentTypeIn(headers: unknown): string | undefined {
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) if (k.toLowerCase() === 'content-type') return String(v);
  return undefined;
}

/** Watches the response: calls onStart once when headers go out, keeps the body up to limit bytes. */
function captureResponse(res: Res, limit: number, onStart: (code: number) => void): ResponseCapture {
  const chunks: Buffer[] = [];
  let size = 0;
  let started = false;
  let type: string | undefined;
  const start = (code: number): void => {
    if (started) return;
    started = true;
    onStart(code);
  };
  const keep = (chunk: unknown, enc?: unknown): void => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > limit) return;
    const b = Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof enc === 'string' ? enc as BufferEncoding : 'utf8');
    size += b.length;
    if (size <= limit) chunks.push(b);
  };
  const r = res as unknown as Record<string, (...args: unknown[]) => unknown>;
  const writeHead = r.writeHead;
  const write = r.write;
  const end = r.end;
  r.writeHead = function (this: unknown, ...args: unknown[]) {
    start(Number(args[0]) || 200);
    type = contentTypeIn(typeof args[1] === 'string' ? args[2] : args[1]) ?? type;
    return writeHead.apply(this, args);
  };
  let ending = false; // http2's end() writes its chunk through write()
  r.write = function (this: unknown, ...args: unknown[]) {
    start(res.statusCode);
    if (!ending) keep(args[0], args[1]);
    return write.apply(this, args);
  };
  r.end = function (this: unknown, ...args: unknown[]) {
    start(res.statusCode);
    keep(args[0], args[1]);
    ending = true;
    try {
      return end.apply(this, args);
    } finally {
      ending = false;
    }
  };
  return {
    body: () => (size > 0 && size <= limit ? Buffer.concat(chunks) : undefined),
    contentType: () => type ?? header(res.getHeader('content-type')),
  };
}

function decode(body: Buffer | undefined, contentType: string | undefined, scheme?: Scheme): unknown {
  if (!body) return undefined;
  try {
    return parseBody(body, contentType, scheme);
  } catch {
    return undefined;
  }
}

function header(v: string | string[] | number | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v === undefined ? undefined : String(v);
}

/** The audit filter over a policy and a sink; the scheme decodes protobuf bodies (kubectl sends them). */
export function auditFilter(policy: Policy, sink: AuditSink, scheme?: Scheme): RequestFilter {
  return async (ctx: FilterContext, next) => {
    const { req, res, ri } = ctx;
    const given = header(req.headers['audit-id']);
    const auditID = given && VALID_ID.test(given) ? given : randomUUID();
    if (!res.headersSent) res.setHeader('Audit-Id', auditID);
    const cfg = evaluatePolicy(policy, { ...ri, user: ctx.user });
    const sensitive = ri.isResourceRequest && isSensitiveResource(ri.apiGroup, ri.resource, ri.subresource);
    const level = effectiveLevel(cfg.level, ri.isResourceRequest ? ri : undefined);
    if (level === 'None') return next();

    const received = new Date();
    const state: AuditState = { annotations: {} };
    states.set(req, state);
    const longRunning = isLongRunning(ri);
    const base: AuditEvent = {
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', level, auditID, stage: 'RequestReceived',
      requestURI: req.url ?? '/', verb: ri.verb, user: auditUser(ctx.user), sourceIPs: sourceIPs(req),
      userAgent: header(req.headers['user-agent']),
      requestReceivedTimestamp: rfc3339Micro(received), stageTimestamp: '',
    };
    if (ri.isResourceRequest) {
      base.objectRef = objectRef({
        resource: ri.resource, namespace: ri.namespace, name: ri.name, apiGroup: ri.apiGroup, apiVersion: ri.apiVersion, subresource: ri.subresource,
      });
    }
    const emit = (stage: AuditStage, extra: Partial<AuditEvent> = {}): void => {
      if (cfg.omitStages.includes(stage)) return;
      const ev: AuditEvent = { ...base, ...extra, stage, stageTimestamp: rfc3339Micro() };
      if (Object.keys(state.annotations).length) ev.annotations = { ...state.annotations };
      try {
        sink.write(serializeEvent(ev));
      } catch {
        // a full disk must not fail the request; upstream's log backend drops events likewise
      }
    };
    const withBodies = levelAtLeast(level, 'Request') && !sensitive;
    const requestBody = withBodies && req.method !== 'GET' && req.method !== 'HEAD' ? captureRequest(req, REQUEST_LIMIT) : undefined;
    const response = captureResponse(res, level === 'RequestResponse' && !sensitive && !longRunning ? RESPONSE_LIMIT : STATUS_LIMIT, (code) => {
      if (longRunning) emit('ResponseStarted', { responseStatus: responseStatusOf(code) });
    });

    emit('RequestReceived');
    const bodies = (): Partial<AuditEvent> => {
      const out: Partial<AuditEvent> = {};
      if (!withBodies) return out;
      const reqObj = state.requestObject ?? decode(requestBody?.(), header(req.headers['content-type']), scheme);
      if (reqObj !== undefined) out.requestObject = scrub(reqObj, cfg.omitManagedFields);
      if (level === 'RequestResponse' && !longRunning) {
        const resObj = state.responseObject ?? decode(response.body(), response.contentType(), scheme);
        if (resObj !== undefined) out.responseObject = scrub(resObj, cfg.omitManagedFields);
      }
      return out;
    };
    try {
      await current.run(state, next);
    } catch (e) {
      // a StatusError is an ordinary answer the server sends once the filters return; anything else is a panic
      if (e instanceof StatusError) {
        emit('ResponseComplete', { responseStatus: responseStatusOf(e.code, e.toStatus()), ...bodies() });
      } else {
        emit('Panic', { responseStatus: { metadata: {}, status: 'Failure', message: `APIServer panic'd: ${(e as Error).message}`, reason: 'InternalError', code: 500 }, ...bodies() });
      }
      states.delete(req);
      throw e;
    }
    const code = ctx.code ?? res.statusCode;
    // a large body is still going out piece by piece (endBody): the response is complete when it ends
    await bodySent(res);
    const answer = code >= 300 ? decode(response.body(), response.contentType(), scheme) : undefined;
    emit('ResponseComplete', { responseStatus: responseStatusOf(code, answer), ...bodies() });
    states.delete(req);
  };
}
