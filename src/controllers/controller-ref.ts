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

export interface ClaimOps<T> {
  /** the owner as the API server has it now; adoption is refused if it is gone or being deleted */
  freshOwner(): Promise<HasMeta>;
  /** a strategic merge patch; resolves to the object as written */
  patch(obj: T, patch: Record<string, unknown>): Promise<T>;
}

function reason(e: unknown): string | undefined {
  return (e as { reason?: string } | undefined)?.reason;
}

/**
 * ClaimObjects: the candidates `owner` controls once matching orphans are adopted and owned
 * non-matching ones released. The fresh read before the first adoption happens at most once.
 * A candidate that is gone meanwhile is skipped; other failures are thrown after the pass.
 */
export async function claim<T extends HasMeta>(owner: HasMeta, ref: OwnerReference, candidates: readonly T[], matches: (o: T) => boolean, ops: ClaimOps<T>, describe: string): Promise<T[]> {
  const claimed: T[] = [];
  const errors: unknown[] = [];
  let adoptable: Promise<void> | undefined;
  const canAdopt = () => (adoptable ??= ops.freshOwner().then((fresh) => {
    if (fresh.metadata?.uid !== owner.metadata?.uid) {
      throw new Error(`original ${describe} is gone: got uid ${fresh.metadata?.uid}, wanted ${owner.metadata?.uid}`);
    }
    if (fresh.metadata?.deletionTimestamp) throw new Error(`${describe} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
  }));
  for (const obj of candidates) {
    const decision = claimDecision(owner, obj, matches(obj));
    if (decision === 'owned') claimed.push(obj);
    else if (decision === 'adopt') {
      try {
        await canAdopt();
        // the adopted object as written, so later writes of this sync carry its resourceVersion
        claimed.push(await ops.patch(obj, adoptPatch(ref, obj)));
      } catch (e) {
        if (reason(e) !== 'NotFound') errors.push(e);
      }
    } else if (decision === 'release') {
      try {
        await ops.patch(obj, releasePatch(owner.metadata?.uid ?? '', obj));
      } catch (e) {
        // gone, or Invalid: the uid precondition shows it was replaced
        if (reason(e) !== 'NotFound' && reason(e) !== 'Invalid') errors.push(e);
      }
    }
  }
  if (errors.length) throw errors[0];
  return claimed;
}
