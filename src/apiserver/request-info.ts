// Request info (k8s.io/apiserver/pkg/endpoints/request.RequestInfoFactory): what a URL and
// method ask for — the verb, API group and version, namespace, resource, name and subresource.
//   /api/v1/namespaces/default/pods/web/status  → patch pods/status "web" in default
//   /apis/apps/v1/deployments?watch=true         → watch deployments in all namespaces
//   /healthz                                     → a non-resource request

import { BadRequestError } from '../machinery/errors.js';

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  /** get list watch create update patch delete deletecollection, or the lower-case method for non-resource requests */
  verb: string;
  /** "api" or "apis" for resource requests */
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** the path segments after the group/version */
  parts: string[];
}

const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const METHOD_VERBS: Record<string, string> = {
  POST: 'create', GET: 'get', HEAD: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete',
};

/**
 * A path segment percent-decoded as Go's url.PathUnescape does: escapes are bytes and the
 * result is read as UTF-8 (so %ff is U+FFFD, as Go's JSON output shows it); undefined when an
 * escape is malformed (%zz, or % without two hex digits).
 */
export function unescapePathSegment(seg: string): string | undefined {
  if (!seg.includes('%')) return seg;
  const raw = Buffer.from(seg, 'utf8');
  const out = Buffer.alloc(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x25) {
      out[n++] = raw[i];
      continue;
    }
    const hex = raw.subarray(i + 1, i + 3).toString('latin1');
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
    out[n++] = parseInt(hex, 16);
    i += 2;
  }
  return out.subarray(0, n).toString('utf8');
}

/**
 * Refuses (400) a request path with a malformed percent-escape, as Go's URL parser does before
 * any handler, and one whose segment, raw or decoded, is "." or ".." or holds a "/" (it would
 * name another resource once resolved).
 */
export function checkRequestPath(path: string): void {
  for (const seg of path.split('/')) {
    const d = unescapePathSegment(seg);
    if (d === undefined) {
      const bad = /%(?![0-9a-fA-F]{2}).{0,2}/s.exec(seg)?.[0] ?? '%';
      throw new BadRequestError(`invalid URL escape ${JSON.stringify(bad)}`);
    }
    if (d === '.' || d === '..' || (d !== seg && d.includes('/'))) {
      throw new BadRequestError(`invalid request path ${JSON.stringify(path)}: dot segments are not allowed`);
    }
  }
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed ? trimmed.split('/') : [];
}

/** Parses a request path and method as upstream does (also the /watch/ and /proxy/ legacy prefixes). */
export function requestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false, path, verb: method.toLowerCase(), apiPrefix: '', apiGroup: '', apiVersion: '',
    namespace: '', resource: '', subresource: '', name: '', parts: [],
  };
  let parts = splitPath(path).map((p) => unescapePathSegment(p) ?? p);
  if (parts.length < 1 || (parts[0] !== 'api' && parts[0] !== 'apis')) return info;
  info.apiPrefix = parts[0];
  parts = parts.slice(1);
  if (info.apiPrefix === 'apis') {
    if (parts.length < 1) return info;
    info.apiGroup = parts[0];
    parts = parts.slice(1);
  }
  if (parts.length < 1) return info;
  info.apiVersion = parts[0];
  parts = parts.slice(1);
  if (parts.length < 1) return info; // discovery: /api/v1, /apis/apps/v1

  info.isResourceRequest = true;
  let verb = METHOD_VERBS[method.toUpperCase()] ?? method.toLowerCase();
  if (SPECIAL_VERBS.has(parts[0])) {
    if (parts.length < 2) {
      info.isResourceRequest = false;
      info.verb = method.toLowerCase();
      return info;
    }
    verb = parts[0];
    parts = parts.slice(1);
  }
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1];
      // /namespaces/<ns> is the namespace itself; /namespaces/<ns>/status or /finalize are its subresources
      if (parts.length > 2 && parts[2] !== 'status' && parts[2] !== 'finalize') parts = parts.slice(2);
    }
  } else {
    info.namespace = '';
  }
  info.parts = parts;
  if (parts.length >= 3) info.subresource = parts[2];
  if (parts.length >= 2) info.name = parts[1];
  if (parts.length >= 1) info.resource = parts[0];
  // a namespace object addressed by name: /api/v1/namespaces/<name>
  if (info.resource === 'namespaces' && info.namespace && parts[0] === 'namespaces') info.namespace = '';

  if (parts.length < 2 && verb === 'get') {
    verb = queryBool(query, 'watch') ? 'watch' : 'list';
  }
  if (parts.length < 2 && verb === 'delete') verb = 'deletecollection';
  if (verb === 'watch' && parts.length >= 2) {
    // /watch/namespaces/ns/pods/name → a watch of one object (kept as watch, name set)
  }
  info.verb = verb;
  return info;
}

/**
 * A boolean query parameter as upstream's parameter codec reads one (runtime's
 * Convert_Slice_string_To_bool): absent is undefined; the first value `0` or `false` in any
 * case is false; every other value, the empty one included (`?watch`), is true.
 */
export function queryBool(query: URLSearchParams | undefined, name: string): boolean | undefined {
  const v = query?.get(name);
  if (v === null || v === undefined) return undefined;
  return !(v === '0' || v.toLowerCase() === 'false');
}

/** Verbs that change state (for metrics and flow control). */
export function isMutating(verb: string): boolean {
  return verb === 'create' || verb === 'update' || verb === 'patch' || verb === 'delete' || verb === 'deletecollection';
}
