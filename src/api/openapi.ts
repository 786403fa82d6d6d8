// The OpenAPI documents the API server serves at /openapi/v2 and /openapi/v3, generated
// from the scheme (never hand-written): definitions from the kinds' schemas, list kinds,
// and paths for every resource with the operations, extensions and query parameters
// kubectl looks at (x-kubernetes-group-version-kind, x-kubernetes-action, fieldValidation
// on PATCH). Documents are built once per scheme and cached.
import { createHash } from 'node:crypto';
import type { ResourceInfo, Scheme } from './scheme.js';
import { subresourceBodyKinds, subresourceKinds as defaultSubresourceKinds } from './index.js';
import { defNameOf, type TSchema } from './schema.js';
import { DeleteOptions, Status, WatchEvent } from './meta/v1/types.js';
import { APIGroup, APIGroupList, APIResourceList, APIVersions } from './meta/v1/discovery.js';
import { collectNamed, definitionsOf, referencedNames, refPrefix, type Json } from './openapi-schemas.js';
import { listKindSchema, patchSchema, scaleSchema } from './openapi-kinds.js';
import { buildPaths, type PathTarget } from './openapi-paths.js';
import { encodeOpenAPIV2 } from './openapi-proto.js';

export { OPENAPI_V2_PROTOBUF, OPENAPI_V2_PROTOBUF_CONTENT_TYPE } from './openapi-proto.js';

export const OPENAPI_INFO = { title: 'Kubernetes', version: 'v1.33.0' };

export interface SubresourceBody {
  group: string;
  version: string;
  resource: string;
  subresource: string;
  schema: TSchema;
}

export interface OpenAPIOptions {
  /** kinds that are only subresource bodies (serviceaccounts/token → TokenRequest); default: those of src/api/index.ts */
  subresourceKinds?: SubresourceBody[];
}

const META_SCHEMAS: TSchema[] = [DeleteOptions, Status, WatchEvent, patchSchema, APIResourceList, APIGroup, APIGroupList, APIVersions];

interface Built {
  v2: Json;
  v2Json: string;
  v2Proto?: Uint8Array;
  v3: Map<string, { doc: Json; json: string; hash: string }>;
}

const cache = new WeakMap<Scheme, Built>();

/** Stored kinds have a list kind, and so do virtual ones that can be listed (ComponentStatus). */
function hasList(r: ResourceInfo): boolean {
  return !r.virtual || (r.verbs ?? []).includes('list');
}

function gvKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** Named schemas of everything served: kinds, list kinds, subresource bodies, meta types. */
function namedSchemas(scheme: Scheme, options: OpenAPIOptions): Map<string, TSchema> {
  const roots: TSchema[] = [];
  for (const r of scheme.all()) {
    roots.push(r.schema);
    if (hasList(r)) roots.push(listKindSchema(r));
  }
  for (const s of options.subresourceKinds ?? []) roots.push(s.schema);
  roots.push(...subresourceBodyKinds);
  const named = collectNamed(roots);
  collectNamed(META_SCHEMAS, named);
  if (!named.has('io.k8s.api.autoscaling.v1.Scale') && scheme.all().some((r) => r.subresources.includes('scale'))) {
    collectNamed([scaleSchema()], named);
  }
  return named;
}

/** Where each resource's operations point: its kind, and the kinds of its subresources. */
function targets(scheme: Scheme, named: Map<string, TSchema>, options: OpenAPIOptions): PathTarget[] {
  const byName = (n: string) => (named.has(n) ? n : undefined);
  const kindOf = (name: string | undefined) => {
    const s = name ? named.get(name) : undefined;
    const gvk = s ? (s as unknown as Json)['x-kubernetes-group-version-kind'] : undefined;
    return Array.isArray(gvk) && gvk.length ? (gvk[0] as { group: string; version: string; kind: string }) : undefined;
  };
  return scheme.all().map((r) => {
    const kindName = defNameOf(r.schema) ?? '';
    const subs: PathTarget['subresources'] = [];
    for (const sub of r.subresources) {
      let body: string | undefined;
      if (sub === 'status' || sub === 'ephemeralcontainers' || sub === 'resize' || sub === 'finalize') body = kindName;
      else if (sub === 'scale') body = byName('io.k8s.api.autoscaling.v1.Scale');
      else if (sub === 'binding') body = byName('io.k8s.api.core.v1.Binding');
      else if (sub === 'eviction') body = byName('io.k8s.api.policy.v1.Eviction');
      else if (sub === 'log') body = 'string';
      else {
        const extra = (options.subresourceKinds ?? []).find((k) => k.group === r.group && k.version === r.version && k.resource === r.resource && k.subresource === sub);
        body = extra ? defNameOf(extra.schema) : undefined;
      }
      if (body) subs.push({ name: sub, body, gvk: body === 'string' ? undefined : kindOf(body) });
    }
    return { info: r, kindName, listName: hasList(r) ? `${kindName}List` : undefined, subresources: subs };
  });
}

