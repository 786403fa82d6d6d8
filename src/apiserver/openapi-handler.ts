// /openapi/v2 (swagger JSON) and /openapi/v3 (the index and one document per group
// version), built by src/api/openapi.ts, with the ETag and caching headers kubectl expects:
// a request with ?hash= of the current document is cacheable forever; a stale hash
// redirects to the current one.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { subresourceKinds } from '../api/index.js';
import {
  OPENAPI_V2_PROTOBUF, OPENAPI_V2_PROTOBUF_CONTENT_TYPE, openAPIV2Json, openAPIV2Protobuf, openAPIV3ByPath, openAPIV3Index,
} from '../api/openapi.js';
import type { Scheme } from '../api/scheme.js';
import { NotAcceptableError } from '../machinery/errors.js';
import { parseAccept, sendText, type Req, type Res } from './http.js';

const v2Etags = new WeakMap<Scheme, string>();

function wantsV2Proto(accept: string | undefined): boolean {
  const first = parseAccept(accept)[0];
  return !!first && (first.type === OPENAPI_V2_PROTOBUF || first.type === OPENAPI_V2_PROTOBUF_CONTENT_TYPE);
}

function acceptsJson(accept: string | undefined): boolean {
  const ranges = parseAccept(accept);
  return !ranges.length || ranges.some((r) => r.type === 'application/json' || r.type === '*/*' || r.type === 'application/*');
}

function send(res: Res, code: number, body: string, headers: Record<string, string>): void {
  (res as ServerResponse).writeHead(code, { 'content-type': 'application/json', ...headers });
  (res as ServerResponse).end(body);
}

export function serveOpenAPI(req: Req, res: Res, scheme: Scheme, path: string): void {
  const options = { subresourceKinds };
  if (path === '/openapi/v2' && wantsV2Proto(req.headers.accept)) {
    const pb = openAPIV2Protobuf(scheme, options);
    (res as ServerResponse).writeHead(200, { 'content-type': OPENAPI_V2_PROTOBUF_CONTENT_TYPE, 'cache-control': 'no-cache, private', vary: 'Accept' });
    (res as ServerResponse).end(pb);
    return;
  }
  if (!acceptsJson(req.headers.accept)) throw new NotAcceptableError('only the following media types are accepted: application/json');
  if (path === '/openapi/v2') {
    const json = openAPIV2Json(scheme, options);
    let etag = v2Etags.get(scheme);
    if (!etag) {
      etag = `"${createHash('sha512').update(json).digest('hex').slice(0, 128).toUpperCase()}"`;
      v2Etags.set(scheme, etag);
    }
    if (req.headers['if-none-match'] === etag) return send(res, 304, '', { etag });
    return send(res, 200, json, { etag, 'cache-control': 'no-cache, private', vary: 'Accept' });
  }
  if (path === '/openapi/v3') {
    return send(res, 200, JSON.stringify(openAPIV3Index(scheme, options)), { 'cache-control': 'no-cache, private' });
  }
  const key = path.slice('/openapi/v3/'.length);
  const doc = openAPIV3ByPath(scheme, key, options);
  if (!doc) return sendText(res, 404, '404 page not found\n');
  const url = new URL(req.url ?? '/', 'https://localhost');
  const hash = url.searchParams.get('hash');
  const etag = `"${doc.hash}"`;
  if (hash && hash !== doc.hash) {
    (res as ServerResponse).writeHead(301, { location: `/openapi/v3/${key}?hash=${doc.hash}`, 'cache-control': 'no-cache, private' });
    (res as ServerResponse).end();
    return;
  }
  const caching: Record<string, string> = hash
    ? { 'cache-control': 'public, immutable', expires: new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString() }
    : { 'cache-control': 'no-cache, private' };
  if (req.headers['if-none-match'] === etag) return send(res, 304, '', { etag, ...caching });
  send(res, 200, doc.json, { etag, vary: 'Accept', ...caching });
}
