// Revisions: each template a Deployment has run gets a number, kept on its ReplicaSet
// (deployment.kubernetes.io/revision) and mirrored on the Deployment. When an old ReplicaSet
// becomes the new one again (a rollback, or a template changed back), it takes the next
// number and remembers its earlier ones in deployment.kubernetes.io/revision-history, which
// is what `kubectl rollout history` lists. The Deployment's other annotations are copied to
// its new ReplicaSet, except the ones below.
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { DESIRED_REPLICAS, MAX_REPLICAS, maxSurge, replicasOf, setReplicasAnnotations } from './replicas.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** The extensions/v1beta1 rollback request annotation; never copied. */
export const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** maxRevHistoryLengthInChars */
export const MAX_REVISION_HISTORY_CHARS = 2000;

const SKIPPED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, DEPRECATED_ROLLBACK_TO]);

/** The revision of a ReplicaSet (or Deployment); 0 when absent or not a number. */
export function revisionOf(o: ReplicaSet | Deployment): number {
  const v = o.metadata?.annotations?.[REVISION];
  return v !== undefined && /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

/** MaxRevision */
export const maxRevision = (list: readonly ReplicaSet[]): number => list.reduce((m, r) => Math.max(m, revisionOf(r)), 0);

/** ReplicaSetsByRevision: lower revision first, then older first. */
export function byRevision(a: ReplicaSet, b: ReplicaSet, byCreation: (a: ReplicaSet, b: ReplicaSet) => number): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

/** copyDeploymentAnnotationsToReplicaSet; true when the ReplicaSet's annotations changed. */
function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  rs.metadata ??= {};
  const target = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIPPED.has(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations on a copy the caller owns: copy the Deployment's annotations,
 * raise the revision to `newRevision` if it is lower (appending the old one to the history,
 * within 2000 characters), and on a ReplicaSet about to be created the replicas annotations.
 * Returns true when anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean, historyLimit = MAX_REVISION_HISTORY_CHARS): boolean {
  let changed = copyAnnotations(d, rs);
  const a = rs.metadata!.annotations!;
  const old = a[REVISION];
  let oldRevision = 0;
  if (old !== undefined && old !== '') {
    if (!/^[+-]?[0-9]+$/.test(old)) return false;
    oldRevision = Number(old);
  }
  if (oldRevision < newRevision) {
    a[REVISION] = String(newRevision);
    changed = true;
    if (old !== undefined) {
      const history = a[REVISION_HISTORY] ?? '';
      if (history === '') a[REVISION_HISTORY] = old;
      else {
        const parts = history.split(',');
        let total = history.length + old.length + 1;
        let start = 0;
        while (total > historyLimit && start < parts.length) total -= parts[start++].length + 1;
        if (total <= historyLimit) a[REVISION_HISTORY] = [...parts.slice(start), old].join(',');
      }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision on a copy the caller owns; true when it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  d.metadata ??= {};
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION] === revision) return false;
  a[REVISION] = revision;
  return true;
}