function build(scheme: Scheme, options: OpenAPIOptions): Built {
  const named = namedSchemas(scheme, options);
  const all = targets(scheme, named, options);

  const v2Defs = definitionsOf(named, 'v2');
  const v2: Json = {
    swagger: '2.0',
    info: { ...OPENAPI_INFO },
    paths: buildPaths(all, 'v2'),
    definitions: v2Defs,
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };

  const v3Defs = definitionsOf(named, 'v3');
  const v3 = new Map<string, { doc: Json; json: string; hash: string }>();
  const add = (key: string, paths: Json, extraRoots: string[] = []) => {
    const names = referencedNames(paths, v3Defs, refPrefix('v3'));
    for (const n of extraRoots) {
      names.add(n);
      for (const m of referencedNames(v3Defs[n], v3Defs, refPrefix('v3'))) names.add(m);
    }
    const schemas: Json = {};
    for (const n of [...names].sort()) if (v3Defs[n]) schemas[n] = v3Defs[n];
    const doc: Json = {
      openapi: '3.0.0',
      info: { ...OPENAPI_INFO },
      paths,
      components: {
        schemas,
        securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
      },
    };
    const json = JSON.stringify(doc);
    v3.set(key, { doc, json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() });
  };

  const groups = scheme.groups();
  for (const [group, versions] of groups) {
    for (const version of versions) {
      const mine = all.filter((t) => t.info.group === group && t.info.version === version);
      add(gvKey(group, version), buildPaths(mine, 'v3'));
    }
    if (group) add(`apis/${group}`, discoveryPath(`/apis/${group}/`, 'get' + opPrefix(group) + 'APIGroup', 'io.k8s.apimachinery.pkg.apis.meta.v1.APIGroup'));
  }
  add('api', discoveryPath('/api/', 'getCoreAPIVersions', 'io.k8s.apimachinery.pkg.apis.meta.v1.APIVersions'));
  add('apis', discoveryPath('/apis/', 'getAPIVersions', 'io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList'));
  return { v2, v2Json: JSON.stringify(v2), v3 };
}

function opPrefix(group: string): string {
  return group.replace(/\.k8s\.io$/, '').split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function discoveryPath(path: string, operationId: string, def: string): Json {
  const content: Json = {};
  for (const t of ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']) {
    content[t] = { schema: { $ref: `${refPrefix('v3')}${def}` } };
  }
  return {
    [path]: {
      get: {
        description: 'get available resources',
        operationId,
        responses: { 200: { description: 'OK', content }, 401: { description: 'Unauthorized' } },
      },
    },
  };
}

/** Builds once per scheme: the options of the first call win. */
function built(scheme: Scheme, options: OpenAPIOptions = {}): Built {
  let b = cache.get(scheme);
  if (!b) {
    b = build(scheme, { subresourceKinds: defaultSubresourceKinds, ...options });
    cache.set(scheme, b);
  }
  return b;
}

/** The swagger 2.0 document (/openapi/v2). */
export function openAPIV2(scheme: Scheme, options?: OpenAPIOptions): Json {
  return built(scheme, options).v2;
}

/** The swagger 2.0 document, serialized once. */
export function openAPIV2Json(scheme: Scheme, options?: OpenAPIOptions): string {
  return built(scheme, options).v2Json;
}

/** The swagger 2.0 document as gnostic protobuf: what kubectl reads from /openapi/v2. */
export function openAPIV2Protobuf(scheme: Scheme, options?: OpenAPIOptions): Uint8Array {
  const b = built(scheme, options);
  b.v2Proto ??= encodeOpenAPIV2(b.v2);
  return b.v2Proto;
}

/** The /openapi/v3 index: one entry per document with a content hash in its URL. */
export function openAPIV3Index(scheme: Scheme, options?: OpenAPIOptions): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, d] of built(scheme, options).v3) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${d.hash}` };
  return { paths };
}

/**
 * One OpenAPI v3 document by its index key ("api/v1", "apis/apps/v1", "apis/apps", "api", "apis"),
 * with its serialized form and hash (the server answers ?hash= requests with long caching).
 */
export function openAPIV3ByPath(scheme: Scheme, key: string, options?: OpenAPIOptions): { doc: Json; json: string; hash: string } | undefined {
  return built(scheme, options).v3.get(key.replace(/^\/+|\/+$/g, ''));
}

/** The OpenAPI v3 document of one group/version ("" for core). */
export function openAPIV3Document(scheme: Scheme, group: string, version: string, options?: OpenAPIOptions): Json | undefined {
  return openAPIV3ByPath(scheme, gvKey(group, version), options)?.doc;
}

