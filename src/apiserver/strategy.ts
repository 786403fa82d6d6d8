// What the server sets and keeps on writes (upstream's rest.BeforeCreate/BeforeUpdate and
// the per-kind strategies): uid, creationTimestamp, generation, generateName, the
// status/spec split between the main resource and its status subresource.
import { randomUUID } from 'node:crypto';
import { generateName } from '../machinery/names.js';
import { rfc3339 } from '../machinery/object-meta.js';
import type { KubeObject, ObjectMeta } from '../api/meta/v1/types.js';
import { apiVersionOf, type ResourceInfo } from '../api/scheme.js';
import { BadRequestError } from '../machinery/errors.js';
import { runCreateStep, runUpdateStep } from './kind-strategies.js';


/** Initial status a kind gets on create when status is a subresource (the strategies' PrepareForCreate). */
const INITIAL_STATUS: Record<string, () => Record<string, unknown>> = {
  '/pods': () => ({ phase: 'Pending' }),
  '/namespaces': () => ({ phase: 'Active' }),
  '/services': () => ({ loadBalancer: {} }),
  '/persistentvolumes': () => ({ phase: 'Pending' }),
  '/persistentvolumeclaims': () => ({ phase: 'Pending' }),
};

/** Kinds whose status may be set on create (a kubelet registers its Node with status). */
const STATUS_ON_CREATE = new Set(['/nodes', 'events.k8s.io/events', '/events']);

/** Kinds with a spec whose generation the server does not track. */
const NO_GENERATION = new Set(['/pods', '/namespaces', '/nodes']);

const gr = (info: ResourceInfo): string => `${info.group}/${info.resource}`;

function hasStatus(info: ResourceInfo): boolean {
  return info.subresources.includes('status');
}

function tracksGeneration(info: ResourceInfo): boolean {
  return 'spec' in (info.schema.properties ?? {}) && !NO_GENERATION.has(gr(info));
}

/** The namespace in the body must match the path; an empty one takes the path's. */
export function checkNamespace(info: ResourceInfo, obj: KubeObject, namespace: string): void {
  const meta = (obj.metadata ??= {});
  if (!info.namespaced) {
    delete meta.namespace;
    return;
  }
  if (meta.namespace && namespace && meta.namespace !== namespace) {
    throw new BadRequestError('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (namespace) meta.namespace = namespace;
}

/** Checks apiVersion/kind in a body against the endpoint and fills them in when absent. */
export function checkKind(info: ResourceInfo, obj: KubeObject, expectKind = info.kind, expectApiVersion = apiVersionOf(info)): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new BadRequestError('the body of the request must be a JSON object');
  if (obj.apiVersion && obj.apiVersion !== expectApiVersion) {
    throw new BadRequestError(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expectApiVersion})`);
  }
  if (obj.kind && obj.kind !== expectKind) {
    throw new BadRequestError(`Object kind "${obj.kind}" does not match the kind "${expectKind}" of the endpoint`);
  }
  obj.apiVersion = expectApiVersion;
  obj.kind = expectKind;
}

export function prepareForCreate(info: ResourceInfo, obj: KubeObject, now = new Date()): void {
  const meta = (obj.metadata ??= {}) as ObjectMeta;
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
  meta.uid = randomUUID();
  meta.creationTimestamp = rfc3339(now);
  delete meta.resourceVersion;
  delete meta.selfLink;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if (tracksGeneration(info)) meta.generation = 1;
  else delete meta.generation;
  if (hasStatus(info) && !STATUS_ON_CREATE.has(gr(info))) {
    const init = INITIAL_STATUS[gr(info)];
    if (init) obj.status = init();
    else delete obj.status;
  }
  // per-kind creation steps of upstream's strategies (kind-strategies.ts)
  runCreateStep(gr(info), obj);
}

function withoutMetaAndStatus(obj: KubeObject): string {
  const { metadata: _m, status: _s, ...rest } = obj;
  void _m;
  void _s;
  return JSON.stringify(rest);
}

/**
 * Prepares an update of the main resource (subresource '') or of its status: keeps what the
 * client may not change and bumps generation when the spec changed.
 */
export function prepareForUpdate(info: ResourceInfo, next: KubeObject, old: KubeObject, subresource: '' | 'status'): KubeObject {
  let out: KubeObject;
  if (subresource === 'status') {
    out = structuredClone(old);
    if (next.status === undefined) delete out.status;
    else out.status = next.status;
    const nm = next.metadata ?? {};
    if (nm.managedFields) out.metadata!.managedFields = nm.managedFields;
    out.metadata!.resourceVersion = nm.resourceVersion;
  } else {
    out = next;
    if (hasStatus(info)) {
      if (old.status === undefined) delete out.status;
      else out.status = structuredClone(old.status);
    }
  }
  const meta = (out.metadata ??= {});
  const om = old.metadata ?? {};
  meta.name = om.name;
  if (info.namespaced) meta.namespace = om.namespace;
  meta.uid = om.uid;
  meta.creationTimestamp = om.creationTimestamp;
  if (om.deletionTimestamp) meta.deletionTimestamp = om.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (om.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (tracksGeneration(info)) {
    const g = om.generation ?? 1;
    meta.generation = subresource === '' && withoutMetaAndStatus(out) !== withoutMetaAndStatus(old) ? g + 1 : g;
  } else if (om.generation !== undefined) meta.generation = om.generation;
  else delete meta.generation;
  runUpdateStep(gr(info), out, old, subresource);
  return out;
}
