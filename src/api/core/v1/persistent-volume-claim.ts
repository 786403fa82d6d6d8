// core/v1 PersistentVolumeClaim: schema, defaults, create preparation, validation, printer.
import { definer, packageOf, obj, str, list, map, oneOf, quantity, time, type Static } from '../../schema.js';
import { LabelSelector, kindSchema } from '../../meta/v1/types.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { statusSubresource } from '../../strategy.js';
import { age } from '../../printing.js';
import { type FieldError, type Path, forbidden, invalid, notSupported, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { Quantity, compare } from '../../../machinery/quantity.js';
import { IMMUTABLE, isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { TypedLocalObjectReference, TypedObjectReference } from './object-reference.js';
import {
  ACCESS_MODES, BETA_STORAGE_CLASS_ANNOTATION, VOLUME_MODES, accessModesString, describeChanges, quantityString,
  validateAccessModes, validatePositiveQuantity,
} from './persistent-volume.js';
import { quantityOrError, validateResourceQuantityValue } from './resource-validation.js';
import { deepEqual } from '../../../machinery/equality.js';

const def = definer(packageOf('', 'v1'));

export const PVC_PHASES = ['Pending', 'Bound', 'Lost'] as const;

export const VolumeResourceRequirements = def('VolumeResourceRequirements', obj({
  limits: map(quantity, 'The most storage the volume may have.'),
  requests: map(quantity, 'The storage the claim needs; storage is required.'),
}, { description: 'VolumeResourceRequirements is the storage a claim asks for.' }));
export type VolumeResourceRequirements = Static<typeof VolumeResourceRequirements>;

export const PersistentVolumeClaimSpec = def('PersistentVolumeClaimSpec', obj({
  accessModes: list(oneOf(ACCESS_MODES), { listType: 'atomic', description: 'The access modes the volume must support.' }),
  selector: LabelSelector,
  resources: VolumeResourceRequirements,
  volumeName: str('The PersistentVolume bound to this claim.'),
  storageClassName: str('The StorageClass the claim wants; empty string means no class, absent means the default class.'),
  volumeMode: oneOf(VOLUME_MODES, 'Filesystem (default) or Block.'),
  dataSource: TypedLocalObjectReference,
  dataSourceRef: TypedObjectReference,
  volumeAttributesClassName: str('The VolumeAttributesClass the claim wants (needs the VolumeAttributesClass feature).'),
}, { description: 'PersistentVolumeClaimSpec is the storage a user asks for.' }));
export type PersistentVolumeClaimSpec = Static<typeof PersistentVolumeClaimSpec>;

export const PersistentVolumeClaimCondition = def('PersistentVolumeClaimCondition', obj({
  type: str('Type of the condition, e.g. Resizing or FileSystemResizePending.'),
  status: oneOf(['True', 'False', 'Unknown'] as const, 'Status of the condition.'),
  lastProbeTime: time,
  lastTransitionTime: time,
  reason: str('A machine-readable reason for the last transition.'),
  message: str('A human-readable message about the last transition.'),
}, { description: 'PersistentVolumeClaimCondition is one aspect of the state of a claim.' }));

export const ModifyVolumeStatus = def('ModifyVolumeStatus', obj({
  targetVolumeAttributesClassName: str('The class the volume is being modified to.'),
  status: oneOf(['Pending', 'InProgress', 'Infeasible'] as const, 'The state of the modification.'),
}, { description: 'ModifyVolumeStatus is the state of a volume modification.' }));

export const PersistentVolumeClaimStatus = def('PersistentVolumeClaimStatus', obj({
  phase: oneOf(PVC_PHASES, 'Pending, Bound or Lost.'),
  accessModes: list(oneOf(ACCESS_MODES), { listType: 'atomic', description: 'The access modes of the bound volume.' }),
  capacity: map(quantity, 'The size of the bound volume.'),
  conditions: list(PersistentVolumeClaimCondition, {
    mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'], description: 'The current conditions of the claim.',
  }),
  allocatedResources: map(quantity, 'The storage allocated to the claim (during and after a resize).'),
  allocatedResourceStatuses: map(str(), 'The state of each resize in progress.'),
  currentVolumeAttributesClassName: str('The VolumeAttributesClass the volume currently has.'),
  modifyVolumeStatus: ModifyVolumeStatus,
}, { description: 'PersistentVolumeClaimStatus is the observed state of a claim.' }));
export type PersistentVolumeClaimStatus = Static<typeof PersistentVolumeClaimStatus>;

export const PersistentVolumeClaim = kindSchema('', 'v1', 'PersistentVolumeClaim',
  { spec: PersistentVolumeClaimSpec, status: PersistentVolumeClaimStatus },
  'PersistentVolumeClaim is a user\'s request for storage, bound to a PersistentVolume.');
export type PersistentVolumeClaim = Static<typeof PersistentVolumeClaim>;

/** SetObjectDefaults_PersistentVolumeClaim: phase Pending and volumeMode Filesystem. */
export function defaultPersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec): void {
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
}

export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  pvc.spec = pvc.spec ?? {};
  defaultPersistentVolumeClaimSpec(pvc.spec);
  pvc.status = pvc.status ?? {};
  if (!pvc.status.phase) pvc.status.phase = 'Pending';
}

