// The state of one REST request once routed: the kind, the path parts, the user and the
// common query options (dryRun, fieldManager, fieldValidation), and how to answer.
import type { Duplex } from 'node:stream';
import type { KubeObject } from '../api/meta/v1/types.js';
import { apiVersionOf, type ResourceInfo, type Scheme } from '../api/scheme.js';
import { BadRequestError } from '../machinery/errors.js';
import type { UserInfo } from './authn.js';
import { goJson, sendJson, sendJsonText, type Req, type Res } from './http.js';
import type { RequestInfo } from './request-info.js';
import type { Registry } from './registry.js';
import { includeObjectOf, negotiateOutput, partialObject, toTable, type OutputForm } from './table.js';
import type { Metrics } from './metrics.js';
import type { ServiceAllocator } from './service-alloc.js';
import type { AdmissionChain } from './chain.js';
import type { KubeletClientTLS } from './kubelet-proxy.js';

export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/**
 * Answers a POST to a kind that is not stored (TokenReview, SubjectAccessReview, …) or to an
 * action subresource (serviceaccounts/<name>/token): gets the parsed body, returns the object
 * to send back with 201. Registered with ApiServer.registerVirtual("<group>/<resource>[/<subresource>]").
 */
export type VirtualHandler = (ctx: RestContext, body: KubeObject) => Promise<KubeObject>;

export interface Upgrade {
  socket: Duplex;
  head: Buffer;
}

export interface RestContext {
  req: Req;
  res: Res;
  ri: RequestInfo;
  info: ResourceInfo;
  /** every served kind (protobuf bodies are decoded through it) */
  scheme: Scheme;
  query: URLSearchParams;
  user: UserInfo;
  namespace: string;
  name: string;
  subresource: string;
  registry: Registry;
  metrics: Metrics;
  /** the client certificate for kubelets (logs, exec, node proxy) */
  kubeletTLS?: KubeletClientTLS;
  /** the admission plugins writes go through */
  admission?: AdmissionChain;
  /** cluster IPs and node ports for new Services */
  allocator?: ServiceAllocator;
  /** handlers for kinds that are not stored (reviews) and action subresources (serviceaccounts/token) */
  virtual?: ReadonlyMap<string, VirtualHandler>;
  /** aborted when the client goes away or the server stops */
  signal: AbortSignal;
  /** an HTTP/1.1 upgrade (exec, attach, portforward, proxies): the client's socket and its first bytes */
  upgrade?: Upgrade;
  warnings: string[];
}

export function dryRunOf(query: URLSearchParams): boolean {
  const vals = query.getAll('dryRun');
  for (const v of vals) {
    if (v !== 'All') throw new BadRequestError(`Invalid dryRun: Unsupported value: "${v}": supported values: "All"`);
  }
  return vals.length > 0;
}

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const v = query.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Ignore' || v === 'Warn' || v === 'Strict') return v;
  throw new BadRequestError(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
}

/** The manager a write is recorded under: ?fieldManager, else the user agent's program name. */
export function fieldManagerOf(ctx: RestContext, required = false): string {
  const v = ctx.query.get('fieldManager');
  if (v !== null && v !== '') {
    if (v.length > 128) throw new BadRequestError(`fieldManager: Too long: may not be more than 128 bytes`);
    return v;
  }
  if (required) throw new BadRequestError('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  const ua = String(ctx.req.headers['user-agent'] ?? 'unknown');
  return ua.split('/')[0].slice(0, 128) || 'unknown';
}

/** How the object appears on the wire, with apiVersion and kind. */
export function withTypeMeta(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (obj.apiVersion && obj.kind) return obj;
  return { kind: info.kind, apiVersion: apiVersionOf(info), ...obj };
}

function headers(ctx: RestContext): Record<string, string | string[]> {
  const h: Record<string, string | string[]> = {};
  if (ctx.warnings.length) {
    h.warning = [...new Set(ctx.warnings)].map((w) => `299 - ${JSON.stringify(w)}`);
  }
  return h;
}

export function outputForm(ctx: RestContext): OutputForm {
  return negotiateOutput(ctx.req.headers.accept);
}

/** Answers with one object, as a Table row or PartialObjectMetadata when the client asked so. */
export function respondObject(ctx: RestContext, code: number, obj: KubeObject): void {
  const form = ctx.ri.verb === 'get' ? outputForm(ctx) : { as: 'object' as const };
  let body: unknown = obj;
  if (form.as === 'table') body = toTable(ctx.info, [obj], { resourceVersion: obj.metadata?.resourceVersion }, includeObjectOf(ctx.query), form.version);
  else if (form.as === 'partial') body = partialObject(obj, form.version);
  sendJson(ctx.res, code, body, headers(ctx));
}

export function respondRaw(ctx: RestContext, code: number, body: unknown): void {
  sendJson(ctx.res, code, body, headers(ctx));
}

/** Answers with JSON text built by the caller (lists assembled from cached item JSON). */
export function respondJsonText(ctx: RestContext, code: number, text: string): void {
  sendJsonText(ctx.res, code, text, headers(ctx));
}

const itemJson = new WeakMap<KubeObject, string>();

/** The JSON of an object, kept while the object lives (objects in the watch cache are shared and never mutated). */
export function jsonOf(obj: KubeObject): string {
  let text = itemJson.get(obj);
  if (text === undefined) {
    text = goJson(obj);
    itemJson.set(obj, text);
  }
  return text;
}

const listItemJson = new WeakMap<KubeObject, string>();

/** The JSON of an object as a list item: upstream's lists carry apiVersion and kind only at the top. */
export function listItemJsonOf(obj: KubeObject): string {
  let text = listItemJson.get(obj);
  if (text === undefined) {
    text = goJson({ ...obj, apiVersion: undefined, kind: undefined });
    listItemJson.set(obj, text);
  }
  return text;
}
