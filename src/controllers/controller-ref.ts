// Controller references (upstream's ControllerRefManager): which object controls which.
// A controller claims the objects its selector matches: it adopts orphans by adding an
// ownerReference with controller=true, and releases objects it owns that no longer match.
// The decision is pure; the controller performs it with the patches below.
import type { ObjectMeta, OwnerReference } from '../api/meta/v1/types.js';

interface HasMeta { metadata?: ObjectMeta }

/** GetControllerOf: the ownerReference with controller=true, if any. */
export function controllerOf(obj: HasMeta): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** NewControllerRef: the reference an owned object carries to its controller. */
export function newControllerRef(owner: HasMeta, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '',
    blockOwnerDeletion: true, controller: true,
  };
}

/**
 * What to do with one candidate:
 * - `owned`: ours and matching, keep it;
 * - `adopt`: an orphan that matches, take it (after a fresh check that the owner still lives);
 * - `release`: ours but no longer matching, let it go;
 * - `ignore`: someone else's, or not ours to touch now.
 */
export type ClaimDecision = 'owned' | 'adopt' | 'release' | 'ignore';

/** ClaimObject's decision for `obj` under `owner` given whether the selector (and filters) match. */
export function claimDecision(owner: HasMeta, obj: HasMeta, matches: boolean): ClaimDecision {
  const ref = controllerOf(obj);
  if (ref) {
    if (ref.uid !== owner.metadata?.uid) return 'ignore';
    if (matches) return 'owned';
    // An owner being deleted keeps what it has; the garbage collector takes them together.
    if (owner.metadata?.deletionTimestamp) return 'ignore';
    return 'release';
  }
  if (owner.metadata?.deletionTimestamp || !matches) return 'ignore';
  if (obj.metadata?.deletionTimestamp) return 'ignore';
  if (owner.metadata?.namespace && owner.metadata.namespace !== obj.metadata?.namespace) return 'ignore';
  return 'adopt';
}

/** The strategic merge patch that adopts `obj` (it names the object's uid so a recreated namesake is not touched). */
export function adoptPatch(ref: OwnerReference, obj: HasMeta): Record<string, unknown> {
  return { metadata: { ownerReferences: [ref], uid: obj.metadata?.uid } };
}

/** The strategic merge patch that removes the owner's reference from `obj`. */
export function releasePatch(ownerUid: string, obj: HasMeta): Record<string, unknown> {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: obj.metadata?.uid } };
}