/**
 * The registry's PrepareForCreate: status starts over (as Pending), the disabled
 * volumeAttributesClassName is dropped, and dataSource / dataSourceRef fill each other.
 */
export function preparePersistentVolumeClaimForCreate(pvc: PersistentVolumeClaim): void {
  pvc.status = { phase: 'Pending' };
  const spec = (pvc.spec = pvc.spec ?? {});
  delete spec.volumeAttributesClassName;
  if (spec.dataSource && !spec.dataSourceRef) {
    spec.dataSourceRef = { kind: spec.dataSource.kind, name: spec.dataSource.name };
    if (spec.dataSource.apiGroup !== undefined) spec.dataSourceRef.apiGroup = spec.dataSource.apiGroup;
  } else if (spec.dataSourceRef && !spec.dataSource && !spec.dataSourceRef.namespace) {
    spec.dataSource = { kind: spec.dataSourceRef.kind, name: spec.dataSourceRef.name };
    if (spec.dataSourceRef.apiGroup !== undefined) spec.dataSource.apiGroup = spec.dataSourceRef.apiGroup;
  }
}

/** The registry's PrepareForUpdate of the main resource: status is kept. */
export function preparePersistentVolumeClaimForUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): void {
  pvc.status = structuredClone(old.status);
}

function validateDataSource(ds: { apiGroup?: string; kind?: string; name?: string; namespace?: string }, path: Path, ref: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (!ds.name) errs.push(required(path.child('name'), ''));
  if (!ds.kind) errs.push(required(path.child('kind'), ''));
  const group = ds.apiGroup ?? '';
  if (!group && ds.kind !== 'PersistentVolumeClaim') {
    errs.push(invalid(path, ds.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (group) for (const m of isDNS1123Subdomain(group)) errs.push(invalid(path.child('apiGroup'), group, m));
  if (ref && ds.namespace) for (const m of isDNS1123Label(ds.namespace)) errs.push(invalid(path.child('namespace'), ds.namespace, m));
  return errs;
}

/** ValidatePersistentVolumeClaimSpec (also for claim templates). */
export function validatePersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!(spec.accessModes ?? []).length) errs.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  errs.push(...validateAccessModes(spec.accessModes ?? [], path.child('accessModes')));
  const storagePath = path.child('resources').key('storage');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) {
    errs.push(required(storagePath, ''));
  } else {
    const positive = validatePositiveQuantity(storage, storagePath, false);
    if (positive.length) errs.push(...positive);
    else {
      const q = quantityOrError(storage, storagePath);
      if (q instanceof Quantity) errs.push(...validateResourceQuantityValue('storage', q, storagePath));
    }
  }
  if (spec.storageClassName) {
    for (const m of nameIsDNSSubdomain(spec.storageClassName, false)) errs.push(invalid(path.child('storageClassName'), spec.storageClassName, m));
  }
  if (spec.volumeMode !== undefined && !(VOLUME_MODES as readonly string[]).includes(spec.volumeMode)) {
    errs.push(notSupported(path.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  if (spec.dataSource) errs.push(...validateDataSource(spec.dataSource, path.child('dataSource'), false));
  if (spec.dataSourceRef) errs.push(...validateDataSource(spec.dataSourceRef, path.child('dataSourceRef'), true));
  if (spec.dataSourceRef?.namespace) {
    if (spec.dataSource) errs.push(invalid(path, String(path.child('dataSource')), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (spec.dataSource && spec.dataSourceRef) {
    const same = (spec.dataSource.apiGroup ?? null) === (spec.dataSourceRef.apiGroup ?? null)
      && spec.dataSource.kind === spec.dataSourceRef.kind && spec.dataSource.name === spec.dataSourceRef.name;
    if (!same) errs.push(invalid(path, String(path.child('dataSource')), 'must match dataSourceRef'));
  }
  return errs;
}

const META_OPTS = { namespaced: true, nameValidator: nameIsDNSSubdomain };

export function validatePersistentVolumeClaim(pvc: PersistentVolumeClaim): FieldError[] {
  return [...validateObjectMeta(pvc.metadata, META_OPTS), ...validatePersistentVolumeClaimSpec(pvc.spec ?? {}, root('spec'))];
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is immutable except that volumeName may be
 * set once, the storage class may move from the beta annotation (or nil) to the field, and a
 * bound claim's storage request may grow (or shrink back towards, but not to, status.capacity).
 */
export function validatePersistentVolumeClaimUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs = [
    ...validateObjectMetaUpdate(pvc.metadata, old.metadata, META_OPTS),
    ...validatePersistentVolumeClaimSpec(pvc.spec ?? {}, root('spec')),
  ];
  const newSpec: PersistentVolumeClaimSpec = structuredClone(pvc.spec ?? {});
  const oldSpec: PersistentVolumeClaimSpec = structuredClone(old.spec ?? {});
  if (!oldSpec.volumeName) {
    if (newSpec.volumeName === undefined) delete oldSpec.volumeName;
    else oldSpec.volumeName = newSpec.volumeName;
  }
  const oldAnn = old.metadata?.annotations ?? {};
  const newAnn = pvc.metadata?.annotations ?? {};
  const hasOldAnn = Object.prototype.hasOwnProperty.call(oldAnn, BETA_STORAGE_CLASS_ANNOTATION);
  const hasNewAnn = Object.prototype.hasOwnProperty.call(newAnn, BETA_STORAGE_CLASS_ANNOTATION);
  const fromAnnotation = hasOldAnn && oldSpec.storageClassName === undefined
    && newSpec.storageClassName !== undefined && newSpec.storageClassName === oldAnn[BETA_STORAGE_CLASS_ANNOTATION]
    && (!hasNewAnn || newAnn[BETA_STORAGE_CLASS_ANNOTATION] === oldAnn[BETA_STORAGE_CLASS_ANNOTATION]);
  if (fromAnnotation) {
    delete newSpec.storageClassName;
  } else {
    if ((newAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '') !== (oldAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '')) {
      errs.push(invalid(root('metadata', 'annotations', BETA_STORAGE_CLASS_ANNOTATION), newAnn[BETA_STORAGE_CLASS_ANNOTATION] ?? '', IMMUTABLE));
    }
    const fromNil = pvc.spec?.storageClassName !== undefined && old.spec?.storageClassName === undefined
      && (!hasOldAnn || pvc.spec?.storageClassName === oldAnn[BETA_STORAGE_CLASS_ANNOTATION]);
    if (fromNil) newSpec.storageClassName = oldSpec.storageClassName;
    if (newSpec.storageClassName === undefined) delete newSpec.storageClassName;
  }
  const bound = pvc.status?.phase === 'Bound';
  if (bound && newSpec.resources?.requests) {
    const was = old.spec?.resources?.requests?.storage;
    if (was === undefined) delete newSpec.resources.requests.storage;
    else newSpec.resources.requests.storage = was;
  }
  if (!deepEqual(newSpec, oldSpec)) {
    errs.push(forbidden(root('spec'),
      `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${describeChanges(oldSpec as Record<string, unknown>, newSpec as Record<string, unknown>)}`));
  }
  const oldSize = old.spec?.resources?.requests?.storage ?? '0';
  const newSize = pvc.spec?.resources?.requests?.storage ?? '0';
  const statusSize = old.status?.capacity?.storage ?? '0';
  const cmp = (a: string, b: string) => {
    try {
      return compare(a, b);
    } catch {
      return 0;
    }
  };
  if (cmp(newSize, oldSize) < 0 && cmp(newSize, statusSize) <= 0) {
    // RecoverVolumeExpansionFailure is on by default: shrinking is allowed down to above status.capacity
    errs.push(forbidden(root('spec', 'resources', 'requests', 'storage'), 'field can not be less than status.capacity'));
  }
  if ((pvc.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) {
    errs.push(invalid(root('volumeMode'), pvc.spec?.volumeMode ?? null, IMMUTABLE));
  }
  if ((pvc.spec?.volumeAttributesClassName ?? null) !== (old.spec?.volumeAttributesClassName ?? null)) {
    errs.push(forbidden(root('spec', 'volumeAttributesClassName'), 'update is forbidden when the VolumeAttributesClass feature gate is disabled'));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimStatusUpdate (the basic rules). */
export function validatePersistentVolumeClaimStatusUpdate(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): FieldError[] {
  const errs = validateObjectMetaUpdate(pvc.metadata, old.metadata, META_OPTS);
  if (!pvc.metadata?.resourceVersion) errs.push(required(root('resourceVersion'), ''));
  if (!(pvc.spec?.accessModes ?? []).length) errs.push(required(root('Spec', 'accessModes'), ''));
  for (const [name, value] of Object.entries(pvc.status?.capacity ?? {})) {
    const p = root('status', 'capacity').key(name);
    const q = quantityOrError(value, p);
    if (!(q instanceof Quantity)) errs.push(q);
    else if (q.value() < 0) errs.push(invalid(p, q.value(), 'must be a valid resource quantity'));
  }
  return errs;
}

export const persistentVolumeClaimPrinter: Printer<PersistentVolumeClaim> = {
  columns: [
    nameColumn,
    col('Status', 'The phase of the claim.'),
    col('Volume', 'The volume bound to the claim.'),
    col('Capacity', 'The size of the bound volume.'),
    col('Access Modes', 'The access modes of the bound volume.'),
    col('StorageClass', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    col('VolumeMode', 'Filesystem or Block.', 'string', 1),
  ],
  row: (pvc, now) => {
    const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '';
    let capacity = '';
    let modes = '';
    if (pvc.spec?.volumeName) {
      modes = accessModesString(pvc.status?.accessModes);
      capacity = quantityString(pvc.status?.capacity?.storage);
    }
    const ann = pvc.metadata?.annotations ?? {};
    const cls = Object.prototype.hasOwnProperty.call(ann, BETA_STORAGE_CLASS_ANNOTATION)
      ? ann[BETA_STORAGE_CLASS_ANNOTATION] : pvc.spec?.storageClassName ?? '';
    return [
      pvc.metadata?.name ?? '', phase, pvc.spec?.volumeName ?? '', capacity, modes, cls,
      pvc.spec?.volumeAttributesClassName ?? '<unset>', age(pvc.metadata?.creationTimestamp, now), pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimResource: ResourceInfo<PersistentVolumeClaim> = {
  group: '', version: 'v1', kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim',
  namespaced: true, shortNames: ['pvc'], categories: [], subresources: ['status'],
  schema: PersistentVolumeClaim,
  defaults: defaultPersistentVolumeClaim,
  validate: validatePersistentVolumeClaim,
  validateUpdate: validatePersistentVolumeClaimUpdate,
  // "name" is an upstream bug kept for compatibility
  selectableFields: (o) => ({ name: o.metadata?.name ?? '' }),
  printer: persistentVolumeClaimPrinter,
  strategy: {
    initialStatus: () => ({ phase: 'Pending' }),
    returnDeletedObject: true,
    prepareForCreate: preparePersistentVolumeClaimForCreate,
    prepareForUpdate: preparePersistentVolumeClaimForUpdate,
    subresources: { status: statusSubresource(validatePersistentVolumeClaimStatusUpdate) },
  },
};
