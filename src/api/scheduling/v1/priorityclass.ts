// scheduling.k8s.io/v1 PriorityClass: a name for a pod priority value.
import { bool, int32, oneOf, req, str, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { forbidden, invalid, notSupported, root, type FieldError } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { IMMUTABLE, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { age } from '../../printing.js';

export const PriorityClass = kindSchema('scheduling.k8s.io', 'v1', 'PriorityClass', {
  value: req(int32('The priority value; pods using this class get it as spec.priority. Higher is more important.')),
  globalDefault: bool('Whether pods without a priorityClassName get this class; at most one class may be the default.'),
  description: str('When to use this priority class, for people.'),
  preemptionPolicy: oneOf(['Never', 'PreemptLowerPriority'] as const, 'Whether pods of this class may preempt lower-priority pods: PreemptLowerPriority (default) or Never.'),
}, 'PriorityClass maps a class name to an integer pod priority.');
export type PriorityClass = Static<typeof PriorityClass>;

/** The priority above which only the system classes may go. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
/** The built-in classes that the API server creates. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export function defaultPriorityClass(pc: PriorityClass): void {
  if (pc.preemptionPolicy === undefined) pc.preemptionPolicy = 'PreemptLowerPriority';
}

const opts = { namespaced: false, nameValidator: nameIsDNSSubdomain };

function knownSystemClassError(pc: PriorityClass): string | undefined {
  const name = pc.metadata?.name ?? '';
  const value = SYSTEM_PRIORITY_CLASSES[name];
  if (value === undefined) return `${name} is not a known system priority class`;
  if (pc.value !== value) return `value of ${name} PriorityClass must be ${value}`;
  if (pc.globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

function validateBody(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata?.name ?? '';
  if (name.startsWith('system-')) {
    const why = knownSystemClassError(pc);
    if (why) errs.push(forbidden(root('metadata', 'name'), `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`));
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden(root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined && pc.preemptionPolicy !== 'Never' && pc.preemptionPolicy !== 'PreemptLowerPriority') {
    errs.push(notSupported(root('preemptionPolicy'), pc.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  }
  return errs;
}

export function validatePriorityClass(pc: PriorityClass): FieldError[] {
  return [...validateObjectMeta(pc.metadata, opts), ...validateBody(pc)];
}

export function validatePriorityClassUpdate(pc: PriorityClass, old: PriorityClass): FieldError[] {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata, opts);
  if (pc.value !== old.value) errs.push(forbidden(root('value'), 'may not be changed in an update.'));
  if (pc.preemptionPolicy !== old.preemptionPolicy) errs.push(invalid(root('preemptionPolicy'), pc.preemptionPolicy ?? '', IMMUTABLE));
  return errs;
}

export const priorityClassPrinter: Printer<PriorityClass> = {
  columns: [
    nameColumn,
    col('Value', 'The priority value of the class.', 'integer'),
    col('Global-Default', 'Whether this is the default class.', 'boolean'),
    ageColumn,
    col('PreemptionPolicy', 'Whether pods of this class may preempt others.'),
  ],
  row: (pc, now) => [
    pc.metadata?.name ?? '', pc.value, pc.globalDefault ?? false, age(pc.metadata?.creationTimestamp, now),
    pc.preemptionPolicy ?? '',
  ],
};

export const priorityClassResource: ResourceInfo<PriorityClass> = {
  group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', resource: 'priorityclasses', singular: 'priorityclass',
  namespaced: false, shortNames: ['pc'], categories: [], subresources: [],
  schema: PriorityClass, defaults: defaultPriorityClass, validate: validatePriorityClass,
  validateUpdate: validatePriorityClassUpdate, printer: priorityClassPrinter,
};
