// core/v1 ConfigMap: schema, validation, printer and registration.
import { str, bool, map, bytes, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { age } from '../../printing.js';
import { type FieldError, Path, forbidden, invalid, root, tooLong } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { isConfigMapKey, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { deepEqual } from '../../../machinery/equality.js';

/** The most data a ConfigMap or Secret may hold: 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;

export const ConfigMap = kindSchema('', 'v1', 'ConfigMap', {
  immutable: bool('If true, data and binaryData can never change (only metadata can).'),
  data: map(str(), 'UTF-8 configuration data; keys are file-name-like (alphanumerics, "-", "_", ".").'),
  binaryData: map(bytes(), 'Binary configuration data, base64 on the wire; keys may not repeat those of data.'),
}, 'ConfigMap holds configuration data for pods to consume as files, environment variables or arguments.');
export type ConfigMap = Static<typeof ConfigMap>;

/** The byte length of a base64 value as upstream's []byte holds it. */
export function base64Length(value: string): number {
  return Buffer.from(value, 'base64').length;
}

const META_OPTS = { namespaced: true, nameValidator: nameIsDNSSubdomain };

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  return [...validateObjectMeta(cm.metadata, META_OPTS), ...validateConfigMapData(cm)];
}

/** The rules on data and binaryData: key syntax, no key in both, 1 MiB in total. */
function validateConfigMapData(cm: ConfigMap): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  const binary = cm.binaryData ?? {};
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(root('data').key(key), key, m));
    if (Object.prototype.hasOwnProperty.call(binary, key)) {
      errs.push(invalid(root('data').key(key), key, 'duplicate of key present in binaryData'));
    }
    total += Buffer.byteLength(value ?? '', 'utf8');
  }
  for (const [key, value] of Object.entries(binary)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(root('binaryData').key(key), key, m));
    total += base64Length(value ?? '');
  }
  // upstream reports the whole object with field.NewPath(""), which prints as "[]"
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(new Path().key(''), '', MAX_SECRET_SIZE));
  return errs;
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata, META_OPTS);
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(forbidden(root('immutable'), 'field is immutable when `immutable` is set'));
    if (!deepEqual(cm.data ?? {}, old.data ?? {})) errs.push(forbidden(root('data'), 'field is immutable when `immutable` is set'));
    if (!deepEqual(cm.binaryData ?? {}, old.binaryData ?? {})) errs.push(forbidden(root('binaryData'), 'field is immutable when `immutable` is set'));
  }
  errs.push(...validateConfigMapData(cm));
  return errs;
}

export const configMapPrinter: Printer<ConfigMap> = {
  columns: [nameColumn, col('Data', 'Number of entries in data and binaryData', 'integer'), ageColumn],
  row: (cm, now) => [
    cm.metadata?.name ?? '',
    Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
    age(cm.metadata?.creationTimestamp, now),
  ],
};

export const configMapResource: ResourceInfo<ConfigMap> = {
  group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', singular: 'configmap',
  namespaced: true, shortNames: ['cm'], categories: [], subresources: [],
  schema: ConfigMap,
  validate: validateConfigMap,
  validateUpdate: validateConfigMapUpdate,
  printer: configMapPrinter,
};
