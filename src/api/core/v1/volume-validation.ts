// Validation of pod volumes and their sources (upstream ValidateVolumes and the
// validate*VolumeSource functions). The host path, NFS, local and CSI validators are
// exported for PersistentVolume, which shares those sources.
import {
  type FieldError, type Path, forbidden, invalid, notSupported, required, duplicate, tooLong,
} from '../../../machinery/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { parseQuantity } from '../../../machinery/quantity.js';
import type { ObjectMeta } from '../../meta/v1/types.js';
import {
  HOST_PATH_TYPES, VOLUME_SOURCE_FIELDS,
  type CSIPersistentVolumeSource, type DownwardAPIVolumeFile, type HostPathVolumeSource, type KeyToPath,
  type LocalVolumeSource, type NFSVolumeSource, type ProjectedVolumeSource, type SecretReference, type Volume,
} from './volume.js';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './field-selector-validation.js';

export const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const MORE_THAN_ONE = 'may not specify more than 1 volume type';

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

function validateMode(mode: number | undefined, path: Path): FieldError[] {
  return mode !== undefined && mode !== null && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function validateKeyToPath(kp: KeyToPath, path: Path): FieldError[] {
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

function validateDownwardAPIFile(file: DownwardAPIVolumeFile, path: Path): FieldError[] {
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

function validateProjected(p: ProjectedVolumeSource, path: Path): FieldError[] {
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

function validateSource(v: Volume, path: Path, podMeta: ObjectMeta | undefined, resourceIsPod: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const src = v as Record<string, unknown>;
  for (const kind of VOLUME_SOURCE_FIELDS) {
    if (src[kind] === undefined || src[kind] === null) continue;
    if (n > 0) {
      // upstream names the downwardAPI field "downwarAPI" in this one message
      errs.push(forbidden(path.child(kind === 'downwardAPI' ? 'downwarAPI' : kind), MORE_THAN_ONE));
      continue;
    }
    n++;
    const p = path.child(kind);
    switch (kind) {
      case 'emptyDir': {
        const limit = v.emptyDir?.sizeLimit;
        if (limit !== undefined && isNegative(limit)) errs.push(forbidden(p.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        break;
      }
      case 'hostPath': errs.push(...validateHostPathVolumeSource(v.hostPath!, p)); break;
      case 'secret': {
        const s = v.secret!;
        if (!s.secretName) errs.push(required(p.child('secretName')));
        errs.push(...validateMode(s.defaultMode, p.child('defaultMode')));
        (s.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
        break;
      }
      case 'configMap': {
        const c = v.configMap!;
        if (!c.name) errs.push(required(p.child('name')));
        errs.push(...validateMode(c.defaultMode, p.child('defaultMode')));
        (c.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
        break;
      }
      case 'nfs': errs.push(...validateNFSVolumeSource(v.nfs!, p)); break;
      case 'persistentVolumeClaim':
        if (!v.persistentVolumeClaim!.claimName) errs.push(required(p.child('claimName')));
        break;
      case 'downwardAPI':
        errs.push(...validateMode(v.downwardAPI!.defaultMode, p.child('defaultMode')));
        for (const file of v.downwardAPI!.items ?? []) errs.push(...validateDownwardAPIFile(file, p));
        break;
      case 'projected': errs.push(...validateProjected(v.projected!, p)); break;
      case 'csi': {
        const c = v.csi!;
        errs.push(...validateCSIDriverName(c.driver, p.child('driver')));
        if (c.nodePublishSecretRef) {
          const name = c.nodePublishSecretRef.name ?? '';
          if (!name) errs.push(required(p.child('nodePublishSecretRef', 'name')));
          else for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(p.child('name'), name, m));
        }
        break;
      }
      case 'ephemeral':
        if (!v.ephemeral!.volumeClaimTemplate) errs.push(required(p.child('volumeClaimTemplate')));
        else if (podMeta?.name && v.name) {
          const pvcName = `${podMeta.name}-${v.name}`;
          for (const m of nameIsDNSSubdomain(pvcName, false)) errs.push(invalid(path.child('name'), v.name, `PVC name "${pvcName}": ${m}`));
        }
        break;
      case 'image': {
        const img = v.image!;
        if (resourceIsPod && !img.reference) errs.push(required(p.child('reference')));
        const pp = img.pullPolicy ?? '';
        if (!pp) errs.push(required(p.child('pullPolicy')));
        else if (!['Always', 'IfNotPresent', 'Never'].includes(pp)) errs.push(notSupported(p.child('pullPolicy'), pp, ['Always', 'IfNotPresent', 'Never']));
        break;
      }
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function isNegative(q: string): boolean {
  try {
    return parseQuantity(q).sign() < 0;
  } catch {
    return false;
  }
}

/** ValidateVolumes: returns the valid volumes by name (for mount checks) and the errors. */
export function validateVolumes(volumes: Volume[] | undefined, podMeta: ObjectMeta | undefined, path: Path, resourceIsPod = podMeta !== undefined): { volumes: Map<string, Volume>; errors: FieldError[] } {
  const byName = new Map<string, Volume>();
  const errors: FieldError[] = [];
  const created = new Set<string>();
  if (podMeta?.name) for (const v of volumes ?? []) if (v.ephemeral) created.add(`${podMeta.name}-${v.name}`);
  (volumes ?? []).forEach((v, i) => {
    const p = path.index(i);
    const el = validateSource(v, p, podMeta, resourceIsPod);
    if (!v.name) el.push(required(p.child('name')));
    else el.push(...dnsLabelErrors(v.name, p.child('name')));
    if (byName.has(v.name)) el.push(duplicate(p.child('name'), v.name));
    if (el.length === 0) byName.set(v.name, v);
    else errors.push(...el);
    if (v.persistentVolumeClaim && created.has(v.persistentVolumeClaim.claimName)) {
      errors.push(invalid(p.child('persistentVolumeClaim', 'claimName'), v.persistentVolumeClaim.claimName, 'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: byName, errors };
}
