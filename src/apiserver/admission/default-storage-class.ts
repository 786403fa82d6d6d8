// DefaultStorageClass: a claim that names no storage class gets the cluster's default one
// (annotated storageclass.kubernetes.io/is-default-class=true; the newest when several are).
import type { StorageClass } from '../../api/storage/v1/storageclass.js';
import { isDefaultStorageClass } from '../../api/storage/v1/storageclass.js';
import type { AdmissionPlugin } from '../chain.js';
import { infoFor, isResource, listAll, type AdmissionDeps } from './util.js';

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** The default class: newest creationTimestamp first, then name. */
export function pickDefaultClass(classes: StorageClass[]): StorageClass | undefined {
  const defaults = classes.filter(isDefaultStorageClass);
  defaults.sort((x, y) => {
    const tx = x.metadata?.creationTimestamp ?? '';
    const ty = y.metadata?.creationTimestamp ?? '';
    if (tx !== ty) return tx < ty ? 1 : -1;
    const nx = x.metadata?.name ?? '';
    const ny = y.metadata?.name ?? '';
    return nx < ny ? -1 : nx > ny ? 1 : 0;
  });
  return defaults[0];
}

export function defaultStorageClass({ registry, scheme }: AdmissionDeps): AdmissionPlugin {
  const scInfo = infoFor(scheme, 'storage.k8s.io', 'v1', 'storageclasses');
  return {
    name: 'DefaultStorageClass',
    async admit(a) {
      if (!isResource(a, '', 'persistentvolumeclaims') || a.operation !== 'CREATE' || !a.object) return;
      const pvc = a.object as { metadata?: { annotations?: Record<string, string> }; spec?: { storageClassName?: string | null } };
      if (pvc.spec?.storageClassName !== undefined && pvc.spec.storageClassName !== null) return;
      if (pvc.metadata?.annotations?.[BETA_CLASS_ANNOTATION] !== undefined) return;
      const def = pickDefaultClass(await listAll<StorageClass>(registry, scInfo));
      if (!def?.metadata?.name) return;
      pvc.spec = { ...(pvc.spec ?? {}), storageClassName: def.metadata.name };
    },
  };
}
