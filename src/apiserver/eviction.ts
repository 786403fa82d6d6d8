// The disruption budget check of pods/eviction (upstream's EvictionREST): a pod covered by a
// PodDisruptionBudget is evicted only while the budget allows a disruption; the eviction takes
// one (status.disruptionsAllowed - 1, the pod recorded in status.disruptedPods) before the pod
// gets its DisruptionTarget condition and is deleted. Pods that are not running (Pending,
// Succeeded, Failed) or already being deleted are evicted without asking a budget.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { PodDisruptionBudget } from '../api/policy/v1/pod-disruption-budget.js';
import { ForbiddenError, InternalError, StatusError } from '../machinery/errors.js';
import { selectorFromLabelSelector } from '../machinery/labels.js';
import { rfc3339 } from '../machinery/object-meta.js';
import type { RestContext } from './rest-context.js';
import { updateObject } from './write-path.js';

/** upstream's bound on status.disruptedPods: evictions the disruption controller has not confirmed yet */
const MAX_DISRUPTED_PODS = 2000;
const PDB = { group: 'policy', resource: 'poddisruptionbudget' };
const VIOLATION = 'Cannot evict pod as it would violate the pod\'s disruption budget.';

function ignoresBudgets(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return !!pod.metadata?.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending';
}

function violation(message: string): StatusError {
  return new StatusError(429, 'TooManyRequests', VIOLATION, { causes: [{ reason: 'DisruptionBudget', message }] });
}

/** Takes one disruption from the pod's budget, or throws upstream's 429/403/500 when it may not be evicted. */
export async function takeDisruption(ctx: RestContext, pod: KubeObject, dryRun: boolean): Promise<void> {
  if (ignoresBudgets(pod)) return;
  const info = ctx.scheme.byResource('policy', 'v1', 'poddisruptionbudgets');
  if (!info) return;
  const labels = pod.metadata?.labels ?? {};
  const budgets = ctx.registry.cache.list(ctx.registry.keys.prefix(info, ctx.namespace)).items
    .map((i) => i.obj as PodDisruptionBudget)
    .filter((b) => b.spec?.selector && selectorFromLabelSelector(b.spec.selector).matches(labels));
  if (!budgets.length) return;
  if (budgets.length > 1) throw new InternalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const name = budgets[0].metadata?.name ?? '';
  const podName = pod.metadata?.name ?? '';
  await updateObject({ info, registry: ctx.registry, manager: 'kube-apiserver', subresource: 'status', dryRun }, ctx.namespace, name, {
    incoming(current) {
      const pdb = structuredClone(current) as PodDisruptionBudget;
      const status = (pdb.status ??= { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
      if ((status.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) {
        throw violation(`The disruption budget ${name} is still being processed by the server.`);
      }
      if (status.disruptionsAllowed < 0) throw new ForbiddenError(PDB, name, 'pdb disruptions allowed is negative');
      if (Object.keys(status.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) {
        throw new ForbiddenError(PDB, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
      }
      if (status.disruptionsAllowed === 0) {
        throw violation(`The disruption budget ${name} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`);
      }
      status.disruptionsAllowed--;
      status.disruptedPods = { ...(status.disruptedPods ?? {}), [podName]: rfc3339(new Date()) };
      return pdb as KubeObject;
    },
  });
}

/** The pod with upstream's DisruptionTarget condition, set before an eviction deletes it. */
export async function markDisruptionTarget(ctx: RestContext, pod: KubeObject, dryRun: boolean): Promise<void> {
  if (pod.metadata?.deletionTimestamp) return;
  await updateObject({ info: ctx.info, registry: ctx.registry, manager: 'kube-apiserver', subresource: 'status', dryRun }, ctx.namespace, pod.metadata?.name ?? '', {
    incoming(current) {
      const next = structuredClone(current);
      const status = (next.status ??= {}) as { conditions?: { type: string }[] };
      const condition = { type: 'DisruptionTarget', status: 'True', lastTransitionTime: rfc3339(new Date()), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
      status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), condition];
      return next;
    },
  });
}
