// core/v1 Namespace: schema, defaults, validation, printer and registration.
import { definer, packageOf, obj, req, str, list, oneOf, time, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { copyField, keepAllBut, statusSubresource } from '../../strategy.js';
import { age } from '../../printing.js';
import { type FieldError, type Path, invalid, root } from '../../../machinery/field-errors.js';
import { STANDARD_FINALIZERS, validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { isQualifiedName, nameIsDNSLabel } from '../../../machinery/validation.js';

const def = definer(packageOf('', 'v1'));

export const NAMESPACE_PHASES = ['Active', 'Terminating'] as const;
/** The label every namespace carries with its own name. */
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';
/** The finalizer the namespace controller removes once the namespace is empty. */
export const FINALIZER_KUBERNETES = 'kubernetes';

export const NamespaceSpec = def('NamespaceSpec', obj({
  finalizers: list(str(), { listType: 'atomic', description: 'Must be empty before the namespace is removed from storage.' }),
}, { description: 'NamespaceSpec describes the attributes of a namespace.' }));
export type NamespaceSpec = Static<typeof NamespaceSpec>;

export const NamespaceCondition = def('NamespaceCondition', obj({
  type: req(str('Type of the condition, e.g. NamespaceContentRemaining.')),
  status: req(oneOf(['True', 'False', 'Unknown'] as const, 'Status of the condition.')),
  lastTransitionTime: time,
  reason: str('A machine-readable reason for the last transition.'),
  message: str('A human-readable message about the last transition.'),
}, { description: 'NamespaceCondition is one aspect of the state of a namespace.' }));
export type NamespaceCondition = Static<typeof NamespaceCondition>;

export const NamespaceStatus = def('NamespaceStatus', obj({
  phase: oneOf(NAMESPACE_PHASES, 'Active, or Terminating while its content is deleted.'),
  conditions: list(NamespaceCondition, {
    mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'], description: 'The latest observations of the namespace\'s state.',
  }),
}, { description: 'NamespaceStatus is the observed state of a namespace.' }));
export type NamespaceStatus = Static<typeof NamespaceStatus>;

export const Namespace = kindSchema('', 'v1', 'Namespace', { spec: NamespaceSpec, status: NamespaceStatus },
  'Namespace gives names a scope: most objects live in exactly one namespace.');
export type Namespace = Static<typeof Namespace>;

/** SetObjectDefaults_Namespace: the metadata.name label and status.phase Active. */
export function defaultNamespace(ns: Namespace): void {
  const name = ns.metadata?.name;
  if (name) {
    ns.metadata = ns.metadata ?? {};
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [LABEL_METADATA_NAME]: name };
  }
  ns.status = ns.status ?? {};
  if (!ns.status.phase) ns.status.phase = 'Active';
}

/**
 * The registry's PrepareForCreate: status starts as Active and the kubernetes finalizer is added.
 * Not part of defaulting, because the finalizer must stay removable over the namespace's life.
 */
export function prepareNamespaceForCreate(ns: Namespace): void {
  ns.status = { phase: 'Active' };
  ns.spec = ns.spec ?? {};
  const finalizers = ns.spec.finalizers ?? [];
  if (!finalizers.includes(FINALIZER_KUBERNETES)) ns.spec.finalizers = [...finalizers, FINALIZER_KUBERNETES];
}

/** The registry's PrepareForUpdate for the main resource: spec.finalizers and status are kept. */
export function prepareNamespaceForUpdate(ns: Namespace, old: Namespace): void {
  ns.spec = { ...(ns.spec ?? {}), finalizers: old.spec?.finalizers };
  if (ns.spec.finalizers === undefined) delete ns.spec.finalizers;
  ns.status = structuredClone(old.status);
}

function validateFinalizerName(name: string, path: Path): FieldError[] {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (!name.includes('/') && !STANDARD_FINALIZERS.includes(name)) {
    errs.push(invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

const META_OPTS = { namespaced: false, nameValidator: nameIsDNSLabel };

export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, META_OPTS);
  for (const f of ns.spec?.finalizers ?? []) errs.push(...validateFinalizerName(f, root('spec', 'finalizers')));
  return errs;
}

/** ValidateNamespaceUpdate checks only metadata; finalizers change through the finalize subresource. */
export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata, old.metadata, META_OPTS);
}

/** The status subresource: the phase must agree with deletionTimestamp. */
export function validateNamespaceStatusUpdate(ns: Namespace, old: Namespace): FieldError[] {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata, META_OPTS);
  const phase = ns.status?.phase ?? '';
  if (!ns.metadata?.deletionTimestamp) {
    if (phase !== 'Active') errs.push(invalid(root('status', 'Phase'), phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(invalid(root('status', 'Phase'), phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

/** The finalize subresource: only spec.finalizers changes, each a valid finalizer name. */
export function validateNamespaceFinalizeUpdate(ns: Namespace, old: Namespace): FieldError[] {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata, META_OPTS);
  (ns.spec?.finalizers ?? []).forEach((f, i) => errs.push(...validateFinalizerName(f, root('spec', 'finalizers').index(i))));
  return errs;
}

export const namespacePrinter: Printer<Namespace> = {
  columns: [nameColumn, col('Status', 'The status of the namespace'), ageColumn],
  row: (ns, now) => [ns.metadata?.name ?? '', ns.status?.phase ?? '', age(ns.metadata?.creationTimestamp, now)],
};

export const namespaceResource: ResourceInfo<Namespace> = {
  group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', singular: 'namespace',
  namespaced: false, shortNames: ['ns'], categories: [], subresources: ['status', 'finalize'],
  schema: Namespace,
  defaults: defaultNamespace,
  validate: validateNamespace,
  validateUpdate: validateNamespaceUpdate,
  // "name" is an upstream bug kept for compatibility
  selectableFields: (ns) => ({ 'status.phase': ns.status?.phase ?? '', name: ns.metadata?.name ?? '' }),
  printer: namespacePrinter,
  strategy: {
    generation: false,
    returnDeletedObject: true,
    // the namespace controller empties spec.finalizers (through finalize) before it goes
    deletionHolds: (ns) => ns.spec?.finalizers ?? [],
    beginDeletion(ns) {
      ns.status = { ...ns.status, phase: 'Terminating' };
    },
    prepareForCreate(ns) {
      prepareNamespaceForCreate(ns);
      // Canonicalize: the name label, now that a generated name is known
      defaultNamespace(ns);
    },
    prepareForUpdate: prepareNamespaceForUpdate,
    subresources: {
      status: statusSubresource(validateNamespaceStatusUpdate),
      finalize: {
        type: 'object', verbs: ['update'],
        // only spec.finalizers changes (the namespace controller's step); status and metadata are kept
        prepareForUpdate(ns, old) {
          const finalizers = ns.spec?.finalizers ?? [];
          keepAllBut(ns, old, 'spec');
          ns.spec = { ...ns.spec };
          if (finalizers.length) ns.spec.finalizers = [...new Set(finalizers)];
          else delete ns.spec.finalizers;
          const meta = (ns.metadata ??= {});
          for (const f of ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const) copyField(meta, old.metadata ?? {}, f);
        },
        validateUpdate: validateNamespaceFinalizeUpdate,
      },
    },
  },
};
