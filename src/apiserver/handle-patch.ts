// PATCH with the four patch types: json-patch, merge-patch, strategic-merge-patch and
// apply-patch+yaml (server-side apply, apply.ts). The patched object then goes through
// the same update path as PUT (retrying on concurrent writes).
import type { KubeObject } from '../api/meta/v1/types.js';
import { BadRequestError, UnsupportedMediaTypeError, isNotFound } from '../machinery/errors.js';
import { applyJsonPatch } from '../machinery/patch/json-patch.js';
import { applyMergePatch } from '../machinery/patch/merge-patch.js';
import { strategicMergePatch } from '../machinery/patch/strategic.js';
import { applyObject, applyFor } from './apply.js';
import { decodeBody } from './body.js';
import { mediaType, parseBody, readBody } from './http.js';
import { writeOf } from './admission-hooks.js';
import { createFromRequest } from './handle-write.js';
import { fieldManagerOf, fieldValidationOf, respondObject, withTypeMeta, type RestContext } from './rest-context.js';
import { queryBool } from './request-info.js';
import { updateObject } from './write-path.js';
import { checkKind, checkNamespace } from './strategy.js';

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

export type PatchFn = (current: KubeObject) => unknown;

/** The function that applies the body to an object, by Content-Type. */
export function patcherFor(ctx: RestContext, type: string, patch: unknown): PatchFn {
  switch (type) {
    case 'application/json-patch+json':
      return (cur) => applyJsonPatch(cur, patch);
    case 'application/merge-patch+json':
      return (cur) => applyMergePatch(cur, patch);
    case 'application/strategic-merge-patch+json':
      return (cur) => strategicMergePatch(cur, patch, ctx.info.schema);
    default:
      throw new UnsupportedMediaTypeError(type);
  }
}

export async function handlePatch(ctx: RestContext): Promise<void> {
  const { info } = ctx;
  const type = mediaType(ctx.req.headers['content-type']);
  if (!PATCH_TYPES.includes(type)) {
    throw new UnsupportedMediaTypeError(type, PATCH_TYPES);
  }
  const body = await readBody(ctx.req);
  const patch = parseBody(body, type === 'application/apply-patch+yaml' ? 'application/yaml' : 'application/json');
  const validation = fieldValidationOf(ctx.query);

  if (type === 'application/apply-patch+yaml') {
    const manager = fieldManagerOf(ctx, true);
    const force = queryBool(ctx.query, 'force') ?? false;
    const applied = patch as KubeObject;
    if (!applied || typeof applied !== 'object' || Array.isArray(applied)) throw new BadRequestError('error decoding YAML: the apply configuration must be an object');
    checkKind(info, applied);
    const cfg = decodeBody(ctx, applied, validation);
    checkNamespace(info, cfg, ctx.namespace);
    if (cfg.metadata?.name && cfg.metadata.name !== ctx.name) {
      throw new BadRequestError(`the name of the object (${cfg.metadata.name}) does not match the name on the URL (${ctx.name})`);
    }
    try {
      const r = await updateObject({ ...writeOf(ctx, manager), operation: 'Apply' }, ctx.namespace, ctx.name, applyFor(ctx, cfg, manager, force));
      respondObject(ctx, 200, withTypeMeta(info, r.obj));
    } catch (e) {
      if (!isNotFound(e) || ctx.subresource) throw e;
      const obj = applyObject(ctx, cfg, manager);
      const created = await createFromRequest(ctx, obj, manager, 'Apply');
      respondObject(ctx, 201, withTypeMeta(info, created));
    }
    return;
  }

  const apply = patcherFor(ctx, type, patch);
  const r = await updateObject(writeOf(ctx), ctx.namespace, ctx.name, { incoming: (current) => {
    const patched = apply(current);
    if (!patched || typeof patched !== 'object' || Array.isArray(patched)) throw new BadRequestError('the patched object must be a JSON object');
    const p = patched as KubeObject;
    checkKind(info, p);
    const next = decodeBody(ctx, p, validation);
    checkNamespace(info, next, ctx.namespace);
    if (next.metadata?.name !== ctx.name) {
      throw new BadRequestError(`the name of the object (${next.metadata?.name ?? ''}) does not match the name on the URL (${ctx.name})`);
    }
    // the patch's own resourceVersion (if any) is a precondition; otherwise the read one
    if (!next.metadata?.resourceVersion) next.metadata = { ...next.metadata, resourceVersion: current.metadata?.resourceVersion };
    return next;
  } });
  respondObject(ctx, 200, withTypeMeta(info, r.obj));
}
