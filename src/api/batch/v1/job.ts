// batch/v1 Job: pods that run to completion.
import { definer, packageOf, obj, req, str, int32, int64, bool, list, oneOf, time, type Static } from '../../schema.js';
import { kindSchema, LabelSelector, ObjectMeta } from '../../meta/v1/types.js';
import { PodTemplateSpec } from '../../apps/v1/pod-template.js';

const def = definer(packageOf('batch', 'v1'));

export const COMPLETION_MODES = ['NonIndexed', 'Indexed'] as const;
export const POD_FAILURE_POLICY_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'] as const;
export const ON_EXIT_CODES_OPERATORS = ['In', 'NotIn'] as const;
export const POD_REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'] as const;
export const JOB_CONDITION_TYPES = ['Suspended', 'Complete', 'Failed', 'FailureTarget', 'SuccessCriteriaMet'] as const;

export const PodFailurePolicyOnExitCodesRequirement = def('PodFailurePolicyOnExitCodesRequirement', obj({
  containerName: str('Only exit codes of this container count; all containers when unset.'),
  operator: req(oneOf(ON_EXIT_CODES_OPERATORS, 'In or NotIn the values.')),
  values: req(list(int32(), { listType: 'set', description: 'Exit codes, ordered and without duplicates.' })),
}, { description: 'Matches pods by the exit codes of their terminated containers.' }));
export type PodFailurePolicyOnExitCodesRequirement = Static<typeof PodFailurePolicyOnExitCodesRequirement>;

export const PodFailurePolicyOnPodConditionsPattern = def('PodFailurePolicyOnPodConditionsPattern', obj({
  type: req(str('The pod condition type, e.g. DisruptionTarget.')),
  status: req(str('True (the default), False or Unknown.')),
}, { description: 'Matches pods by one of their conditions.' }));
export type PodFailurePolicyOnPodConditionsPattern = Static<typeof PodFailurePolicyOnPodConditionsPattern>;

export const PodFailurePolicyRule = def('PodFailurePolicyRule', obj({
  action: req(oneOf(POD_FAILURE_POLICY_ACTIONS, 'What to do when the rule matches a failed pod.')),
  onExitCodes: PodFailurePolicyOnExitCodesRequirement,
  onPodConditions: list(PodFailurePolicyOnPodConditionsPattern, { listType: 'atomic' }),
}, { description: 'One rule of a pod failure policy: exactly one of onExitCodes and onPodConditions.' }));
export type PodFailurePolicyRule = Static<typeof PodFailurePolicyRule>;

export const PodFailurePolicy = def('PodFailurePolicy', obj({
  rules: req(list(PodFailurePolicyRule, { listType: 'atomic', description: 'Evaluated in order; the first match decides.' })),
}, { description: 'How failed pods are handled, beyond counting them against backoffLimit.' }));
export type PodFailurePolicy = Static<typeof PodFailurePolicy>;

export const SuccessPolicyRule = def('SuccessPolicyRule', obj({
  succeededIndexes: str('Indexes that must succeed, e.g. "1,3-5".'),
  succeededCount: int32('How many of the indexes must succeed.'),
}, { description: 'One way an Indexed Job can succeed early.' }));
export type SuccessPolicyRule = Static<typeof SuccessPolicyRule>;

export const SuccessPolicy = def('SuccessPolicy', obj({
  rules: req(list(SuccessPolicyRule, { listType: 'atomic' })),
}, { description: 'When an Indexed Job counts as succeeded before all indexes complete.' }));
export type SuccessPolicy = Static<typeof SuccessPolicy>;

export const JobSpec = def('JobSpec', obj({
  parallelism: int32('Pods that may run at the same time.'),
  completions: int32('Successful pods needed; unset means any one success completes the Job.'),
  activeDeadlineSeconds: int64('Seconds after start at which the Job is terminated.'),
  podFailurePolicy: PodFailurePolicy,
  successPolicy: SuccessPolicy,
  backoffLimit: int32('Retries before the Job fails; defaults to 6.'),
  backoffLimitPerIndex: int32('Retries per index of an Indexed Job.'),
  maxFailedIndexes: int32('Failed indexes after which the whole Job fails.'),
  selector: LabelSelector,
  manualSelector: bool('Set to true to give your own selector instead of the generated one.'),
  template: req(PodTemplateSpec),
  ttlSecondsAfterFinished: int32('Seconds after finishing at which the Job is deleted.'),
  completionMode: oneOf(COMPLETION_MODES, 'NonIndexed (the default) or Indexed.'),
  suspend: bool('While true, no pods are created and running ones are terminated.'),
  podReplacementPolicy: oneOf(POD_REPLACEMENT_POLICIES, 'When replacement pods are created: TerminatingOrFailed or Failed.'),
  managedBy: str('The controller that manages this Job; the built-in one when unset.'),
}, { description: 'The desired behavior of a Job.' }));
export type JobSpec = Static<typeof JobSpec>;

export const JobCondition = def('JobCondition', obj({
  type: req(str('Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.')),
  status: req(str('True, False or Unknown.')),
  lastProbeTime: time,
  lastTransitionTime: time,
  reason: str(),
  message: str(),
}, { description: 'One aspect of the state of a Job.' }));
export type JobCondition = Static<typeof JobCondition>;

export const UncountedTerminatedPods = def('UncountedTerminatedPods', obj({
  succeeded: list(str(), { listType: 'set', description: 'UIDs of succeeded pods not yet counted.' }),
  failed: list(str(), { listType: 'set', description: 'UIDs of failed pods not yet counted.' }),
}, { description: 'Finished pods the controller has not yet counted in the status.' }));
export type UncountedTerminatedPods = Static<typeof UncountedTerminatedPods>;

export const JobStatus = def('JobStatus', obj({
  conditions: list(JobCondition, { mergeKey: 'type', strategy: 'merge', listType: 'atomic' }),
  startTime: time,
  completionTime: time,
  active: int32('Pending or running pods.'),
  succeeded: int32('Pods that succeeded.'),
  failed: int32('Pods that failed.'),
  terminating: int32('Pods being terminated.'),
  completedIndexes: str('Completed indexes of an Indexed Job, e.g. "1,3-5,7".'),
  failedIndexes: str('Failed indexes when backoffLimitPerIndex is set.'),
  uncountedTerminatedPods: UncountedTerminatedPods,
  ready: int32('Pods with the Ready condition.'),
}, { description: 'The observed state of a Job.' }));
export type JobStatus = Static<typeof JobStatus>;

export const Job = kindSchema('batch', 'v1', 'Job', { spec: JobSpec, status: JobStatus },
  'Job runs pods until a number of them complete successfully.');
export type Job = Static<typeof Job>;

export const JobTemplateSpec = def('JobTemplateSpec', obj({
  metadata: ObjectMeta,
  spec: JobSpec,
}, { description: 'The Jobs a CronJob creates.' }));
export type JobTemplateSpec = Static<typeof JobTemplateSpec>;
