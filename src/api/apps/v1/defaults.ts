// apps/v1 defaulting (SetObjectDefaults_* of k8s.io/kubernetes/pkg/apis/apps/v1): the kind's own
// defaults, then the pod template's and, for StatefulSets, the claim templates'.
import type { Deployment } from './deployment.js';
import type { ReplicaSet } from './replica-set.js';
import type { DaemonSet } from './daemon-set.js';
import type { StatefulSet } from './stateful-set.js';
import { defaultPodTemplateSpec, defaultPersistentVolumeClaim, type PodTemplateSpec } from './pod-template.js';

function defaultTemplate(spec: { template?: unknown }): void {
  const tpl = (spec.template ??= {}) as PodTemplateSpec;
  defaultPodTemplateSpec(tpl);
}

export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as NonNullable<Deployment['spec']>);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec);
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = (rs.spec ??= {} as NonNullable<ReplicaSet['spec']>);
  spec.replicas ??= 1;
  defaultTemplate(spec);
}

export function defaultDaemonSet(ds: DaemonSet): void {
  const spec = (ds.spec ??= {} as NonNullable<DaemonSet['spec']>);
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec);
}

export function defaultStatefulSet(ss: StatefulSet): void {
  const spec = (ss.spec ??= {} as NonNullable<StatefulSet['spec']>);
  spec.podManagementPolicy ||= 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    // an unset type gets an empty rollingUpdate, which the partition default below fills
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) {
    strategy.rollingUpdate.partition ??= 0;
    // maxUnavailable is defaulted only behind the alpha MaxUnavailableStatefulSet gate (off in 1.33)
  }
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  retention.whenDeleted ||= 'Retain';
  retention.whenScaled ||= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultTemplate(spec);
  for (const claim of spec.volumeClaimTemplates ?? []) {
    // apps/v1 writes the claim templates with their type, as a real cluster returns them
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    defaultPersistentVolumeClaim(claim);
  }
}
