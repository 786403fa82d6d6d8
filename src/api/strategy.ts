// A resource's behaviour on writes, beside its schema on the scheme entry (upstream's
// registry strategies): what create and update prepare, whether generation is tracked,
// whether PUT may create, how deletion is graced, and the strategy of each subresource.
// The API server reads these and nothing else; a kind without one gets the generic rules
// (status is a subresource when listed; spec changes bump generation).
import type { FieldError } from '../machinery/field-errors.js';
import type { DeleteOptions, KubeObject, ObjectMeta } from './meta/v1/types.js';

/**
 * A subresource that writes the same kind (status, finalize, later ephemeralcontainers,
 * resize): prepareForUpdate copies from the stored object everything the write may not change.
 */
export interface ObjectSubresource<T = KubeObject> {
  type: 'object';
  /** verbs served on it: get, update, patch */
  verbs: readonly string[];
  prepareForUpdate(obj: T, old: T): void;
  /** the subresource's own validation, instead of the kind's validateUpdate */
  validateUpdate(obj: T, old: T): FieldError[];
}

/** autoscaling/v1 Scale over the kind's replica fields (ResourceInfo.scale says where). */
export interface ScaleSubresource {
  type: 'scale';
}

/**
 * A POST of another kind that changes this object (pods/binding): validate checks the
 * posted object, apply changes the stored one (throwing a StatusError when it may not).
 */
export interface ActionSubresource<T = KubeObject> {
  type: 'action';
  kind: string;
  validate(body: KubeObject): FieldError[];
  apply(obj: T, body: KubeObject, now: Date): void;
}

/** pods/eviction: a delete through the eviction API. */
export interface EvictionSubresource {
  type: 'eviction';
}

/** log, exec, attach, portforward, proxy: served by the kubelet or the target, through the server. */
export interface ProxySubresource {
  type: 'proxy';
}

export type SubresourceStrategy<T = KubeObject> =
  | ObjectSubresource<T> | ScaleSubresource | ActionSubresource<T> | EvictionSubresource | ProxySubresource;

export interface Strategy<T = KubeObject> {
  /** PrepareForCreate, after the generic one (uid, timestamps, status reset) and before validation. */
  prepareForCreate?(obj: T, now: Date): void;
  /** PrepareForUpdate of the main resource, after the generic one (status kept) and before validateUpdate. */
  prepareForUpdate?(obj: T, old: T): void;
  /** status as created: the kind's initial status (pods Pending); absent = dropped. */
  initialStatus?(): Record<string, unknown>;
  /** a create keeps the status it was sent (a kubelet registers its Node with status) */
  statusOnCreate?: boolean;
  /** metadata.generation starts at 1 and bumps when anything but metadata and status changes; default: the kind has a spec */
  generation?: boolean;
  /** PUT of a missing object creates it (AllowCreateOnUpdate) */
  allowCreateOnUpdate?: boolean;
  /** DELETE answers with the object rather than a Status (ReturnDeletedObject) */
  returnDeletedObject?: boolean;
  /** the grace period a delete gets (graceful deletion); absent = deleted at once */
  gracePeriod?(obj: T, opts: DeleteOptions): number;
  /** what holds a deletion besides metadata.finalizers (a Namespace's spec.finalizers) */
  deletionHolds?(obj: T): readonly string[];
  /** what a deletion that has to wait for deletionHolds changes (a Namespace turns Terminating) */
  beginDeletion?(obj: T): void;
  /** the storage prefix under /registry/ when it is not the resource name (services/specs, minions) */
  storagePrefix?: string;
  /** by subresource name; every one here is listed in ResourceInfo.subresources */
  subresources?: Record<string, SubresourceStrategy<T>>;
}

type Meta = keyof ObjectMeta;

/**
 * The status subresource's strategy: everything but status comes from the stored object,
 * and of metadata the fields in `keepMeta` too (the rest a status write may change, as
 * upstream's per-kind status strategies allow); validated by the kind's status rules.
 */
export function statusSubresource<T extends KubeObject>(
  validateUpdate: (obj: T, old: T) => FieldError[], opts: { keepMeta?: Meta[]; prepare?: (obj: T, old: T) => void } = {},
): ObjectSubresource<T> {
  return {
    type: 'object',
    verbs: ['get', 'patch', 'update'],
    prepareForUpdate(obj, old) {
      keepAllBut(obj, old, 'status');
      const meta = (obj.metadata ??= {});
      for (const f of opts.keepMeta ?? []) copyField(meta, old.metadata ?? {}, f);
      opts.prepare?.(obj, old);
    },
    validateUpdate,
  };
}

/** Replaces every top-level field of obj but metadata and `field` by the old object's. */
export function keepAllBut(obj: KubeObject, old: KubeObject, field: string): void {
  for (const k of Object.keys(obj)) if (k !== 'metadata' && k !== field && k !== 'apiVersion' && k !== 'kind') delete obj[k];
  for (const [k, v] of Object.entries(old)) {
    if (k !== 'metadata' && k !== field && k !== 'apiVersion' && k !== 'kind') obj[k] = structuredClone(v);
  }
}

/** Sets `field` of obj to the old object's (deleting it when the old one has none). */
export function copyField<O extends object>(obj: O, old: O, field: keyof O): void {
  if (old[field] === undefined) delete obj[field];
  else obj[field] = structuredClone(old[field]);
}

/** The strategy of a subresource, or undefined when the kind does not serve it. */
export function subresourceStrategy(strategy: Strategy | undefined, name: string): SubresourceStrategy | undefined {
  return strategy?.subresources?.[name];
}
