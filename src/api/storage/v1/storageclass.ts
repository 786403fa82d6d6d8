// storage.k8s.io/v1 StorageClass: a class of dynamically provisioned storage.
import { bool, list, map, oneOf, req, str, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { forbidden, invalid, notSupported, required, root, tooLong, type FieldError } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { IMMUTABLE, isQualifiedName, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { age } from '../../printing.js';
import { TopologySelectorTerm } from '../../core/v1/topology-selector.js';

export const StorageClass = kindSchema('storage.k8s.io', 'v1', 'StorageClass', {
  provisioner: req(str('The name of the volume plugin or CSI driver that provisions volumes of this class.')),
  parameters: map(str(), 'Parameters for the provisioner. Immutable.'),
  reclaimPolicy: oneOf(['Delete', 'Retain', 'Recycle'] as const, 'What happens to volumes of this class when released: Delete (default) or Retain.'),
  mountOptions: list(str(), { listType: 'atomic', description: 'Mount options of volumes of this class, e.g. ["ro", "soft"].' }),
  allowVolumeExpansion: bool('Whether volumes of this class may be expanded.'),
  volumeBindingMode: oneOf(['Immediate', 'WaitForFirstConsumer'] as const, 'When volumes are provisioned and bound: Immediate (default) or WaitForFirstConsumer.'),
  allowedTopologies: list(TopologySelectorTerm, { listType: 'atomic', description: 'Where volumes may be provisioned; empty means anywhere.' }),
}, 'StorageClass describes a class of storage that volumes can be dynamically provisioned from.');
export type StorageClass = Static<typeof StorageClass>;

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

export function isDefaultStorageClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

export function defaultStorageClass(sc: StorageClass): void {
  if (sc.reclaimPolicy === undefined) sc.reclaimPolicy = 'Delete';
  if (sc.volumeBindingMode === undefined) sc.volumeBindingMode = 'Immediate';
}

const opts = { namespaced: false, nameValidator: nameIsDNSSubdomain };
const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;

function validateBody(sc: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  const prov = sc.provisioner ?? '';
  if (!prov) errs.push(required(root('provisioner'), ''));
  else for (const m of isQualifiedName(prov.toLowerCase())) errs.push(invalid(root('provisioner'), prov, m));
  const params = sc.parameters ?? {};
  const keys = Object.keys(params);
  if (keys.length > MAX_PARAMETERS) {
    errs.push(invalid(root('parameters'), keys.length, `must have at most ${MAX_PARAMETERS} parameters`));
  }
  let size = 0;
  for (const k of keys) {
    if (!k) errs.push(invalid(root('parameters'), k, 'field can not be empty.'));
    size += k.length + params[k].length;
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong(root('parameters'), '', MAX_PARAMETERS_SIZE));
  if (sc.reclaimPolicy !== undefined && sc.reclaimPolicy !== 'Delete' && sc.reclaimPolicy !== 'Retain') {
    errs.push(notSupported(root('reclaimPolicy'), sc.reclaimPolicy, ['Delete', 'Retain']));
  }
  if (sc.volumeBindingMode === undefined) errs.push(required(root('volumeBindingMode'), ''));
  else if (sc.volumeBindingMode !== 'Immediate' && sc.volumeBindingMode !== 'WaitForFirstConsumer') {
    errs.push(notSupported(root('volumeBindingMode'), sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  (sc.allowedTopologies ?? []).forEach((term, i) => {
    const tp = root('allowedTopologies').index(i);
    const exprs = term.matchLabelExpressions ?? [];
    if (exprs.length === 0) errs.push(required(tp.child('matchLabelExpressions'), 'must have at least one label selector'));
    exprs.forEach((e, j) => {
      const ep = tp.child('matchLabelExpressions').index(j);
      for (const m of isQualifiedName(e.key ?? '')) errs.push(invalid(ep.child('key'), e.key, m));
      if (!e.values || e.values.length === 0) errs.push(required(ep.child('values'), 'must specify as least one value'));
    });
  });
  return errs;
}

export function validateStorageClass(sc: StorageClass): FieldError[] {
  return [...validateObjectMeta(sc.metadata, opts), ...validateBody(sc)];
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
}

export function validateStorageClassUpdate(sc: StorageClass, old: StorageClass): FieldError[] {
  const errs = [...validateObjectMetaUpdate(sc.metadata, old.metadata, opts), ...validateBody(sc)];
  if (!sameMap(sc.parameters, old.parameters)) errs.push(forbidden(root('parameters'), 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(forbidden(root('provisioner'), 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden(root('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(invalid(root('volumeBindingMode'), sc.volumeBindingMode ?? '', IMMUTABLE));
  return errs;
}

export const storageClassPrinter: Printer<StorageClass> = {
  columns: [
    nameColumn,
    col('Provisioner', 'The volume plugin or CSI driver that provisions volumes.'),
    col('ReclaimPolicy', 'What happens to released volumes.'),
    col('VolumeBindingMode', 'When volumes are provisioned and bound.'),
    col('AllowVolumeExpansion', 'Whether volumes may be expanded.', 'boolean'),
    ageColumn,
  ],
  row: (sc, now) => [
    `${sc.metadata?.name ?? ''}${isDefaultStorageClass(sc) ? ' (default)' : ''}`,
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    age(sc.metadata?.creationTimestamp, now),
  ],
};

export const storageClassResource: ResourceInfo<StorageClass> = {
  group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', resource: 'storageclasses', singular: 'storageclass',
  namespaced: false, shortNames: ['sc'], categories: [], subresources: [],
  schema: StorageClass, defaults: defaultStorageClass, validate: validateStorageClass,
  validateUpdate: validateStorageClassUpdate, printer: storageClassPrinter,
};
