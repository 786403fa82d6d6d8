// Validation of volume sources (upstream's validate*VolumeSource functions). The host path,
// NFS, local and CSI validators are also used by PersistentVolume; a pod's list of volumes
// is validated in pod-volume-validation.ts.
import {
  type FieldError, type Path, forbidden, invalid, notSupported, required, tooLong,
} from '../../../machinery/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../../../machinery/validation.js';
import {
  HOST_PATH_TYPES,
  type CSIPersistentVolumeSource, type DownwardAPIVolumeFile, type HostPathVolumeSource, type KeyToPath,
  type LocalVolumeSource, type NFSVolumeSource, type ProjectedVolumeSource, type SecretReference,
} from './volume.js';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './field-selector-validation.js';

export const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
export const MORE_THAN_ONE = 'may not specify more than 1 volume type';

export function dnsLabelErrors(value: string, path: Path): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(path, value, m));
}

export function dnsSubdomainErrors(value: string, path: Path): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(path, value, m));
}

/** No ".." element. */
export function validatePathNoBacksteps(target: string, path: Path): FieldError[] {
  return target.split('/').includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

/** Relative and without "..". */
export function validateLocalDescendingPath(target: string, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

/** ValidateLocalNonReservedPath: relative, no "..", not starting with "..". */
export function validateLocalNonReservedPath(target: string, path: Path): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}

export function validateMode(mode: number | undefined, path: Path): FieldError[] {
  return mode !== undefined && mode !== null && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

export function validateKeyToPath(kp: KeyToPath, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!kp.key) errs.push(required(path.child('key')));
  if (!kp.path) errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', path.child('path')));
  errs.push(...validateMode(kp.mode, path.child('mode')));
  return errs;
}

export function validateHostPathVolumeSource(hp: HostPathVolumeSource, path: Path): FieldError[] {
  if (!hp.path) return [required(path.child('path'))];
  const errs = validatePathNoBacksteps(hp.path, path.child('path'));
  if (hp.type !== undefined && hp.type !== null && !(HOST_PATH_TYPES as readonly string[]).includes(hp.type)) {
    errs.push(notSupported(path.child('type'), hp.type, HOST_PATH_TYPES));
  }
  return errs;
}

export function validateNFSVolumeSource(nfs: NFSVolumeSource, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!nfs.server) errs.push(required(path.child('server')));
  if (!nfs.path) errs.push(required(path.child('path')));
  if (!(nfs.path ?? '').startsWith('/')) errs.push(invalid(path.child('path'), nfs.path ?? '', 'must be an absolute path'));
  return errs;
}

export function validateLocalVolumeSource(ls: LocalVolumeSource, path: Path): FieldError[] {
  if (!ls.path) return [required(path.child('path'))];
  return validatePathNoBacksteps(ls.path, path.child('path'));
}

export function validateCSIDriverName(driver: string | undefined, path: Path): FieldError[] {
  const d = driver ?? '';
  const errs: FieldError[] = [];
  if (!d) errs.push(required(path));
  if (d.length > 63) errs.push(tooLong(path, '', 63));
  for (const m of isDNS1123Subdomain(d.toLowerCase())) errs.push(invalid(path, d, m));
  return errs;
}

/** validatePVSecretReference: name (DNS subdomain) and namespace (DNS label) both required. */
export function validateSecretReference(ref: SecretReference, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!ref.name) errs.push(required(path.child('name')));
  else errs.push(...dnsSubdomainErrors(ref.name, path.child('name')));
  if (!ref.namespace) errs.push(required(path.child('namespace')));
  else errs.push(...dnsLabelErrors(ref.namespace, path.child('namespace')));
  return errs;
}

export function validateCSIPersistentVolumeSource(csi: CSIPersistentVolumeSource, path: Path): FieldError[] {
  const errs = validateCSIDriverName(csi.driver, path.child('driver'));
  if (!csi.volumeHandle) errs.push(required(path.child('volumeHandle')));
  for (const key of ['controllerPublishSecretRef', 'controllerExpandSecretRef', 'nodePublishSecretRef', 'nodeExpandSecretRef'] as const) {
    const ref = csi[key];
    if (ref) errs.push(...validateSecretReference(ref, path.child(key)));
  }
  return errs;
}

const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

export function validateDownwardAPIFile(file: DownwardAPIVolumeFile, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!file.path) errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(file.path ?? '', path.child('path')));
  if (file.fieldRef) {
    errs.push(...validateObjectFieldSelector(file.fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef')));
    if (file.resourceFieldRef) errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    errs.push(...validateResourceFieldSelector(file.resourceFieldRef, path.child('resourceFieldRef'), true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file.mode, path.child('mode')));
  return errs;
}

export function validateProjected(p: ProjectedVolumeSource, path: Path): FieldError[] {
  const errs = validateMode(p.defaultMode, path.child('defaultMode'));
  const allPaths = new Set<string>();
  const seen = (file: string, value: unknown): void => {
    if (allPaths.has(file)) errs.push(invalid(path, value, 'conflicting duplicate paths'));
    else allPaths.add(file);
  };
  (p.sources ?? []).forEach((src, i) => {
    const srcPath = path.child('sources').index(i);
    let n = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const s = src[kind];
      if (!s) continue;
      n++;
      const projPath = srcPath.child(kind);
      if (!s.name) errs.push(required(projPath.child('name')));
      (s.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, projPath.child('items').index(j)));
        if (kp.path) seen(kp.path, s.name ?? '');
      });
    }
    if (src.downwardAPI) {
      n++;
      for (const file of src.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIFile(file, srcPath.child('downwardAPI')));
        if (file.path) seen(file.path, file.path);
      }
    }
    if (src.serviceAccountToken) {
      n++;
      const t = src.serviceAccountToken;
      const exp = t.expirationSeconds ?? 0;
      const ep = srcPath.child('serviceAccountToken', 'expirationSeconds');
      if (exp < 600) errs.push(invalid(ep, exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(ep, exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!t.path) errs.push(required(path.child('path')));
      else errs.push(...validateLocalNonReservedPath(t.path, path.child('path')));
    }
    if (src.clusterTrustBundle) {
      n++;
      const b = src.clusterTrustBundle;
      const bp = srcPath.child('clusterTrustBundle');
      if (b.name !== undefined && b.signerName !== undefined) errs.push(invalid(bp, b, 'only one of name and signerName may be used'));
      else if (b.name === undefined && b.signerName === undefined) errs.push(required(bp, 'either name or signerName must be specified'));
      if (!b.path) errs.push(required(bp.child('path')));
      errs.push(...validateLocalNonReservedPath(b.path ?? '', bp.child('path')));
      seen(b.path ?? '', b.path ?? '');
    }
    if (n > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

