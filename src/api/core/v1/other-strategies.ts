// What the registry does around validation for the kinds in other-resources.ts, beyond
// ResourceInfo's defaults/validate/validateUpdate: the create/update preparation of upstream's
// strategies (PrepareForCreate/PrepareForUpdate) and the status/finalize subresources.
// The API server looks these up by resource name.
import type { FieldError } from '../../../machinery/field-errors.js';
import { validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import type { KubeObject } from '../../meta/v1/types.js';
import {
  type Namespace, prepareNamespaceForCreate, prepareNamespaceForUpdate, validateNamespaceFinalizeUpdate, validateNamespaceStatusUpdate,
} from './namespace.js';
import type { Service } from './service.js';
import { prepareServiceForCreate, prepareServiceForUpdate } from './service-defaults.js';
import { validateServiceStatusUpdate } from './service-validation.js';
import { type Node, prepareNodeForUpdate, prepareNodeStatusForUpdate } from './node.js';
import {
  type PersistentVolume, preparePersistentVolumeForCreate, preparePersistentVolumeForUpdate, validatePersistentVolumeStatusUpdate,
} from './persistent-volume.js';
import {
  type PersistentVolumeClaim, preparePersistentVolumeClaimForCreate, preparePersistentVolumeClaimForUpdate,
  validatePersistentVolumeClaimStatusUpdate,
} from './persistent-volume-claim.js';
import {
  type ResourceQuota, prepareResourceQuotaForCreate, prepareResourceQuotaForUpdate, validateResourceQuotaStatusUpdate,
} from './resource-quota.js';

export interface SubresourceStrategy<T> {
  /** PrepareForUpdate of the subresource: what the write may not change is taken from the old object. */
  prepareForUpdate(obj: T, old: T): void;
  validateUpdate(obj: T, old: T): FieldError[];
}

export interface RegistryStrategy<T> {
  /** PrepareForCreate, after defaulting and before validation. */
  prepareForCreate?(obj: T, now: Date): void;
  /** PrepareForUpdate of the main resource, after defaulting and before validateUpdate. */
  prepareForUpdate?(obj: T, old: T): void;
  /** by subresource name: status, finalize */
  subresources?: Record<string, SubresourceStrategy<T>>;
}

/** The status subresource keeps the spec of the stored object. */
function keepSpec<T extends KubeObject>(obj: T, old: T): void {
  if (old.spec === undefined) delete obj.spec;
  else (obj as KubeObject).spec = structuredClone(old.spec);
}

export const otherStrategies: Record<string, RegistryStrategy<KubeObject>> = {
  namespaces: {
    prepareForCreate: (o) => prepareNamespaceForCreate(o as Namespace),
    prepareForUpdate: (o, old) => prepareNamespaceForUpdate(o as Namespace, old as Namespace),
    subresources: {
      status: { prepareForUpdate: keepSpec, validateUpdate: (o, old) => validateNamespaceStatusUpdate(o as Namespace, old as Namespace) },
      finalize: {
        prepareForUpdate: (o, old) => { (o as Namespace).status = structuredClone((old as Namespace).status); },
        validateUpdate: (o, old) => validateNamespaceFinalizeUpdate(o as Namespace, old as Namespace),
      },
    },
  },
  services: {
    prepareForCreate: (o) => prepareServiceForCreate(o as Service),
    prepareForUpdate: (o, old) => prepareServiceForUpdate(o as Service, old as Service),
    subresources: {
      status: { prepareForUpdate: keepSpec, validateUpdate: (o, old) => validateServiceStatusUpdate(o as Service, old as Service) },
    },
  },
  nodes: {
    prepareForUpdate: (o, old) => prepareNodeForUpdate(o as Node, old as Node),
    subresources: {
      status: {
        prepareForUpdate: (o, old) => prepareNodeStatusForUpdate(o as Node, old as Node),
        validateUpdate: (o, old) => validateObjectMetaUpdate(o.metadata, old.metadata, { namespaced: false, nameValidator: nameIsDNSSubdomain }),
      },
    },
  },
  persistentvolumes: {
    prepareForCreate: (o, now) => preparePersistentVolumeForCreate(o as PersistentVolume, now),
    prepareForUpdate: (o, old) => preparePersistentVolumeForUpdate(o as PersistentVolume, old as PersistentVolume),
    subresources: {
      status: { prepareForUpdate: keepSpec, validateUpdate: (o, old) => validatePersistentVolumeStatusUpdate(o as PersistentVolume, old as PersistentVolume) },
    },
  },
  persistentvolumeclaims: {
    prepareForCreate: (o) => preparePersistentVolumeClaimForCreate(o as PersistentVolumeClaim),
    prepareForUpdate: (o, old) => preparePersistentVolumeClaimForUpdate(o as PersistentVolumeClaim, old as PersistentVolumeClaim),
    subresources: {
      status: {
        prepareForUpdate: keepSpec,
        validateUpdate: (o, old) => validatePersistentVolumeClaimStatusUpdate(o as PersistentVolumeClaim, old as PersistentVolumeClaim),
      },
    },
  },
  resourcequotas: {
    prepareForCreate: (o) => prepareResourceQuotaForCreate(o as ResourceQuota),
    prepareForUpdate: (o, old) => prepareResourceQuotaForUpdate(o as ResourceQuota, old as ResourceQuota),
    subresources: {
      status: { prepareForUpdate: keepSpec, validateUpdate: (o, old) => validateResourceQuotaStatusUpdate(o as ResourceQuota, old as ResourceQuota) },
    },
  },
};
