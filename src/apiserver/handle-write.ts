// POST (create) and PUT (update) of objects and of their object subresources (status,
// finalize): parse the body, check kind, namespace and name, then the write path.
import type { KubeObject } from '../api/meta/v1/types.js';
import { BadRequestError, ConflictError, isNotFound } from '../machinery/errors.js';
import { writeOf } from './admission-hooks.js';
import { decodeBody, noteDuplicates } from './body.js';
import { isYaml, mediaType, parseBody, readBody } from './http.js';
import { fieldValidationOf, respondObject, withTypeMeta, type RestContext } from './rest-context.js';
import { checkKind, checkNamespace, strategyOf } from './strategy.js';
import { kindFinderError, unparsableJson, unrecognizedBody } from './undecodable.js';
import { createObject, updateObject } from './write-path.js';

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

/** Creates obj (parsed and kind-checked) in ctx's namespace as the request's write. */
export async function createFromRequest(ctx: RestContext, obj: KubeObject, manager?: string, operation: 'Update' | 'Apply' = 'Update'): Promise<KubeObject> {
  checkNamespace(ctx.info, obj, ctx.namespace);
  return createObject({ ...writeOf(ctx, manager), subresource: '', operation }, obj);
}

export async function handleCreate(ctx: RestContext): Promise<void> {
  const raw = await readObject(ctx);
  checkKind(ctx.info, raw);
  const obj = decodeBody(ctx, raw, fieldValidationOf(ctx.query));
  const created = await createFromRequest(ctx, obj);
  respondObject(ctx, 201, withTypeMeta(ctx.info, created));
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
  try {
    const r = await updateObject(writeOf(ctx), ctx.namespace, ctx.name, {
      incoming(current) {
        checkUidPrecondition(ctx, obj, current);
        return structuredClone(obj);
      },
    });
    respondObject(ctx, 200, withTypeMeta(info, r.obj));
  } catch (e) {
    if (!isNotFound(e) || ctx.subresource || !strategyOf(info).allowCreateOnUpdate) throw e;
    delete obj.metadata?.resourceVersion;
    const created = await createFromRequest(ctx, obj);
    respondObject(ctx, 201, withTypeMeta(info, created));
  }
}
