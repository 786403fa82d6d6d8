// The admission plugins kubets runs, in upstream's order (kube-apiserver's AllOrderedPlugins
// restricted to the ones enabled): mutating admit() calls run in this order, then the
// validate() calls in the same order.
import type { AdmissionPlugin } from '../chain.js';
import { defaultStorageClass } from './default-storage-class.js';
import { defaultTolerationSeconds } from './default-toleration-seconds.js';
import { limitRanger } from './limit-ranger.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import { nodeRestriction } from './node-restriction.js';
import { podSecurity } from './pod-security.js';
import { priority } from './priority.js';
import { resourceQuota } from './resource-quota.js';
import { serviceAccount } from './service-account.js';
import { taintNodesByCondition } from './taint-nodes-by-condition.js';
import type { AdmissionDeps } from './util.js';

export type { AdmissionDeps } from './util.js';
export { ensureSystemPriorityClasses } from './priority.js';
export { measureUsage } from './resource-quota.js';

export interface AdmissionOptions {
  /** plugin names to leave out, e.g. ['PodSecurity'] */
  disable?: string[];
  /**
   * Let ServiceAccount create a namespace's missing "default" ServiceAccount when a pod needs it,
   * standing in for the service account controller kubets does not have yet (default true).
   */
  createDefaultServiceAccount?: boolean;
}

export function createAdmissionPlugins(deps: AdmissionDeps, opts: AdmissionOptions = {}): AdmissionPlugin[] {
  const plugins: AdmissionPlugin[] = [
    namespaceLifecycle(deps),
    limitRanger(deps),
    serviceAccount(deps, { createDefault: opts.createDefaultServiceAccount ?? true }),
    nodeRestriction(deps),
    taintNodesByCondition(),
    podSecurity(deps),
    priority(deps),
    defaultTolerationSeconds(),
    defaultStorageClass(deps),
    resourceQuota(deps),
  ];
  const off = new Set(opts.disable ?? []);
  return plugins.filter((p) => !off.has(p.name));
}
