// batch/v1 defaulting (SetObjectDefaults_Job / _CronJob of k8s.io/kubernetes/pkg/apis/batch/v1):
// the kind's own defaults, then the pod template's. A CronJob's jobTemplate gets only the pod
// template defaults, not the Job ones.
import type { Job } from './job.js';
import type { CronJob } from './cron-job.js';
import { defaultPodTemplateSpec, type PodTemplateSpec } from '../../apps/v1/pod-template.js';

const MAX_INT32 = 2147483647;

export function defaultJob(job: Job): void {
  const spec = (job.spec ??= {} as NonNullable<Job['spec']>);
  // a non-parallel Job may leave both unset: both become 1
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  if (spec.backoffLimit === undefined) spec.backoffLimit = spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  const tpl = (spec.template ??= {}) as PodTemplateSpec;
  const labels = tpl.metadata?.labels;
  if (labels && Object.keys(job.metadata?.labels ?? {}).length === 0) {
    (job.metadata ??= {}).labels = { ...labels };
  }
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) pattern.status ||= 'True';
  }
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultPodTemplateSpec(tpl);
}

export function defaultCronJob(cj: CronJob): void {
  const spec = (cj.spec ??= {} as NonNullable<CronJob['spec']>);
  spec.concurrencyPolicy ||= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const jobSpec = ((spec.jobTemplate ??= {}).spec ??= {} as NonNullable<NonNullable<CronJob['spec']>['jobTemplate']['spec']>);
  defaultPodTemplateSpec((jobSpec.template ??= {}) as PodTemplateSpec);
}
