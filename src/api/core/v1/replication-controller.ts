// core/v1 ReplicationController: types, defaults, validation and printer.
import { definer, packageOf, obj, req, str, int32, int64, list, map, oneOf, time, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import type { Printer } from '../../scheme.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import { age } from '../../printing.js';
import { type FieldError, type Path, forbidden, invalid, notSupported, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { PodTemplateSpec } from './pod.js';
import { defaultPodTemplateSpec } from './pod-defaults.js';
import { validatePodTemplateSpec } from './pod-validation.js';
import { containerCells, formatLabels } from '../../printing.js';

const def = definer(packageOf('', 'v1'));

export const ReplicationControllerSpec = def('ReplicationControllerSpec', obj({
  replicas: int32('Desired number of pods; defaults to 1.'),
  minReadySeconds: int32('Seconds a new pod must be ready, without crashing, to count as available.'),
  selector: { ...map(str(), 'Label query over pods that should match replicas; defaults to the template\'s labels.'), 'x-kubernetes-map-type': 'atomic' },
  template: PodTemplateSpec,
}, { description: 'ReplicationControllerSpec is the desired state of a replication controller.' }));
export type ReplicationControllerSpec = Static<typeof ReplicationControllerSpec>;

export const ReplicationControllerCondition = def('ReplicationControllerCondition', obj({
  type: req(str('Type of condition, e.g. ReplicaFailure.')),
  status: req(oneOf(['True', 'False', 'Unknown'] as const)),
  lastTransitionTime: time,
  reason: str(),
  message: str(),
}, { description: 'ReplicationControllerCondition is one aspect of a replication controller\'s state.' }));
export type ReplicationControllerCondition = Static<typeof ReplicationControllerCondition>;

export const ReplicationControllerStatus = def('ReplicationControllerStatus', obj({
  replicas: req(int32('Most recently observed number of replicas.')),
  fullyLabeledReplicas: int32('Pods whose labels match the template\'s labels.'),
  readyReplicas: int32('Ready pods.'),
  availableReplicas: int32('Pods ready for at least minReadySeconds.'),
  observedGeneration: int64('The generation the status was computed for.'),
  conditions: list(ReplicationControllerCondition, { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] }),
}, { description: 'ReplicationControllerStatus is the observed state of a replication controller.' }));
export type ReplicationControllerStatus = Static<typeof ReplicationControllerStatus>;

export const ReplicationController = kindSchema('', 'v1', 'ReplicationController',
  { spec: ReplicationControllerSpec, status: ReplicationControllerStatus },
  'ReplicationController keeps a number of copies of a pod running.');
export type ReplicationController = Static<typeof ReplicationController>;

/** SetObjectDefaults_ReplicationController */
export function defaultReplicationController(rc: ReplicationController): void {
  rc.spec ??= {};
  const spec = rc.spec;
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    rc.metadata ??= {};
    if (!rc.metadata.labels || Object.keys(rc.metadata.labels).length === 0) rc.metadata.labels = { ...labels };
  }
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.template) defaultPodTemplateSpec(spec.template);
}

/** PrepareForCreate: status starts empty ({replicas: 0}), generation 1. */
export function prepareReplicationControllerForCreate(rc: ReplicationController): void {
  rc.status = { replicas: 0 };
  rc.metadata ??= {};
  rc.metadata.generation = 1;
}

const META = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const NON_NEGATIVE = 'must be greater than or equal to 0';
const nonNegative = (v: number | undefined, p: Path): FieldError[] => ((v ?? 0) < 0 ? [invalid(p, v, NON_NEGATIVE)] : []);

function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function validateSpec(spec: ReplicationControllerSpec, path: Path): FieldError[] {
  const errs = nonNegative(spec.minReadySeconds, path.child('minReadySeconds'));
  const selector = spec.selector ?? {};
  if (Object.keys(selector).length === 0) errs.push(required(path.child('selector')));
  errs.push(...nonNegative(spec.replicas, path.child('replicas')));
  const tp = path.child('template');
  const tpl = spec.template;
  if (!tpl) {
    errs.push(required(tp));
    return errs;
  }
  if (Object.keys(selector).length && !selectorMatches(selector, tpl.metadata?.labels)) {
    errs.push(invalid(tp.child('metadata', 'labels'), tpl.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(tpl, tp));
  if (tpl.spec?.restartPolicy !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), tpl.spec?.restartPolicy ?? '', ['Always']));
  if (tpl.spec?.activeDeadlineSeconds !== undefined && tpl.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

export function validateReplicationController(rc: ReplicationController): FieldError[] {
  return [...validateObjectMeta(rc.metadata, META), ...validateSpec(rc.spec ?? {}, root('spec'))];
}

export function validateReplicationControllerUpdate(rc: ReplicationController, old: ReplicationController): FieldError[] {
  return [...validateObjectMetaUpdate(rc.metadata, old.metadata, META), ...validateSpec(rc.spec ?? {}, root('spec'))];
}

/** ValidateReplicationControllerStatusUpdate */
export function validateReplicationControllerStatusUpdate(rc: ReplicationController, old: ReplicationController): FieldError[] {
  const errs = validateObjectMetaUpdate(rc.metadata, old.metadata, META);
  const s = rc.status ?? { replicas: 0 };
  const p = root('status');
  errs.push(...nonNegative(s.replicas, p.child('replicas')));
  errs.push(...nonNegative(s.fullyLabeledReplicas, p.child('fullyLabeledReplicas')));
  errs.push(...nonNegative(s.readyReplicas, p.child('readyReplicas')));
  errs.push(...nonNegative(s.availableReplicas, p.child('availableReplicas')));
  errs.push(...nonNegative(s.observedGeneration, p.child('observedGeneration')));
  const msg = 'cannot be greater than status.replicas';
  if ((s.fullyLabeledReplicas ?? 0) > s.replicas) errs.push(invalid(p.child('fullyLabeledReplicas'), s.fullyLabeledReplicas, msg));
  if ((s.readyReplicas ?? 0) > s.replicas) errs.push(invalid(p.child('readyReplicas'), s.readyReplicas, msg));
  if ((s.availableReplicas ?? 0) > s.replicas) errs.push(invalid(p.child('availableReplicas'), s.availableReplicas, msg));
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) errs.push(invalid(p.child('availableReplicas'), s.availableReplicas, 'cannot be greater than readyReplicas'));
  return errs;
}

export const replicationControllerPrinter: Printer<ReplicationController> = {
  columns: [
    nameColumn,
    col('Desired', 'Number of desired pods.', 'integer'),
    col('Current', 'Number of pods observed.', 'integer'),
    col('Ready', 'Number of ready pods.', 'integer'),
    ageColumn,
    col('Containers', 'Names of each container in the template.', 'string', 1),
    col('Images', 'Images referenced by each container in the template.', 'string', 1),
    col('Selector', 'Label query over pods that should match the replicas count.', 'string', 1),
  ],
  row(rc, now) {
    const [names, images] = containerCells(rc.spec?.template?.spec?.containers);
    return [
      rc.metadata?.name ?? '',
      rc.spec?.replicas ?? 0,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      age(rc.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabels(rc.spec?.selector),
    ];
  },
};
