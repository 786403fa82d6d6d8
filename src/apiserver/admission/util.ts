// Helpers the admission plugins share: which resource a request is about, how to read
// cluster state through the Registry, and upstream's admission.NewForbidden wording.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ResourceInfo, Scheme } from '../../api/scheme.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { ForbiddenError, isNotFound } from '../../machinery/errors.js';
import type { AdmissionAttributes } from '../chain.js';
import type { Registry } from '../registry.js';

/** What every plugin is built from. */
export interface AdmissionDeps {
  registry: Registry;
  scheme: Scheme;
}

export type Container = NonNullable<NonNullable<Pod['spec']>['containers']>[number];

/** True when the request is about group/resource (and, unless given, not a subresource). */
export function isResource(a: AdmissionAttributes, group: string, resource: string, subresource = ''): boolean {
  return a.info.group === group && a.info.resource === resource && a.subresource === subresource;
}

/** admission.NewForbidden: `<resource> "<name>" is forbidden: <reason>` for the request's resource. */
export function forbidden(a: AdmissionAttributes, reason: string): ForbiddenError {
  const name = a.name || a.object?.metadata?.name || '';
  return new ForbiddenError({ group: a.info.group, resource: a.info.resource }, name, reason);
}

/** Looks up a kind the scheme serves; throws if the scheme lacks it (a programming error). */
export function infoFor(scheme: Scheme, group: string, version: string, resource: string): ResourceInfo {
  const info = scheme.byResource(group, version, resource);
  if (!info) throw new Error(`admission: the scheme does not serve ${group}/${version}/${resource}`);
  return info;
}

/** A consistent read; undefined when the object does not exist. */
export async function getOrUndefined<T extends KubeObject>(registry: Registry, info: ResourceInfo, namespace: string, name: string): Promise<T | undefined> {
  try {
    return await registry.get(info, namespace, name) as T;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The watch cache's copy when it has one (not to be mutated), else a consistent read, as upstream's listers with a live fallback. */
export async function cachedGet<T extends KubeObject>(registry: Registry, info: ResourceInfo, namespace: string, name: string): Promise<T | undefined> {
  const hit = registry.cache.get(registry.keys.key(info, namespace, name));
  return (hit as T | undefined) ?? getOrUndefined<T>(registry, info, namespace, name);
}

/** Every object of a kind in a namespace (or the cluster), read through the watch cache. */
export async function listAll<T extends KubeObject>(registry: Registry, info: ResourceInfo, namespace = ''): Promise<T[]> {
  return (await registry.list(info, namespace)).items as T[];
}

/** Every container of a pod spec: init containers first, then containers (upstream's visitContainers). */
export function allContainers(spec: Pod['spec'] | undefined): Container[] {
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

/** `"a", "b"` as Go's joinQuote writes it. */
export function joinQuote(items: readonly string[]): string {
  return items.map((s) => JSON.stringify(s)).join(', ');
}

export function pluralize(one: string, many: string, n: number): string {
  return n === 1 ? one : many;
}

/** utilerrors.NewAggregate(errs).Error(): one message as is, several in brackets, duplicates once. */
export function aggregate(messages: string[]): string {
  const seen = [...new Set(messages)];
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
