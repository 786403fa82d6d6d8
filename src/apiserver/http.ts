// Small helpers over node's http/http2 compatibility request and response objects:
// reading bounded bodies, writing JSON and Status errors, content negotiation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { createGzip } from 'node:zlib';
import { decodeProtobuf } from '../api/protobuf/index.js';
import type { Scheme } from '../api/scheme.js';
import { assertBodyDepth } from '../machinery/nesting.js';
import { wellFormedValue } from '../machinery/well-formed.js';
import { parseYamlBody } from './yaml-body.js';
import {
  BadRequestError, InternalError, RequestEntityTooLargeError, StatusError, UnsupportedMediaTypeError,
} from '../machinery/errors.js';

export type Req = IncomingMessage | Http2ServerRequest;
export type Res = ServerResponse | Http2ServerResponse;

/** Upstream's limit for request bodies: 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body, refusing more than limit bytes with 413. */
export async function readBody(req: Req, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? -1);
  if (declared > limit) throw new RequestEntityTooLargeError('the request is too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RequestEntityTooLargeError('the request is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Parses a JSON, YAML or (with a scheme to find the message) Kubernetes protobuf body into a
 * value; malformed input is 400 with the parser's message.
 */
export function isYaml(mt: string): boolean {
  return mt === 'application/yaml' || mt === 'application/apply-patch+yaml' || mt === 'text/yaml';
}

export function parseBody(body: Buffer, contentType: string | undefined, scheme?: Scheme): unknown {
  const mt = mediaType(contentType);
  const text = body.toString('utf8');
  if (isYaml(mt)) {
    return wellFormedValue(parseYamlBody(text), text);
  }
  if (mt === 'application/vnd.kubernetes.protobuf') {
    if (!scheme) throw new UnsupportedMediaTypeError(mt);
    const { object } = decodeProtobuf(body, scheme);
    assertBodyDepth(object);
    return object;
  }
  // upstream decodes JSON, YAML and protobuf bodies; anything else (application/cbor while
  // CBOR is off, as by default) is 415, never read as JSON
  if (mt && mt !== 'application/json') throw new UnsupportedMediaTypeError(mt);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new BadRequestError(`${(e as Error).message}`);
  }
  assertBodyDepth(value);
  return wellFormedValue(value, text);
}

export function sendJson(res: Res, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  sendJsonText(res, code, goJson(body), headers);
}

const GO_ESCAPED = /[<>&\u2028\u2029]/;
const GO_ESCAPED_ALL = /[<>&\u2028\u2029]/g;
const goEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text as Go's encoder writes it: like JSON.stringify, but <, >, & and the line and
 * paragraph separators escaped (\u003c …), as encoding/json does by default. These never
 * occur outside strings in JSON text, so the text can be rewritten as a whole.
 */
export function goJson(value: unknown): string {
  const text = JSON.stringify(value);
  return GO_ESCAPED.test(text) ? text.replace(GO_ESCAPED_ALL, goEscape) : text;
}

/** Upstream compresses a response whose body is over 128 KiB when the client accepts gzip. */
export const GZIP_THRESHOLD_BYTES = 128 * 1024;

/** Whether Accept-Encoding names gzip as a token of its own (upstream's negotiateContentEncoding). */
export function acceptsGzip(req: Req | undefined): boolean {
  const v = req?.headers['accept-encoding'];
  return typeof v === 'string' && v.split(',').some((t) => t.trim() === 'gzip');
}

export function sendJsonText(res: Res, code: number, text: string, headers: Record<string, string | string[]> = {}): void {
  const out = res as ServerResponse;
  const all = { 'content-type': 'application/json', 'cache-control': 'no-cache, private', ...headers };
  // a UTF-8 byte is at most 3 per UTF-16 unit: most bodies are decided without counting
  if (text.length * 3 > GZIP_THRESHOLD_BYTES && acceptsGzip(out.req) && Buffer.byteLength(text) > GZIP_THRESHOLD_BYTES) {
    out.writeHead(code, { ...all, 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    // level 1 as upstream: least CPU for nearly the same ratio; compressed off the event loop
    const gz = createGzip({ level: 1 });
    gz.pipe(out);
    gz.end(`${text}\n`);
    return;
  }
  out.writeHead(code, all);
  // Go's json.Encoder ends every document with a newline
  endBody(out, `${text}\n`);
}

export function sendText(res: Res, code: number, text: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  (res as ServerResponse).writeHead(code, { 'content-type': contentType, 'x-content-type-options': 'nosniff', ...headers });
  endBody(res as ServerResponse, text);
}

const sending = new WeakMap<object, Promise<void>>();

/** Resolves once the body endBody is writing has gone out in full (or the client went away). */
export function bodySent(res: Res): Promise<void> {
  return sending.get(res) ?? Promise.resolve();
}

/** Bodies go out in pieces of about this many characters, each after the client took the last. */
const BODY_CHUNK = 64 * 1024;

/**
 * Ends the response with text, writing a large body piece by piece as the client reads it.
 * Handing a whole multi-megabyte list to an HTTP/2 stream at once counts against the
 * session's memory limit, and Node then resets that stream and refuses the session's next ones
 * (ENHANCE_YOUR_CALM) instead of completing them; a client that does not read would also pin the
 * whole body in the socket's buffer.
 */
export function endBody(res: ServerResponse, text: string): void {
  if (text.length <= BODY_CHUNK) {
    res.end(text);
    return;
  }
  let sent!: () => void;
  sending.set(res, new Promise<void>((r) => (sent = r)));
  let off = 0;
  const next = (): void => {
    while (off < text.length) {
      let end = Math.min(off + BODY_CHUNK, text.length);
      // never split a surrogate pair: each piece is encoded as UTF-8 on its own
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      const piece = text.slice(off, end);
      off = end;
      if (off >= text.length) {
        res.off('close', stop);
        res.end(piece);
        sent();
        return;
      }
      if (!res.write(piece)) {
        res.once('drain', next);
        return;
      }
    }
  };
  const stop = (): void => {
    off = text.length;
    res.off('drain', next);
    sent();
  };
  res.once('close', stop);
  next();
}

/** Turns anything thrown into a StatusError; unknown errors become 500 InternalError. */
export function asStatusError(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  return new InternalError(err instanceof Error ? err.message : String(err));
}

export function sendError(res: Res, err: unknown): number {
  const se = asStatusError(err);
  const headers: Record<string, string> = {};
  if (se.details?.retryAfterSeconds) headers['retry-after'] = String(se.details.retryAfterSeconds);
  if (!res.headersSent) sendJson(res, se.code, se.toStatus(), headers);
  else res.end();
  return se.code;
}

/** Parses an Accept header into media ranges with their parameters. */
export interface MediaRange {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(accept: string | undefined): MediaRange[] {
  if (!accept) return [];
  return accept.split(',').map((part) => {
    const [type, ...ps] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of ps) {
      const eq = p.indexOf('=');
      if (eq > 0) params[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
    }
    return { type: type.toLowerCase(), params };
  }).filter((m) => m.type);
}
