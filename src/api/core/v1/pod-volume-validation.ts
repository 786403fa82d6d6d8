// Validation of a pod's volumes (upstream ValidateVolumes and validateVolumeSource):
// unique DNS-label names, exactly one source each, and the rules of every source,
// including the claim template of generic ephemeral volumes.
import {
  type FieldError, type Path, forbidden, invalid, notSupported, required, duplicate,
} from '../../../machinery/field-errors.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { validateAnnotations, validateLabels } from '../../../machinery/object-meta.js';
import { parseQuantity } from '../../../machinery/quantity.js';
import type { ObjectMeta } from '../../meta/v1/types.js';
import { VOLUME_SOURCE_FIELDS, type PersistentVolumeClaimTemplate, type Volume } from './pod-volume.js';
import { validatePersistentVolumeClaimSpec } from './persistent-volume-claim.js';
import {
  MORE_THAN_ONE, dnsLabelErrors, validateCSIDriverName, validateDownwardAPIFile, validateHostPathVolumeSource,
  validateKeyToPath, validateMode, validateNFSVolumeSource, validateProjected,
} from './volume-validation.js';

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
        else {
          errs.push(...validateClaimTemplate(v.ephemeral!.volumeClaimTemplate, p.child('volumeClaimTemplate')));
        }
        if (v.ephemeral!.volumeClaimTemplate && podMeta?.name && v.name) {
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

/** ValidatePersistentVolumeClaimTemplate: only labels and annotations in its metadata, and a valid claim spec. */
function validateClaimTemplate(t: PersistentVolumeClaimTemplate, path: Path): FieldError[] {
  const mp = path.child('metadata');
  const errs = [...validateAnnotations(t.metadata?.annotations, mp.child('annotations')), ...validateLabels(t.metadata?.labels, mp.child('labels'))];
  for (const [k, v] of Object.entries(t.metadata ?? {})) {
    if (k !== 'labels' && k !== 'annotations' && v !== undefined) errs.push(forbidden(mp.child(k), 'cannot be set'));
  }
  errs.push(...validatePersistentVolumeClaimSpec(t.spec, path.child('spec')));
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
