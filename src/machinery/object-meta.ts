// ObjectMeta rules (k8s.io/apimachinery/pkg/api/validation/objectmeta.go and the
// registry's create/update preparation): validation of names, namespace, labels,
// annotations, owner references and finalizers, and what the server sets itself.
import type { ObjectMeta, OwnerReference } from '../api/meta/v1/types.js';
import { type FieldError, type Path, forbidden, invalid, required, root, tooLong } from './field-errors.js';
import {
  IMMUTABLE, NON_NEGATIVE, type NameValidator, isDNS1123Label, isQualifiedName, isValidLabelValue,
} from './validation.js';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** Finalizers the system understands without a domain prefix. */
export const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

export function validateLabels(labels: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const m of isQualifiedName(k)) errs.push(invalid(path, k, m));
    for (const m of isValidLabelValue(v)) errs.push(invalid(path, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    size += k.length + v.length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function validateOwnerReferences(refs: OwnerReference[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  for (const ref of refs ?? []) {
    if (!ref.apiVersion) errs.push(invalid(path.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(path.child('kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(path.child('name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) controllers.push(`Kind=${ref.kind}, Name=${ref.name}`);
  }
  if (controllers.length > 1) {
    errs.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`));
  }
  return errs;
}

export function validateFinalizers(finalizers: string[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of finalizers ?? []) {
    for (const m of isQualifiedName(f)) errs.push(invalid(path, finalizers, m));
    if (seen.has(f)) errs.push(invalid(path, finalizers, `duplicate finalizer: ${f}`));
    seen.add(f);
  }
  return errs;
}

export interface MetaValidationOptions {
  namespaced: boolean;
  /** how the name is checked; most kinds use DNS subdomains */
  nameValidator: NameValidator;
}

/** ValidateObjectMeta: the rules every object's metadata obeys on create. */
export function validateObjectMeta(meta: ObjectMeta | undefined, opts: MetaValidationOptions, path: Path = root('metadata')): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of opts.nameValidator(m.generateName, true)) errs.push(invalid(path.child('generateName'), m.generateName, msg));
  }
  if (!m.name) {
    errs.push(required(path.child('name'), 'name or generateName is required'));
  } else {
    for (const msg of opts.nameValidator(m.name, false)) errs.push(invalid(path.child('name'), m.name, msg));
  }
  if (opts.namespaced) {
    if (!m.namespace) errs.push(required(path.child('namespace'), ''));
    else for (const msg of isDNS1123Label(m.namespace)) errs.push(invalid(path.child('namespace'), m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  if (m.generation !== undefined && m.generation < 0) errs.push(invalid(path.child('generation'), m.generation, NON_NEGATIVE));
  errs.push(...validateLabels(m.labels, path.child('labels')));
  errs.push(...validateAnnotations(m.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, path.child('finalizers')));
  return errs;
}

function immutable(newValue: unknown, oldValue: unknown, path: Path): FieldError[] {
  return newValue === oldValue ? [] : [invalid(path, newValue ?? '', IMMUTABLE)];
}

/** ValidateObjectMetaUpdate: create rules again plus what may never change. */
export function validateObjectMetaUpdate(meta: ObjectMeta | undefined, old: ObjectMeta | undefined, opts: MetaValidationOptions, path: Path = root('metadata')): FieldError[] {
  const m = meta ?? {};
  const o = old ?? {};
  const errs = validateObjectMeta(m, opts, path);
  errs.push(...immutable(m.name, o.name, path.child('name')));
  errs.push(...immutable(m.namespace, o.namespace, path.child('namespace')));
  errs.push(...immutable(m.uid, o.uid, path.child('uid')));
  errs.push(...immutable(m.creationTimestamp, o.creationTimestamp, path.child('creationTimestamp')));
  if (o.deletionTimestamp && m.deletionTimestamp !== o.deletionTimestamp) {
    errs.push(...immutable(m.deletionTimestamp, o.deletionTimestamp, path.child('deletionTimestamp')));
  }
  if (o.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds !== o.deletionGracePeriodSeconds) {
    errs.push(...immutable(m.deletionGracePeriodSeconds, o.deletionGracePeriodSeconds, path.child('deletionGracePeriodSeconds')));
  }
  if (m.generation !== undefined && o.generation !== undefined && m.generation < o.generation) {
    errs.push(invalid(path.child('generation'), m.generation, 'must not be decremented'));
  }
  return errs;
}

/** RFC 3339 with second precision, as metav1.Time serializes: 2024-01-02T15:04:05Z */
export function rfc3339(d: Date = new Date()): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** RFC 3339 with microseconds, as metav1.MicroTime serializes: 2024-01-02T15:04:05.123456Z */
export function rfc3339Micro(d: Date = new Date()): string {
  return `${d.toISOString().slice(0, 23)}000Z`;
}
