// Deleting a namespace's content (upstream's namespacedResourcesDeleter): once the namespace
// has a deletionTimestamp its phase becomes Terminating, everything in it is deleted resource
// by resource, the conditions tell what is left, and when nothing is, the `kubernetes`
// finalizer is removed through namespaces/<name>/finalize so the API server lets it go.
import type { Namespace, NamespaceCondition } from '../../api/core/v1/namespace.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { RestClient } from '../../client/rest.js';
import { resource } from '../../client/resource.js';
import { isConflict, isNotFound, isStatusError } from '../../machinery/errors.js';
import { rfc3339 } from '../../machinery/object-meta.js';
import { deletableNamespacedResources, type DeletableResource } from './discovery.js';

export const FINALIZER = 'kubernetes';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

/** The five conditions upstream keeps on a terminating namespace, with their all-clear reasons. */
const ALL_CLEAR: [string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

export interface Findings {
  discoveryFailure?: string;
  deleteFailures: string[];
  /** resource → how many are left */
  remaining: Map<string, number>;
  /** finalizer → how many objects still carry it */
  finalizers: Map<string, number>;
}

/** The conditions for these findings, keeping lastTransitionTime where nothing changed. */
export function conditionsFor(current: readonly NamespaceCondition[], f: Findings, now: Date): NamespaceCondition[] {
  const problem: Record<string, [string, string] | undefined> = {
    NamespaceDeletionDiscoveryFailure: f.discoveryFailure ? ['DiscoveryFailed', `Discovery failed for some groups: ${f.discoveryFailure}`] : undefined,
    NamespaceDeletionContentFailure: f.deleteFailures.length ? ['ContentDeletionFailed', `Failed to delete all resource types, ${f.deleteFailures.length} remaining: ${f.deleteFailures.join(', ')}`] : undefined,
    NamespaceContentRemaining: f.remaining.size ? ['SomeResourcesRemain', `Some resources are remaining: ${[...f.remaining].sort().map(([r, n]) => `${r} has ${n} resource instances`).join(', ')}`] : undefined,
    NamespaceFinalizersRemaining: f.finalizers.size ? ['SomeFinalizersRemain', `Some content in the namespace has finalizers remaining: ${[...f.finalizers].sort().map(([k, n]) => `${k} in ${n} resource instances`).join(', ')}`] : undefined,
  };
  return ALL_CLEAR.map(([type, okReason, okMessage]) => {
    const p = problem[type];
    const c: NamespaceCondition = p ? { type, status: 'True', reason: p[0], message: p[1] } : { type, status: 'False', reason: okReason, message: okMessage };
    const cur = current.find((x) => x.type === type);
    c.lastTransitionTime = cur && cur.status === c.status ? cur.lastTransitionTime : rfc3339(now);
    return c;
  });
}

const name = (r: DeletableResource) => (r.group ? `${r.resource}.${r.group}` : r.resource);

/** Deletes what the namespace holds; returns what is left (objects wait on finalizers or graceful deletion). */
export async function deleteAllContent(rest: RestClient, ns: string): Promise<Findings> {
  const f: Findings = { deleteFailures: [], remaining: new Map(), finalizers: new Map() };
  let resources: DeletableResource[];
  try {
    resources = await deletableNamespacedResources(rest);
  } catch (e) {
    f.discoveryFailure = (e as Error).message;
    return f;
  }
  for (const r of resources) {
    const client = resource<KubeObject>(rest, r, ns);
    try {
      if (r.collection) await client.deleteCollection();
      else for (const o of (await client.list()).items) await client.delete(o.metadata?.name ?? '').catch((e: unknown) => { if (!isNotFound(e)) throw e; });
      const left = (await client.list()).items;
      if (left.length) f.remaining.set(name(r), left.length);
      for (const o of left) for (const fin of o.metadata?.finalizers ?? []) f.finalizers.set(fin, (f.finalizers.get(fin) ?? 0) + 1);
    } catch (e) {
      // a resource that cannot be listed or deleted in a namespace (405, 404) holds nothing to wait for
      if (isStatusError(e) && (e.code === 404 || e.code === 405)) continue;
      f.deleteFailures.push(name(r));
    }
  }
  return f;
}

/**
 * One sync of a namespace being deleted. Returns ms until the next look while content is
 * left (upstream waits an estimate; we poll), or undefined when done or not terminating.
 */
export async function syncNamespace(rest: RestClient, cached: Namespace, now: () => Date = () => new Date()): Promise<number | undefined> {
  if (!cached.metadata?.deletionTimestamp) return undefined;
  const client = resource<Namespace & KubeObject>(rest, NAMESPACES);
  const nsName = cached.metadata.name ?? '';
  let ns = structuredClone(cached) as Namespace & KubeObject;
  if (!(ns.spec?.finalizers ?? []).includes(FINALIZER)) return undefined;
  const f = await deleteAllContent(rest, nsName);
  const status = { ...ns.status, phase: 'Terminating' as const, conditions: conditionsFor(ns.status?.conditions ?? [], f, now()) };
  if (JSON.stringify(status) !== JSON.stringify(ns.status)) {
    try {
      ns = await client.updateStatus({ ...ns, status });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      if (!isConflict(e)) throw e;
      ns = await client.get(nsName);
    }
  }
  if (f.discoveryFailure || f.deleteFailures.length || f.remaining.size) {
    if (f.deleteFailures.length) throw new Error(`namespace ${nsName}: failed to delete ${f.deleteFailures.join(', ')}`);
    return 1000;
  }
  const finalized = { ...ns, spec: { ...ns.spec, finalizers: (ns.spec?.finalizers ?? []).filter((x) => x !== FINALIZER) } };
  try {
    await client.rest.json({ method: 'PUT', path: client.path(nsName, 'finalize'), body: finalized });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  return undefined;
}
