// What the server sets and keeps on writes (upstream's rest.BeforeCreate/BeforeUpdate): the
// generic rules — uid, creationTimestamp, generation, generateName, the status split between
// the main resource and its status subresource — then the kind's own strategy from its scheme
// entry (src/api/strategy.ts).
import { randomUUID } from 'node:crypto';
import { generateName } from '../machinery/names.js';
import { rfc3339 } from '../machinery/object-meta.js';
import type { KubeObject, ObjectMeta } from '../api/meta/v1/types.js';
import { apiVersionOf, type ResourceInfo } from '../api/scheme.js';
import { statusSubresource, type ObjectSubresource, type Strategy, type SubresourceStrategy } from '../api/strategy.js';
import { BadRequestError } from '../machinery/errors.js';

const NONE: Strategy = {};

export function strategyOf(info: ResourceInfo): Strategy {
  return info.strategy ?? NONE;
}

/** A listed status subresource without a strategy of its own: status only, checked by the kind's update rules. */
const genericStatus = new WeakMap<ResourceInfo, ObjectSubresource>();

/** The strategy of one of info's subresources; undefined when it has none (not served). */
export function subresourceOf(info: ResourceInfo, name: string): SubresourceStrategy | undefined {
  const own = strategyOf(info).subresources?.[name];
  if (own || name !== 'status' || !info.subresources.includes('status')) return own;
  let s = genericStatus.get(info);
  if (!s) {
    s = statusSubresource((obj, old) => info.validateUpdate?.(obj, old) ?? info.validate?.(obj) ?? []);
    genericStatus.set(info, s);
  }
  return s;
}

/** The object-writing subresource of that name (status, finalize), or undefined. */
export function objectSubresourceOf(info: ResourceInfo, name: string): ObjectSubresource | undefined {
  const s = subresourceOf(info, name);
  return s?.type === 'object' ? s : undefined;
}

function hasStatus(info: ResourceInfo): boolean {
  return info.subresources.includes('status');
}

function tracksGeneration(info: ResourceInfo): boolean {
  return strategyOf(info).generation ?? 'spec' in (info.schema.properties ?? {});
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
  const strategy = strategyOf(info);
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
  if (hasStatus(info) && !strategy.statusOnCreate) {
    if (strategy.initialStatus) obj.status = strategy.initialStatus();
    else delete obj.status;
  }
  strategy.prepareForCreate?.(obj, now);
}

function withoutMetaAndStatus(obj: KubeObject): string {
  const { metadata: _m, status: _s, ...rest } = obj;
  void _m;
  void _s;
  return JSON.stringify(rest);
}

/**
 * Prepares an update of the main resource (subresource '') or of an object subresource
 * (status, finalize): keeps what the write may not change and bumps generation when the
 * main resource's spec changed. Returns the object to validate and store.
 */
export function prepareForUpdate(info: ResourceInfo, next: KubeObject, old: KubeObject, subresource = ''): KubeObject {
  const sub = subresource ? objectSubresourceOf(info, subresource) : undefined;
  if (subresource && !sub) throw new Error(`${info.resource}/${subresource} does not write ${info.kind} objects`);
  const out = next;
  if (!sub && hasStatus(info)) {
    if (old.status === undefined) delete out.status;
    else out.status = structuredClone(old.status);
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
    meta.generation = !sub && withoutMetaAndStatus(out) !== withoutMetaAndStatus(old) ? g + 1 : g;
  } else if (om.generation !== undefined) meta.generation = om.generation;
  else delete meta.generation;
  if (sub) sub.prepareForUpdate(out, old);
  else strategyOf(info).prepareForUpdate?.(out, old);
  return out;
}
