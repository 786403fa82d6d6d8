// The ownerReferences graph (upstream's uidToNode): every object the collector's informers
// hold, by uid, with the uids of the objects naming it as an owner. An owner that is not (or
// no longer) in the cache may still have dependents pointing at it; those are what the
// collector looks at with a live read.
import type { KubeObject, OwnerReference } from '../../api/meta/v1/types.js';
import type { GcResource } from './discovery.js';

export interface GraphNode {
  uid: string;
  resource: GcResource;
  namespace?: string;
  name: string;
  owners: OwnerReference[];
  deleting: boolean;
  finalizers: string[];
}

export const ORPHAN = 'orphan';
export const FOREGROUND = 'foregroundDeletion';

export class Graph {
  readonly #nodes = new Map<string, GraphNode>();
  readonly #dependents = new Map<string, Set<string>>();

  get(uid: string): GraphNode | undefined {
    return this.#nodes.get(uid);
  }

  uids(): string[] {
    return [...this.#nodes.keys()];
  }

  /** The uids of the objects naming `uid` as an owner. */
  dependents(uid: string): string[] {
    return [...(this.#dependents.get(uid) ?? [])];
  }

  /** The dependents that hold back a foreground deletion of `uid` (blockOwnerDeletion). */
  blockingDependents(uid: string): GraphNode[] {
    return this.dependents(uid).map((d) => this.#nodes.get(d)).filter((n): n is GraphNode =>
      !!n && n.owners.some((o) => o.uid === uid && o.blockOwnerDeletion === true));
  }

  /** Adds or refreshes an object; returns the previous node. */
  upsert(obj: KubeObject, resource: GcResource): { node: GraphNode; old?: GraphNode } | undefined {
    const m = obj.metadata;
    if (!m?.uid || !m.name) return undefined;
    const old = this.#nodes.get(m.uid);
    const node: GraphNode = {
      uid: m.uid, resource, namespace: m.namespace || undefined, name: m.name,
      owners: m.ownerReferences ?? [], deleting: !!m.deletionTimestamp, finalizers: m.finalizers ?? [],
    };
    if (old) for (const o of old.owners) this.#unlink(o.uid, m.uid);
    for (const o of node.owners) {
      let s = this.#dependents.get(o.uid);
      if (!s) this.#dependents.set(o.uid, (s = new Set()));
      s.add(m.uid);
    }
    this.#nodes.set(m.uid, node);
    return { node, old };
  }

  /** Forgets an object; returns the node it was. */
  remove(uid: string): GraphNode | undefined {
    const node = this.#nodes.get(uid);
    if (!node) return undefined;
    for (const o of node.owners) this.#unlink(o.uid, uid);
    this.#nodes.delete(uid);
    return node;
  }

  #unlink(owner: string, dependent: string): void {
    const s = this.#dependents.get(owner);
    s?.delete(dependent);
    if (s?.size === 0) this.#dependents.delete(owner);
  }
}

/** True when the object is being deleted and waits for the collector (orphan or foreground). */
export function waitsFor(node: GraphNode, finalizer: string): boolean {
  return node.deleting && node.finalizers.includes(finalizer);
}
