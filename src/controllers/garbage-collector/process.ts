// What the collector does with one object (upstream's attemptToDeleteItem, orphanDependents
// and the foreground path of processDeletingDependentsItem):
// - being deleted with the `orphan` finalizer: drop the references to it from its dependents,
//   then drop the finalizer;
// - being deleted with `foregroundDeletion`: delete its dependents, and drop the finalizer once
//   none with blockOwnerDeletion is left;
// - otherwise, with owners: each owner is read live (a missing object or one of another uid is
//   absent). With an owner still there only the absent ones (and those being deleted in the
//   foreground) leave ownerReferences; with none left the object itself is deleted, the way its
//   own finalizers ask (orphan, foreground, or background).
import type { KubeObject, OwnerReference } from '../../api/meta/v1/types.js';
import type { RestClient } from '../../client/rest.js';
import { resource, type ResourceClient } from '../../client/resource.js';
import { isNotFound } from '../../machinery/errors.js';
import type { GcResource } from './discovery.js';
import { FOREGROUND, ORPHAN, waitsFor, type Graph, type GraphNode } from './graph.js';

export interface ProcessDeps {
  rest: RestClient;
  graph: Graph;
  /** the resource an ownerReference's apiVersion/kind names; undefined when not served */
  resolve(apiVersion: string, kind: string): GcResource | undefined;
  /** look at these uids (again) */
  enqueue(uid: string): void;
}

function clientOf(deps: ProcessDeps, r: GcResource, namespace?: string): ResourceClient {
  return resource(deps.rest, r, r.namespaced ? namespace : undefined);
}

/** The object as stored now, if it still has this uid. */
async function live(deps: ProcessDeps, r: GcResource, namespace: string | undefined, name: string, uid: string): Promise<KubeObject | undefined> {
  try {
    const o = await clientOf(deps, r, namespace).get(name);
    return o.metadata?.uid === uid ? o : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** A JSON merge patch of metadata, guarded by uid and resourceVersion (a conflict retries). */
async function patchMeta(deps: ProcessDeps, node: GraphNode, obj: KubeObject, meta: Record<string, unknown>): Promise<void> {
  await clientOf(deps, node.resource, node.namespace).patch(node.name, 'merge', {
    metadata: { ...meta, uid: obj.metadata?.uid, resourceVersion: obj.metadata?.resourceVersion },
  });
}

async function removeFinalizer(deps: ProcessDeps, node: GraphNode, finalizer: string): Promise<void> {
  const obj = await live(deps, node.resource, node.namespace, node.name, node.uid);
  if (!obj?.metadata?.finalizers?.includes(finalizer)) return;
  await patchMeta(deps, node, obj, { finalizers: obj.metadata.finalizers.filter((f) => f !== finalizer) });
}

/** Drops the references to the given owner uids from a dependent (live object, guarded). */
async function removeOwners(deps: ProcessDeps, node: GraphNode, owners: Set<string>): Promise<void> {
  const obj = await live(deps, node.resource, node.namespace, node.name, node.uid);
  const refs = obj?.metadata?.ownerReferences;
  if (!obj || !refs?.some((o) => owners.has(o.uid))) return;
  const kept = refs.filter((o) => !owners.has(o.uid));
  await patchMeta(deps, node, obj, { ownerReferences: kept.length ? kept : null });
}

async function orphanDependents(deps: ProcessDeps, owner: GraphNode): Promise<void> {
  const uids = new Set([owner.uid]);
  for (const d of deps.graph.dependents(owner.uid)) {
    const node = deps.graph.get(d);
    if (node) await removeOwners(deps, node, uids);
  }
  await removeFinalizer(deps, owner, ORPHAN);
}

async function deleteDependentsFirst(deps: ProcessDeps, owner: GraphNode): Promise<void> {
  if (deps.graph.blockingDependents(owner.uid).length === 0) {
    await removeFinalizer(deps, owner, FOREGROUND);
    return;
  }
  for (const d of deps.graph.dependents(owner.uid)) deps.enqueue(d);
}

type OwnerState = 'solid' | 'dangling' | 'waiting';

async function ownerState(deps: ProcessDeps, dependent: GraphNode, ref: OwnerReference): Promise<OwnerState> {
  const r = deps.resolve(ref.apiVersion, ref.kind);
  if (!r) throw new Error(`unable to get REST mapping for ${ref.apiVersion}/${ref.kind}`);
  const owner = await live(deps, r, dependent.namespace, ref.name, ref.uid);
  if (!owner) return 'dangling';
  if (owner.metadata?.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND)) return 'waiting';
  return 'solid';
}

async function attemptToDelete(deps: ProcessDeps, node: GraphNode): Promise<void> {
  const states = new Map<OwnerState, OwnerReference[]>([['solid', []], ['dangling', []], ['waiting', []]]);
  for (const ref of node.owners) states.get(await ownerState(deps, node, ref))?.push(ref);
  const [solid, dangling, waiting] = [states.get('solid') ?? [], states.get('dangling') ?? [], states.get('waiting') ?? []];
  if (solid.length) {
    if (dangling.length || waiting.length) await removeOwners(deps, node, new Set([...dangling, ...waiting].map((o) => o.uid)));
    return;
  }
  const client = clientOf(deps, node.resource, node.namespace);
  if (waiting.length && deps.graph.dependents(node.uid).length) {
    // its own dependents come first; so that its owners are not held by it meanwhile, its
    // references to them stop blocking
    const obj = await live(deps, node.resource, node.namespace, node.name, node.uid);
    if (!obj) return;
    const waitingUids = new Set(waiting.map((o) => o.uid));
    const refs = (obj.metadata?.ownerReferences ?? []).map((o) => waitingUids.has(o.uid) && o.blockOwnerDeletion ? { ...o, blockOwnerDeletion: false } : o);
    await patchMeta(deps, node, obj, { ownerReferences: refs });
    await client.delete(node.name, { propagationPolicy: 'Foreground', preconditions: { uid: node.uid } }).catch(ignoreNotFound);
    return;
  }
  const policy = node.finalizers.includes(ORPHAN) ? 'Orphan' : node.finalizers.includes(FOREGROUND) ? 'Foreground' : 'Background';
  await client.delete(node.name, { propagationPolicy: policy, preconditions: { uid: node.uid } }).catch(ignoreNotFound);
}

function ignoreNotFound(e: unknown): void {
  if (!isNotFound(e)) throw e;
}

/** One pass over the object with this uid, as the graph holds it. */
export async function processNode(deps: ProcessDeps, uid: string): Promise<void> {
  const node = deps.graph.get(uid);
  if (!node) return;
  if (waitsFor(node, ORPHAN)) return orphanDependents(deps, node);
  if (waitsFor(node, FOREGROUND)) return deleteDependentsFirst(deps, node);
  if (node.deleting || node.owners.length === 0) return;
  await attemptToDelete(deps, node);
}
