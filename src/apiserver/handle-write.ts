// POST (create) and PUT (update) of objects and of their status subresource: parse the
// body, check kind and namespace, apply the server's fields, default, validate, store.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { ResourceInfo } from '../api/scheme.js';
import { BadRequestError, ConflictError, InvalidError, isNotFound } from '../machinery/errors.js';
import { required, root } from '../machinery/field-errors.js';
import { admitMutating, admitValidating } from './admission-hooks.js';
import { decodeBody, noteDuplicates } from './body.js';
import { isYaml, mediaType, parseBody, readBody } from './http.js';
import { recordManager } from './managed-fields.js';
import { dryRunOf, fieldManagerOf, fieldValidationOf, respondObject, withTypeMeta, type RestContext } from './rest-context.js';
import { checkKind, checkNamespace, prepareForCreate, prepareForUpdate } from './strategy.js';
import { kindFinderError, unparsableJson, unrecognizedBody } from './undecodable.js';

/** Kinds upstream lets PUT create (AllowCreateOnUpdate). */
const CREATE_ON_UPDATE = new Set(['/endpoints', '/events', 'events.k8s.io/events', 'coordination.k8s.io/leases']);

/** The request's body as an object of `kind`; upstream's 400 when it does not decode as one. */
export async function readObject(ctx: RestContext, kind = ctx.info.kind): Promise<KubeObject> {
  const body = await readBody(ctx.req);
  const type = ctx.req.headers['content-type'];
  const mt = mediaType(type);
  const textual = mt !== 'application/vnd.kubernetes.protobuf';
  let obj: unknown;
  try {
    obj = parseBody(body, type, ctx.scheme);
  } catch (e) {
    if (!textual || !(e instanceof BadRequestError)) throw e;
    throw isYaml(mt) ? unrecognizedBody(kind, body, e.message) : unparsableJson(kind, body, e.message);
  }
  const notObject = textual ? kindFinderError(obj) : undefined;
  if (notObject) throw unrecognizedBody(kind, body, notObject);
  const out = (obj ?? {}) as KubeObject;
  if (mt === '' || mt === 'application/json') noteDuplicates(out, body.toString('utf8'));
  return out;
}

/** Defaulting then validation; 422 Invalid with the field causes. */
export function admit(info: ResourceInfo, obj: KubeObject, old?: KubeObject): void {
  info.defaults?.(obj);
  const errs = old ? info.validateUpdate?.(obj, old) ?? info.validate?.(obj) ?? [] : info.validate?.(obj) ?? [];
  if (errs.length) throw new InvalidError(info.group, info.kind, obj.metadata?.name ?? '', errs);
}

/** Creates obj (already parsed and kind-checked) in ctx's namespace. */
export async function createObject(ctx: RestContext, obj: KubeObject, manager: string, operation: 'Update' | 'Apply' = 'Update'): Promise<KubeObject> {
  const { info } = ctx;
  checkNamespace(info, obj, ctx.namespace);
  await admitMutating(ctx, 'CREATE', obj, undefined, '');
  prepareForCreate(info, obj);
  if (!obj.metadata?.name) {
    throw new InvalidError(info.group, info.kind, '', [required(root('metadata', 'name'), 'name or generateName is required')]);
  }
  admit(info, obj);
  await admitValidating(ctx, 'CREATE', obj, undefined, '');
  recordManager(info, obj, undefined, manager, operation, '');
  const dryRun = dryRunOf(ctx.query);
  const allocator = ctx.allocator;
  if (allocator && info.group === '' && info.resource === 'services') {
    return allocator.exclusive(async () => {
      allocator.allocate(ctx.registry, info, obj);
      const created = await ctx.registry.create(info, obj, dryRun);
      if (!dryRun) await ctx.registry.cache.waitUntilFresh(Number(created.metadata?.resourceVersion));
      return created;
    });
  }
  return ctx.registry.create(info, obj, dryRun);
}

export async function handleCreate(ctx: RestContext): Promise<void> {
  const raw = await readObject(ctx);
  checkKind(ctx.info, raw);
  const obj = decodeBody(ctx, raw, fieldValidationOf(ctx.query));
  const created = await createObject(ctx, obj, fieldManagerOf(ctx));
  respondObject(ctx, 201, withTypeMeta(ctx.info, created));
}

/** The next state for an update of the main resource or its status from a full object. */
export function updateFrom(ctx: RestContext, body: KubeObject, manager: string, operation: 'Update' | 'Apply' = 'Update') {
  const { info } = ctx;
  const sub = ctx.subresource === 'status' ? 'status' : '';
  return async (current: KubeObject): Promise<KubeObject> => {
    const want = body.metadata?.resourceVersion;
    if (want && want !== current.metadata?.resourceVersion) throw new ConflictError({ group: info.group, resource: info.resource }, ctx.name);
    const incoming = structuredClone(body);
    await admitMutating(ctx, 'UPDATE', incoming, current);
    const next = prepareForUpdate(info, incoming, current, sub);
    admit(info, next, current);
    await admitValidating(ctx, 'UPDATE', next, current);
    recordManager(info, next, current, manager, operation, sub);
    return next;
  };
}

/** A PUT body's metadata.uid is a precondition on the stored object (upstream's DefaultUpdatedObjectInfo). */
function checkUidPrecondition(ctx: RestContext, body: KubeObject, current: KubeObject): void {
  const uid = body.metadata?.uid;
  if (!uid || uid === current.metadata?.uid) return;
  const key = ctx.registry.keys.key(ctx.info, ctx.namespace, ctx.name);
  throw new ConflictError({ group: ctx.info.group, resource: ctx.info.resource }, ctx.name, `StorageError: invalid object, Code: 4, Key: ${key}, `
    + `ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata?.uid ?? ''}`);
}

export async function handleUpdate(ctx: RestContext): Promise<void> {
  const { info } = ctx;
  const raw = await readObject(ctx);
  checkKind(info, raw);
  const obj = decodeBody(ctx, raw, fieldValidationOf(ctx.query));
  checkNamespace(info, obj, ctx.namespace);
  const bodyName = obj.metadata?.name;
  if (bodyName && bodyName !== ctx.name) {
    throw new BadRequestError(`the name of the object (${bodyName}) does not match the name on the URL (${ctx.name})`);
  }
  obj.metadata = { ...obj.metadata, name: ctx.name };
  const manager = fieldManagerOf(ctx);
  const next = updateFrom(ctx, obj, manager);
  try {
    const r = await ctx.registry.update(info, ctx.namespace, ctx.name, (current) => {
      checkUidPrecondition(ctx, obj, current);
      return next(current);
    }, dryRunOf(ctx.query));
    respondObject(ctx, 200, withTypeMeta(info, r.obj));
  } catch (e) {
    if (!isNotFound(e) || ctx.subresource || !CREATE_ON_UPDATE.has(`${info.group}/${info.resource}`)) throw e;
    delete obj.metadata?.resourceVersion;
    const created = await createObject(ctx, obj, manager);
    respondObject(ctx, 201, withTypeMeta(info, created));
  }
}
