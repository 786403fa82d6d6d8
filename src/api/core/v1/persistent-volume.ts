// core/v1 PersistentVolume: schema, defaults, create preparation, validation, printer.
import { definer, packageOf, obj, str, list, map, oneOf, quantity, time, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { statusSubresource } from '../../strategy.js';
import { age } from '../../printing.js';
import { type FieldError, type Path, forbidden, invalid, notSupported, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { Quantity } from '../../../machinery/quantity.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { rfc3339 } from '../../../machinery/object-meta.js';
import {
  CSIPersistentVolumeSource, HostPathVolumeSource, LocalVolumeSource, NFSVolumeSource,
} from './volume.js';
import {
  validateCSIPersistentVolumeSource, validateHostPathVolumeSource, validateLocalVolumeSource, validateNFSVolumeSource,
} from './volume-validation.js';
import { NodeSelector } from './pod-scheduling.js';
import { validateNodeSelector } from './pod-scheduling-validation.js';
import { quantityOrError } from './resource-validation.js';
import { ObjectReference } from './object-reference.js';
import { deepEqual } from '../../../machinery/equality.js';

const def = definer(packageOf('', 'v1'));

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
export const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'] as const;
export const VOLUME_MODES = ['Block', 'Filesystem'] as const;
export const PV_PHASES = ['Pending', 'Available', 'Bound', 'Released', 'Failed'] as const;
/** The beta annotation older clients use instead of storageClassName. */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
/** The volume sources this module models (upstream has more, mostly removed in-tree plugins). */
export const PV_SOURCE_FIELDS = ['hostPath', 'nfs', 'local', 'csi'] as const;

export const VolumeNodeAffinity = def('VolumeNodeAffinity', obj({
  required: NodeSelector,
}, { description: 'VolumeNodeAffinity limits the nodes a volume can be used from.' }));
export type VolumeNodeAffinity = Static<typeof VolumeNodeAffinity>;

export const PersistentVolumeSpec = def('PersistentVolumeSpec', obj({
  capacity: map(quantity, 'The size of the volume: only storage.'),
  hostPath: HostPathVolumeSource,
  nfs: NFSVolumeSource,
  local: LocalVolumeSource,
  csi: CSIPersistentVolumeSource,
  accessModes: list(oneOf(ACCESS_MODES), { listType: 'atomic', description: 'How the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.' }),
  claimRef: ObjectReference,
  persistentVolumeReclaimPolicy: oneOf(RECLAIM_POLICIES, 'What happens when the claim is released: Retain (default), Delete or Recycle (deprecated).'),
  storageClassName: str('The StorageClass the volume belongs to; empty means no class.'),
  mountOptions: list(str(), { listType: 'atomic', description: 'Mount options, not validated.' }),
  volumeMode: oneOf(VOLUME_MODES, 'Filesystem (default) or Block.'),
  nodeAffinity: VolumeNodeAffinity,
  volumeAttributesClassName: str('The VolumeAttributesClass of the volume (needs the VolumeAttributesClass feature).'),
}, { description: 'PersistentVolumeSpec describes a piece of storage and how it may be claimed.' }));
export type PersistentVolumeSpec = Static<typeof PersistentVolumeSpec>;

export const PersistentVolumeStatus = def('PersistentVolumeStatus', obj({
  phase: oneOf(PV_PHASES, 'Pending, Available, Bound, Released or Failed.'),
  message: str('Why the volume is in this phase, for a person.'),
  reason: str('Why the volume is in this phase, in CamelCase.'),
  lastPhaseTransitionTime: time,
}, { description: 'PersistentVolumeStatus is the observed state of a volume.' }));
export type PersistentVolumeStatus = Static<typeof PersistentVolumeStatus>;

export const PersistentVolume = kindSchema('', 'v1', 'PersistentVolume', { spec: PersistentVolumeSpec, status: PersistentVolumeStatus },
  'PersistentVolume is a piece of storage in the cluster that claims bind to.');
export type PersistentVolume = Static<typeof PersistentVolume>;

/** SetObjectDefaults_PersistentVolume: phase Pending, reclaim policy Retain, volumeMode Filesystem, hostPath type "". */
export function defaultPersistentVolume(pv: PersistentVolume): void {
  const spec = (pv.spec = pv.spec ?? {});
  pv.status = pv.status ?? {};
  if (!pv.status.phase) pv.status.phase = 'Pending';
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  if (spec.hostPath && spec.hostPath.type === undefined) spec.hostPath.type = '';
}

/** The registry's PrepareForCreate: status starts as Pending with its transition time. */
export function preparePersistentVolumeForCreate(pv: PersistentVolume, now: Date = new Date()): void {
  pv.status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(now) };
  // the VolumeAttributesClass feature is off by default in v1.33: its field is dropped
  if (pv.spec) delete pv.spec.volumeAttributesClassName;
}

/** The registry's PrepareForUpdate of the main resource: status is kept. */
export function preparePersistentVolumeForUpdate(pv: PersistentVolume, old: PersistentVolume): void {
  pv.status = structuredClone(old.status);
}

/** Access modes: known values, and ReadWriteOncePod alone. */
export function validateAccessModes(modes: readonly string[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let rwop = false;
  let other = false;
  for (const m of modes) {
    const known = (ACCESS_MODES as readonly string[]).includes(m);
    if (!known) errs.push(notSupported(path, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (known) other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

/** validateBasicResource plus ValidatePositiveQuantityValue. */
export function validatePositiveQuantity(value: string, path: Path, basic: boolean): FieldError[] {
  const q = quantityOrError(value, path);
  if (!(q instanceof Quantity)) return [q];
  const errs: FieldError[] = [];
  if (basic && q.value() < 0) errs.push(invalid(path, q.value(), 'must be a valid resource quantity'));
  if (q.sign() <= 0) errs.push(invalid(path, q.toString(), 'must be greater than zero'));
  return errs;
}

function validateSpec(pv: PersistentVolume): FieldError[] {
  const spec = pv.spec ?? {};
  const path = root('spec');
  const errs: FieldError[] = [];
  if (!(spec.accessModes ?? []).length) errs.push(required(path.child('accessModes'), ''));
  errs.push(...validateAccessModes(spec.accessModes ?? [], path.child('accessModes')));
  const capacity = spec.capacity ?? {};
  const names = Object.keys(capacity);
  if (names.length === 0) errs.push(required(path.child('capacity'), ''));
  if (!names.includes('storage') || names.length > 1) errs.push(notSupported(path.child('capacity'), capacity, ['storage']));
  for (const [name, value] of Object.entries(capacity)) errs.push(...validatePositiveQuantity(value, path.child('capacity').key(name), true));
  if (spec.persistentVolumeReclaimPolicy && !(RECLAIM_POLICIES as readonly string[]).includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(notSupported(path.child('persistentVolumeReclaimPolicy'), spec.persistentVolumeReclaimPolicy, RECLAIM_POLICIES));
  }
  let affinitySet = false;
  if (spec.nodeAffinity) {
    affinitySet = true;
    if (spec.nodeAffinity.required) errs.push(...validateNodeSelector(spec.nodeAffinity.required, path.child('nodeAffinity', 'required')));
    else errs.push(required(path.child('nodeAffinity', 'required'), 'must specify required node constraints'));
  }
  let sources = 0;
  const more = (field: string) => forbidden(path.child(field), 'may not specify more than 1 volume type');
  if (spec.hostPath) {
    sources++;
    errs.push(...validateHostPathVolumeSource(spec.hostPath, path.child('hostPath')));
  }
  if (spec.nfs) {
    if (sources > 0) errs.push(more('nfs'));
    else { sources++; errs.push(...validateNFSVolumeSource(spec.nfs, path.child('nfs'))); }
  }
  if (spec.local) {
    if (sources > 0) errs.push(more('local'));
    else {
      sources++;
      errs.push(...validateLocalVolumeSource(spec.local, path.child('local')));
      if (!affinitySet) errs.push(required(path.child('nodeAffinity'), 'Local volume requires node affinity'));
    }
  }
  if (spec.csi) {
    if (sources > 0) errs.push(more('csi'));
    else { sources++; errs.push(...validateCSIPersistentVolumeSource(spec.csi, path.child('csi'))); }
  }
  if (sources === 0) errs.push(required(path, 'must specify a volume type'));
  if (spec.hostPath && cleanPath(spec.hostPath.path ?? '') === '/' && spec.persistentVolumeReclaimPolicy === 'Recycle') {
    errs.push(forbidden(path.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  if (spec.storageClassName) {
    for (const m of nameIsDNSSubdomain(spec.storageClassName, false)) errs.push(invalid(path.child('storageClassName'), spec.storageClassName, m));
  }
  if (spec.volumeMode !== undefined && !(VOLUME_MODES as readonly string[]).includes(spec.volumeMode)) {
    errs.push(notSupported(path.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  return errs;
}

/** path.Clean for the '/' check: collapse slashes and dots. */
function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return p.startsWith('/') ? `/${parts.join('/')}` : parts.join('/') || '.';
}

const META_OPTS = { namespaced: false, nameValidator: nameIsDNSSubdomain };

export function validatePersistentVolume(pv: PersistentVolume): FieldError[] {
  return [...validateObjectMeta(pv.metadata, META_OPTS), ...validateSpec(pv)];
}

/** A short description of what changed, in place of upstream's cmp.Diff listing. */
export function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines: string[] = [];
  for (const k of keys) {
    if (deepEqual(before[k], after[k])) continue;
    if (before[k] !== undefined) lines.push(`-\t${k}: ${JSON.stringify(before[k])}`);
    if (after[k] !== undefined) lines.push(`+\t${k}: ${JSON.stringify(after[k])}`);
  }
  return lines.join('\n');
}

const sourceOf = (spec: PersistentVolumeSpec | undefined): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const f of PV_SOURCE_FIELDS) if (spec?.[f] !== undefined) out[f] = spec[f];
  return out;
};

export function validatePersistentVolumeUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pv.metadata, old.metadata, META_OPTS), ...validateSpec(pv)];
  const oldSource = sourceOf(old.spec);
  const newSource = sourceOf(pv.spec);
  // a CSI volume may gain a controllerExpandSecretRef
  const oldCsi = old.spec?.csi;
  const newCsi = pv.spec?.csi;
  if (oldCsi && newCsi && !oldCsi.controllerExpandSecretRef && newCsi.controllerExpandSecretRef) {
    newSource.csi = { ...newCsi, controllerExpandSecretRef: undefined };
  }
  if (!deepEqual(oldSource, newSource)) {
    errs.push(forbidden(root('spec', 'persistentvolumesource'),
      `spec.persistentvolumesource is immutable after creation\n${describeChanges(oldSource, newSource)}`));
  }
  if ((pv.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) {
    errs.push(invalid(root('volumeMode'), pv.spec?.volumeMode ?? null, 'field is immutable'));
  }
  if (old.spec?.nodeAffinity && !deepEqual(pv.spec?.nodeAffinity, old.spec.nodeAffinity)) {
    errs.push(invalid(root('nodeAffinity'), pv.spec?.nodeAffinity ?? null, 'field is immutable, except for updating from beta label to GA'));
  }
  if ((pv.spec?.volumeAttributesClassName ?? null) !== (old.spec?.volumeAttributesClassName ?? null)) {
    errs.push(forbidden(root('spec', 'volumeAttributesClassName'), 'update is forbidden when the VolumeAttributesClass feature gate is disabled'));
  }
  return errs;
}

/** ValidatePersistentVolumeStatusUpdate. */
export function validatePersistentVolumeStatusUpdate(pv: PersistentVolume, old: PersistentVolume): FieldError[] {
  const errs = validateObjectMetaUpdate(pv.metadata, old.metadata, META_OPTS);
  if (!pv.metadata?.resourceVersion) errs.push(required(root('resourceVersion'), ''));
  return errs;
}

/** GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** A quantity as Quantity.String() prints it ("0" when absent). */
export function quantityString(value: string | undefined): string {
  if (value === undefined) return '0';
  const q = quantityOrError(value, root());
  return q instanceof Quantity ? q.toString() : value;
}

export const persistentVolumePrinter: Printer<PersistentVolume> = {
  columns: [
    nameColumn,
    col('Capacity', 'The size of the volume.'),
    col('Access Modes', 'How the volume can be mounted.'),
    col('Reclaim Policy', 'What happens to the volume when its claim is released.'),
    col('Status', 'The phase of the volume.'),
    col('Claim', 'The claim bound to the volume.'),
    col('StorageClass', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    col('Reason', 'Why the volume is in its phase.'),
    ageColumn,
    col('VolumeMode', 'Filesystem or Block.', 'string', 1),
  ],
  row: (pv, now) => {
    const ref = pv.spec?.claimRef;
    const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
    const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '';
    const cls = pv.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pv.spec?.storageClassName ?? '';
    return [
      pv.metadata?.name ?? '', quantityString(pv.spec?.capacity?.storage), accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '', phase, claim, cls, pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '', age(pv.metadata?.creationTimestamp, now), pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeResource: ResourceInfo<PersistentVolume> = {
  group: '', version: 'v1', kind: 'PersistentVolume', resource: 'persistentvolumes', singular: 'persistentvolume',
  namespaced: false, shortNames: ['pv'], categories: [], subresources: ['status'],
  schema: PersistentVolume,
  defaults: defaultPersistentVolume,
  validate: validatePersistentVolume,
  validateUpdate: validatePersistentVolumeUpdate,
  // "name" is an upstream bug kept for compatibility
  selectableFields: (o) => ({ name: o.metadata?.name ?? '' }),
  printer: persistentVolumePrinter,
  strategy: {
    initialStatus: () => ({ phase: 'Pending' }),
    returnDeletedObject: true,
    prepareForCreate: preparePersistentVolumeForCreate,
    prepareForUpdate: preparePersistentVolumeForUpdate,
    subresources: { status: statusSubresource(validatePersistentVolumeStatusUpdate) },
  },
};
