// The paths of the OpenAPI documents: for every resource the collection and item
// paths with their operations (operationId, x-kubernetes-action,
// x-kubernetes-group-version-kind, query parameters), in swagger 2.0 or OpenAPI 3.0 form.
import { DEFAULT_VERBS, type ResourceInfo } from './scheme.js';
import { refPrefix, type Json, type OpenAPIVersion } from './openapi-schemas.js';

export interface PathTarget {
  info: ResourceInfo;
  /** definition name of the kind */
  kindName: string;
  /** definition name of the list kind, for stored resources */
  listName?: string;
  /** subresources with the definition name of their body ('string' for logs) and its kind */
  subresources: { name: string; body: string; gvk?: { group: string; version: string; kind: string } }[];
}

interface Param {
  name: string;
  in: 'query' | 'path';
  type: 'string' | 'boolean' | 'integer';
  description: string;
  required?: boolean;
}

const q = (name: string, type: Param['type'], description: string): Param => ({ name, in: 'query', type, description });

const P = {
  pretty: q('pretty', 'string', "If 'true', the output is pretty printed."),
  dryRun: q('dryRun', 'string', 'When present, modifications are not persisted. The only valid value is All.'),
  fieldManager: q('fieldManager', 'string', 'A name for the actor making the change, recorded in managedFields.'),
  fieldValidation: q('fieldValidation', 'string',
    'How the server treats unknown or duplicate fields in the request body: Ignore, Warn (the default: warnings in the Warning header) or Strict (the request fails).'),
  force: q('force', 'boolean', 'Force an apply request to take fields owned by other managers. Only for apply patches.'),
  allowWatchBookmarks: q('allowWatchBookmarks', 'boolean', 'Ask for BOOKMARK events in a watch.'),
  continue: q('continue', 'string', 'The continue token from a previous page of a list.'),
  fieldSelector: q('fieldSelector', 'string', 'Restrict the objects returned by their fields.'),
  labelSelector: q('labelSelector', 'string', 'Restrict the objects returned by their labels.'),
  limit: q('limit', 'integer', 'The maximum number of objects in one page of a list.'),
  resourceVersion: q('resourceVersion', 'string', 'Which version of the data a read may be served from.'),
  resourceVersionMatch: q('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: Exact or NotOlderThan.'),
  sendInitialEvents: q('sendInitialEvents', 'boolean', 'With watch: start with synthetic ADDED events for the current state.'),
  timeoutSeconds: q('timeoutSeconds', 'integer', 'Timeout of a list or watch call.'),
  watch: q('watch', 'boolean', 'Watch for changes and return them as a stream of events.'),
  gracePeriodSeconds: q('gracePeriodSeconds', 'integer', 'Seconds before the object is deleted; 0 means at once.'),
  orphanDependents: q('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
  propagationPolicy: q('propagationPolicy', 'string', 'Garbage collection of dependents: Orphan, Background or Foreground.'),
  name: { name: 'name', in: 'path', type: 'string', required: true, description: 'The name of the object.' } as Param,
  namespace: { name: 'namespace', in: 'path', type: 'string', required: true, description: 'The namespace of the object.' } as Param,
};

const LIST_PARAMS = [P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch];
const WRITE_PARAMS = [P.dryRun, P.fieldManager, P.fieldValidation];
const DELETE_PARAMS = [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy];
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const MEDIA = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

function param(p: Param, version: OpenAPIVersion): Json {
  if (version === 'v2') {
    const out: Json = { uniqueItems: true, type: p.type, description: p.description, name: p.name, in: p.in };
    if (p.required) out.required = true;
    return out;
  }
  const out: Json = { name: p.name, in: p.in, description: p.description, schema: { type: p.type, uniqueItems: true } };
  if (p.required) out.required = true;
  return out;
}

function groupPrefix(group: string): string {
  if (!group) return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function tag(group: string, version: string): string {
  const g = groupPrefix(group);
  return `${g.charAt(0).toLowerCase()}${g.slice(1)}_${version}`;
}

interface OpSpec {
  id: string;
  action: string;
  description: string;
  params: Param[];
  /** definition name of the request body, if any; 'patch' for patches */
  body?: string;
  /** definition name of the response ('string' for text) */
  response: string;
  codes: number[];
  gvk?: { group: string; version: string; kind: string };
}

function schemaRef(name: string, version: OpenAPIVersion): Json {
  return name === 'string' ? { type: 'string' } : { $ref: `${refPrefix(version)}${name}` };
}

function operation(op: OpSpec, t: PathTarget, version: OpenAPIVersion): Json {
  const out: Json = { description: op.description, operationId: op.id, tags: [tag(t.info.group, t.info.version)] };
  const params = op.params.map((p) => param(p, version));
  const bodyName = op.body === 'patch' ? `${META}.Patch` : op.body;
  const consumes = op.body === 'patch' ? PATCH_TYPES : ['*/*'];
  const produces = op.response === 'string' ? ['text/plain', 'application/json', 'application/yaml'] : MEDIA;
  const responses: Json = {};
  if (version === 'v2') {
    if (bodyName) params.unshift({ name: 'body', in: 'body', required: true, schema: schemaRef(bodyName, version) });
    out.consumes = consumes;
    out.produces = produces;
    out.schemes = ['https'];
    for (const c of op.codes) responses[c] = { description: c === 201 ? 'Created' : c === 202 ? 'Accepted' : 'OK', schema: schemaRef(op.response, version) };
  } else {
    if (bodyName) {
      const content: Json = {};
      for (const m of consumes) content[m] = { schema: schemaRef(bodyName, version) };
      out.requestBody = { content, required: true };
    }
    for (const c of op.codes) {
      const content: Json = {};
      for (const m of produces) content[m] = { schema: schemaRef(op.response, version) };
      responses[c] = { description: c === 201 ? 'Created' : c === 202 ? 'Accepted' : 'OK', content };
    }
  }
  responses['401'] = { description: 'Unauthorized' };
  out.parameters = params;
  out.responses = responses;
  out['x-kubernetes-action'] = op.action;
  if (op.gvk) out['x-kubernetes-group-version-kind'] = { ...op.gvk };
  return out;
}

/** Builds the paths object for the given resources. */
export function buildPaths(targets: PathTarget[], version: OpenAPIVersion): Json {
  const paths: Json = {};
  const put = (path: string, pathParams: Param[], ops: Record<string, OpSpec>, t: PathTarget) => {
    if (Object.keys(ops).length === 0) return;
    const item: Json = {};
    for (const [method, op] of Object.entries(ops)) item[method] = operation(op, t, version);
    item.parameters = [...pathParams, P.pretty].map((p) => param(p, version));
    paths[path] = item;
  };
  for (const t of targets) {
    const r = t.info;
    const verbs = new Set(r.verbs ?? DEFAULT_VERBS);
    const prefix = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
    const ns = r.namespaced ? 'Namespaced' : '';
    const base = `${prefix}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.resource}`;
    const nsParams = r.namespaced ? [P.namespace] : [];
    const g = `${groupPrefix(r.group)}${r.version.charAt(0).toUpperCase()}${r.version.slice(1)}`;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const name = `${ns}${r.kind}`;

    const collection: Record<string, OpSpec> = {};
    if (verbs.has('list') && t.listName) {
      collection.get = { id: `list${g}${name}`, action: 'list', description: `list or watch objects of kind ${r.kind}`, params: LIST_PARAMS, response: t.listName, codes: [200], gvk };
    }
    if (verbs.has('create')) {
      collection.post = { id: `create${g}${name}`, action: 'post', description: `create ${article(r.kind)} ${r.kind}`, params: WRITE_PARAMS, body: t.kindName, response: t.kindName, codes: [200, 201, 202], gvk };
    }
    if (verbs.has('deletecollection')) {
      collection.delete = { id: `delete${g}Collection${name}`, action: 'deletecollection', description: `delete collection of ${r.kind}`, params: [...DELETE_PARAMS, ...LIST_PARAMS], body: `${META}.DeleteOptions`, response: `${META}.Status`, codes: [200], gvk };
    }
    put(base, nsParams, collection, t);

    const item: Record<string, OpSpec> = {};
    if (verbs.has('get')) item.get = { id: `read${g}${name}`, action: 'get', description: `read the specified ${r.kind}`, params: [], response: t.kindName, codes: [200], gvk };
    if (verbs.has('update')) item.put = { id: `replace${g}${name}`, action: 'put', description: `replace the specified ${r.kind}`, params: WRITE_PARAMS, body: t.kindName, response: t.kindName, codes: [200, 201], gvk };
    if (verbs.has('patch')) item.patch = { id: `patch${g}${name}`, action: 'patch', description: `partially update the specified ${r.kind}`, params: [...WRITE_PARAMS, P.force], body: 'patch', response: t.kindName, codes: [200, 201], gvk };
    if (verbs.has('delete')) item.delete = { id: `delete${g}${name}`, action: 'delete', description: `delete ${article(r.kind)} ${r.kind}`, params: DELETE_PARAMS, body: `${META}.DeleteOptions`, response: `${META}.Status`, codes: [200, 202], gvk };
    put(`${base}/{name}`, [P.name, ...nsParams], item, t);

    if (r.namespaced && verbs.has('list') && t.listName) {
      put(`${prefix}/${r.resource}`, [], {
        get: { id: `list${g}${r.kind}ForAllNamespaces`, action: 'list', description: `list or watch objects of kind ${r.kind}`, params: LIST_PARAMS, response: t.listName, codes: [200], gvk },
      }, t);
    }

    for (const sub of t.subresources) {
      const subName = `${name}${sub.name.charAt(0).toUpperCase()}${sub.name.slice(1)}`;
      const ops: Record<string, OpSpec> = {};
      const subGvk = sub.gvk;
      if (sub.name === 'status' || sub.name === 'scale' || sub.name === 'ephemeralcontainers' || sub.name === 'resize') {
        ops.get = { id: `read${g}${subName}`, action: 'get', description: `read ${sub.name} of the specified ${r.kind}`, params: [], response: sub.body, codes: [200], gvk: subGvk };
        ops.put = { id: `replace${g}${subName}`, action: 'put', description: `replace ${sub.name} of the specified ${r.kind}`, params: WRITE_PARAMS, body: sub.body, response: sub.body, codes: [200, 201], gvk: subGvk };
        ops.patch = { id: `patch${g}${subName}`, action: 'patch', description: `partially update ${sub.name} of the specified ${r.kind}`, params: [...WRITE_PARAMS, P.force], body: 'patch', response: sub.body, codes: [200, 201], gvk: subGvk };
      } else if (sub.name === 'finalize') {
        ops.put = { id: `replace${g}${subName}`, action: 'put', description: `replace finalize of the specified ${r.kind}`, params: WRITE_PARAMS, body: sub.body, response: sub.body, codes: [200, 201], gvk: subGvk };
      } else if (sub.name === 'log') {
        ops.get = { id: `read${g}${subName}`, action: 'get', description: `read log of the specified ${r.kind}`, params: [q('container', 'string', 'The container to stream logs of.'), q('follow', 'boolean', 'Follow the log stream.'), q('previous', 'boolean', 'The log of the previous container instance.'), q('sinceSeconds', 'integer', 'Only logs newer than this many seconds.'), q('tailLines', 'integer', 'Only this many lines from the end.'), q('timestamps', 'boolean', 'Prefix each line with its timestamp.')], response: 'string', codes: [200], gvk: undefined };
      } else {
        ops.post = { id: `create${g}${subName}`, action: 'post', description: `create ${sub.name} of ${article(r.kind)} ${r.kind}`, params: WRITE_PARAMS, body: sub.body, response: sub.body, codes: [200, 201, 202], gvk: subGvk };
      }
      put(`${base}/{name}/${sub.name}`, [P.name, ...nsParams], ops, t);
    }
  }
  return paths;
}

function article(word: string): string {
  return /^[AEIOU]/.test(word) ? 'an' : 'a';
}
