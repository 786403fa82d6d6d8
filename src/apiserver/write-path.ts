// The one sequence every write goes through — REST verbs, every subresource, bootstrap
// objects, in-server writers and admission plugins that create objects:
//   defaults (decoding) → mutating admission → strategy preparation → validation (the
//   subresource's own) → validating admission → managedFields → storage,
// with the resourceVersion precondition and dry run handled here once.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { ResourceInfo } from '../api/scheme.js';
import { ConflictError, InvalidError } from '../machinery/errors.js';
import { type FieldError, required, root } from '../machinery/field-errors.js';
import type { AdmissionOperation } from './chain.js';
import { recordManager } from './managed-fields.js';
import type { Registry, UpdateResult } from './registry.js';
import type { ServiceAllocator } from './service-alloc.js';
import { objectSubresourceOf, prepareForCreate, prepareForUpdate } from './strategy.js';

/** The admission chain as a write sees it (admission-hooks.ts builds it for a request). */
export interface WriteAdmission {
  mutate(op: AdmissionOperation, obj: KubeObject | undefined, old: KubeObject | undefined, subresource: string): Promise<void>;
  validate(op: AdmissionOperation, obj: KubeObject | undefined, old: KubeObject | undefined, subresource: string): Promise<void>;
}

export interface Write {
  info: ResourceInfo;
  registry: Registry;
  /** who the change is recorded under in managedFields */
  manager: string;
  /** '' for the main resource; status, finalize, scale, binding, … */
  subresource?: string;
  operation?: 'Update' | 'Apply';
  dryRun?: boolean;
  /** absent for the server's own writes (bootstrap, policy), which upstream's loopback client makes as system:masters */
  admission?: WriteAdmission;
  /** the Service IP allocator, for creates of services */
  allocator?: ServiceAllocator;
  /**
   * false only for the server's own endpoints of itself when it listens on loopback alone:
   * validation keeps users from publishing loopback addresses, but that is where it serves
   */
  validate?: boolean;
}

/**
 * A subresource whose request object is of another kind (autoscaling/v1 Scale, Binding):
 * admission and validation see the view; apply turns it into the stored object.
 */
export interface View {
  group: string;
  kind: string;
  operation: AdmissionOperation;
  /** the view of the stored object (the old object admission sees); absent for actions (binding) */
  of?(current: KubeObject): KubeObject;
  validate(view: KubeObject): FieldError[];
  /** the stored object after the write, from a copy of the current one */
  apply(current: KubeObject, view: KubeObject): KubeObject;
  /** the result is an update of the main resource: prepared and validated as one (scale) */
  updatesMain: boolean;
}

export interface UpdatePlan {
  /**
   * the request's object for this attempt, from the current state (which it must leave as it is):
   * the body, the patched object, a view; undefined = nothing to write
   */
  incoming(current: KubeObject): KubeObject | undefined | Promise<KubeObject | undefined>;
  view?: View;
  /** managedFields for this write instead of recordManager (server-side apply's ownership) */
  fields?(next: KubeObject, current: KubeObject): void;
}

function invalid(group: string, kind: string, name: string, errs: FieldError[]): void {
  if (errs.length) throw new InvalidError(group, kind, name, errs);
}

const validationOf = (info: ResourceInfo, obj: KubeObject, old?: KubeObject): FieldError[] =>
  old ? info.validateUpdate?.(obj, old) ?? info.validate?.(obj) ?? [] : info.validate?.(obj) ?? [];

/** Creates obj (parsed, kind- and namespace-checked) through the whole sequence; returns it stored. */
export async function createObject(w: Write, obj: KubeObject): Promise<KubeObject> {
  const { info } = w;
  info.defaults?.(obj);
  await w.admission?.mutate('CREATE', obj, undefined, '');
  prepareForCreate(info, obj);
  const name = obj.metadata?.name ?? '';
  if (!name) invalid(info.group, info.kind, '', [required(root('metadata', 'name'), 'name or generateName is required')]);
  if (w.validate !== false) invalid(info.group, info.kind, name, validationOf(info, obj));
  await w.admission?.validate('CREATE', obj, undefined, '');
  recordManager(info, obj, undefined, w.manager, w.operation ?? 'Update', '');
  const dryRun = w.dryRun ?? false;
  const allocator = w.allocator;
  if (allocator && info.group === '' && info.resource === 'services') {
    return allocator.exclusive(async () => {
      allocator.allocate(w.registry, info, obj);
      const created = await w.registry.create(info, obj, dryRun);
      if (!dryRun) await w.registry.cache.waitUntilFresh(Number(created.metadata?.resourceVersion));
      return created;
    });
  }
  return w.registry.create(info, obj, dryRun);
}

/**
 * The steps of an update between reading the current object and storing the next one:
 * precondition, defaults, mutating admission, preparation, validation, validating admission.
 */
export async function admitUpdate(w: Write, incoming: KubeObject, current: KubeObject, view?: View): Promise<KubeObject> {
  const { info } = w;
  const sub = w.subresource ?? '';
  const name = current.metadata?.name ?? '';
  const want = incoming.metadata?.resourceVersion;
  if (want && want !== current.metadata?.resourceVersion && view?.operation !== 'CREATE') {
    throw new ConflictError({ group: info.group, resource: info.resource }, name);
  }
  if (view) {
    const old = view.of?.(current);
    await w.admission?.mutate(view.operation, incoming, old, sub);
    invalid(view.group, view.kind, name, view.validate(incoming));
    let next = view.apply(structuredClone(current), incoming);
    if (view.updatesMain) {
      next = prepareForUpdate(info, next, current, '');
      invalid(info.group, info.kind, name, validationOf(info, next, current));
    }
    await w.admission?.validate(view.operation, incoming, old, sub);
    return next;
  }
  info.defaults?.(incoming);
  await w.admission?.mutate('UPDATE', incoming, current, sub);
  const next = prepareForUpdate(info, incoming, current, sub);
  const own = sub ? objectSubresourceOf(info, sub) : undefined;
  if (w.validate !== false) invalid(info.group, info.kind, name, own ? own.validateUpdate(next, current) : validationOf(info, next, current));
  await w.admission?.validate('UPDATE', next, current, sub);
  return next;
}

/** Updates namespace/name through the whole sequence, retrying the plan on concurrent writes. */
export async function updateObject(w: Write, namespace: string, name: string, plan: UpdatePlan): Promise<UpdateResult> {
  return w.registry.update(w.info, namespace, name, async (current) => {
    const incoming = await plan.incoming(current);
    if (!incoming) return current;
    if (incoming === current) throw new Error('write path: an update plan must return a new object, not change the current one');
    const old = current;
    const next = await admitUpdate(w, incoming, old, plan.view);
    if (plan.fields) plan.fields(next, old);
    else recordManager(w.info, next, old, w.manager, w.operation ?? 'Update', w.subresource ?? '');
    return next;
  }, w.dryRun ?? false);
}
