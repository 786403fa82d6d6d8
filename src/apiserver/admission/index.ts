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

/** The plugins kubets has, in the order they run; all are on unless --disable-admission-plugins names them. */
export const ADMISSION_PLUGINS = [
  'NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'NodeRestriction', 'TaintNodesByCondition', 'PodSecurity',
  'Priority', 'DefaultTolerationSeconds', 'DefaultStorageClass', 'ResourceQuota',
] as const;

/** Upstream's other plugin names: --disable-admission-plugins accepts them (there is nothing to disable). */
const UPSTREAM_ONLY = new Set([
  'AlwaysAdmit', 'AlwaysDeny', 'AlwaysPullImages', 'CertificateApproval', 'CertificateSigning', 'CertificateSubjectRestriction',
  'ClusterTrustBundleAttest', 'DefaultIngressClass', 'DenyServiceExternalIPs', 'EventRateLimit', 'ExtendedResourceToleration',
  'ImagePolicyWebhook', 'LimitPodHardAntiAffinityTopology', 'MutatingAdmissionPolicy', 'MutatingAdmissionWebhook',
  'NamespaceAutoProvision', 'NamespaceExists', 'OwnerReferencesPermissionEnforcement', 'PersistentVolumeClaimResize',
  'PersistentVolumeLabel', 'PodNodeSelector', 'PodTolerationRestriction', 'PodTopologyLabels', 'RuntimeClass',
  'StorageObjectInUseProtection', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionWebhook',
]);

/**
 * The plugins --enable-admission-plugins / --disable-admission-plugins leave on, in run order:
 * the default set plus the enabled ones, minus the disabled ones. Throws for a name kubets does
 * not know (or, when enabled, does not have) and for a name in both lists, as upstream does.
 */
export function selectAdmissionPlugins(enable: readonly string[] = [], disable: readonly string[] = []): string[] {
  const known = new Set<string>(ADMISSION_PLUGINS);
  for (const [flag, names] of [['enable-admission-plugins', enable], ['disable-admission-plugins', disable]] as const) {
    for (const n of names) {
      if (known.has(n) || (flag === 'disable-admission-plugins' && UPSTREAM_ONLY.has(n))) continue;
      throw new Error(UPSTREAM_ONLY.has(n) ? `${flag} plugin "${n}" is not implemented by kubets` : `${flag} plugin "${n}" is unknown`);
    }
  }
  const both = enable.filter((n) => disable.includes(n));
  if (both.length) throw new Error(`${both.join(', ')} in enable-admission-plugins and disable-admission-plugins overlapped`);
  return ADMISSION_PLUGINS.filter((n) => !disable.includes(n));
}

export interface AdmissionOptions {
  /** the plugins to run (selectAdmissionPlugins); default all of them */
  enabled?: readonly string[];
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
  const on = new Set(opts.enabled ?? ADMISSION_PLUGINS);
  return plugins.filter((p) => on.has(p.name));
}
