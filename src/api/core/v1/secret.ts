// core/v1 Secret: schema, defaults (including stringData folding), validation, printer and registration.
import { str, bool, map, bytes, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { age } from '../../printing.js';
import { type FieldError, forbidden, invalid, required, root, tooLong } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { IMMUTABLE, isConfigMapKey, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { MAX_SECRET_SIZE, base64Length } from './configmap.js';
import { deepEqual } from '../../../machinery/equality.js';

export const SECRET_TYPE_OPAQUE = 'Opaque';
export const SECRET_TYPE_SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';
export const SECRET_TYPE_DOCKERCFG = 'kubernetes.io/dockercfg';
export const SECRET_TYPE_DOCKER_CONFIG_JSON = 'kubernetes.io/dockerconfigjson';
export const SECRET_TYPE_BASIC_AUTH = 'kubernetes.io/basic-auth';
export const SECRET_TYPE_SSH_AUTH = 'kubernetes.io/ssh-auth';
export const SECRET_TYPE_TLS = 'kubernetes.io/tls';
export const SECRET_TYPE_BOOTSTRAP_TOKEN = 'bootstrap.kubernetes.io/token';
/** Annotations and keys of service-account token secrets. */
export const SERVICE_ACCOUNT_NAME_KEY = 'kubernetes.io/service-account.name';
export const SERVICE_ACCOUNT_UID_KEY = 'kubernetes.io/service-account.uid';

export const Secret = kindSchema('', 'v1', 'Secret', {
  immutable: bool('If true, data can never change (only metadata can).'),
  data: map(bytes(), 'The secret data, base64 on the wire; keys are file-name-like (alphanumerics, "-", "_", ".").'),
  stringData: map(str(), 'Write-only convenience: plain-text values merged into data on write; never returned.'),
  type: str('Makes the content checkable, e.g. Opaque, kubernetes.io/tls or kubernetes.io/dockerconfigjson.'),
}, 'Secret holds a small amount of sensitive data such as a password, a token or a key.');
export type Secret = Static<typeof Secret>;

/**
 * SetObjectDefaults_Secret plus the v1 → internal conversion the server does on decode:
 * stringData is folded into data (winning over data) and dropped; type defaults to Opaque.
 */
export function defaultSecret(secret: Secret): void {
  if (secret.stringData) {
    const data = { ...(secret.data ?? {}) };
    for (const [k, v] of Object.entries(secret.stringData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
    secret.data = data;
    delete secret.stringData;
  }
  if (!secret.type) secret.type = SECRET_TYPE_OPAQUE;
}

/** What encoding/json's Unmarshal into a map says about bad input, for the common cases. */
function jsonObjectError(base64: string): string | undefined {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  const trimmed = text.trim();
  if (trimmed === '') return 'unexpected end of JSON input';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const c = trimmed[0];
    if (!/[{["\-0-9tfn]/.test(c)) return `invalid character '${c}' looking for beginning of value`;
    return (e as Error).message;
  }
  if (value === null) return undefined;
  if (Array.isArray(value)) return 'json: cannot unmarshal array into Go value of type map[string]interface {}';
  if (typeof value !== 'object') return `json: cannot unmarshal ${typeof value === 'boolean' ? 'bool' : typeof value} into Go value of type map[string]interface {}`;
  return undefined;
}

const META_OPTS = { namespaced: true, nameValidator: nameIsDNSSubdomain };

export function validateSecret(secret: Secret): FieldError[] {
  return [...validateObjectMeta(secret.metadata, META_OPTS), ...validateSecretData(secret)];
}

function validateSecretData(secret: Secret): FieldError[] {
  const errs: FieldError[] = [];
  const dataPath = root('data');
  const data = secret.data ?? {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(dataPath.key(key), key, m));
    total += base64Length(value ?? '');
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, '', MAX_SECRET_SIZE));

  switch (secret.type) {
    case SECRET_TYPE_SERVICE_ACCOUNT_TOKEN:
      if (!secret.metadata?.annotations?.[SERVICE_ACCOUNT_NAME_KEY]) {
        errs.push(required(root('metadata', 'annotations').key(SERVICE_ACCOUNT_NAME_KEY), ''));
      }
      break;
    case SECRET_TYPE_DOCKERCFG:
    case SECRET_TYPE_DOCKER_CONFIG_JSON: {
      const key = secret.type === SECRET_TYPE_DOCKERCFG ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) {
        errs.push(required(dataPath.key(key), ''));
        break;
      }
      const problem = jsonObjectError(data[key]);
      if (problem) errs.push(invalid(dataPath.key(key), '<secret contents redacted>', problem));
      break;
    }
    case SECRET_TYPE_BASIC_AUTH:
      if (!has('username') && !has('password')) {
        errs.push(required(dataPath.key('username'), ''), required(dataPath.key('password'), ''));
      }
      break;
    case SECRET_TYPE_SSH_AUTH:
      if (!data['ssh-privatekey'] || base64Length(data['ssh-privatekey']) === 0) errs.push(required(dataPath.key('ssh-privatekey'), ''));
      break;
    case SECRET_TYPE_TLS:
      if (!has('tls.crt')) errs.push(required(dataPath.key('tls.crt'), ''));
      if (!has('tls.key')) errs.push(required(dataPath.key('tls.key'), ''));
      break;
    default:
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata, META_OPTS);
  if ((secret.type ?? '') !== (old.type ?? '')) errs.push(invalid(root('type'), secret.type ?? '', IMMUTABLE));
  if (old.immutable === true) {
    if (secret.immutable !== true) errs.push(forbidden(root('immutable'), 'field is immutable when `immutable` is set'));
    if (!deepEqual(secret.data ?? {}, old.data ?? {})) errs.push(forbidden(root('data'), 'field is immutable when `immutable` is set'));
  }
  errs.push(...validateSecretData(secret));
  return errs;
}

export const secretPrinter: Printer<Secret> = {
  columns: [nameColumn, col('Type', 'The type of the secret'), col('Data', 'Number of entries in data', 'integer'), ageColumn],
  row: (s, now) => [s.metadata?.name ?? '', s.type ?? '', Object.keys(s.data ?? {}).length, age(s.metadata?.creationTimestamp, now)],
};

export const secretResource: ResourceInfo<Secret> = {
  group: '', version: 'v1', kind: 'Secret', resource: 'secrets', singular: 'secret',
  namespaced: true, shortNames: [], categories: [], subresources: [],
  schema: Secret,
  defaults: defaultSecret,
  validate: validateSecret,
  validateUpdate: validateSecretUpdate,
  selectableFields: (s) => ({ type: s.type ?? '' }),
  printer: secretPrinter,
};
