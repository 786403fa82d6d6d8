// Subresources that do not write the kind's own object: scale (autoscaling/v1 Scale over the
// kind's replica fields), actions such as pods/binding (a posted object applied to the stored
// one) and pods/eviction (delete through the eviction API). All write through write-path.ts.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { ResourceInfo, ScaleInfo } from '../api/scheme.js';
import type { ActionSubresource } from '../api/strategy.js';
import { validateScale, type Scale } from '../api/autoscaling/v1/scale.js';
import { BadRequestError, NotFoundError } from '../machinery/errors.js';
import { invalid, root } from '../machinery/field-errors.js';
import { scaleSelector } from '../api/autoscaling/v1/index.js';
import { applyJsonPatch } from '../machinery/patch/json-patch.js';
import { applyMergePatch } from '../machinery/patch/merge-patch.js';
import { admitMutating, admitValidating, writeOf } from './admission-hooks.js';
import { deleteObject } from './handle-delete.js';
import { markDisruptionTarget, takeDisruption } from './eviction.js';
import { readObject } from './handle-write.js';
import { mediaType, parseBody, readBody } from './http.js';
import { grOf } from './registry.js';
import { dryRunOf, respondRaw, type RestContext } from './rest-context.js';
import { updateObject, type View } from './write-path.js';

type Json = Record<string, unknown>;

export function getPath(obj: unknown, path: string): unknown {
  let node = obj;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Json)[part];
  }
  return node;
}

export function setPath(obj: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = obj;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Json;
  node[parts[parts.length - 1]] = value;
}

/** The autoscaling/v1 Scale view of an object. */
export function toScale(info: ResourceInfo, scale: ScaleInfo, obj: KubeObject): KubeObject {
  const m = obj.metadata ?? {};
  const sel = scale.labelSelectorPath ? getPath(obj, scale.labelSelectorPath) : undefined;
  const selector = scaleSelector(sel);
  const status: Json = { replicas: Number(getPath(obj, scale.statusReplicasPath) ?? 0) };
  if (selector) status.selector = selector;
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: Number(getPath(obj, scale.specReplicasPath) ?? 0) },
    status,
  };
}

function scaleInfo(ctx: RestContext): ScaleInfo {
  if (!ctx.info.scale) throw new NotFoundError(grOf(ctx.info), ctx.name);
  return ctx.info.scale;
}

/** The Scale view of a kind: spec.replicas written into the object, checked by ValidateScale. */
function scaleView(info: ResourceInfo, scale: ScaleInfo): View {
  return {
    group: 'autoscaling', kind: 'Scale', operation: 'UPDATE', updatesMain: true,
    of: (current) => toScale(info, scale, current),
    validate(s) {
      if (s.kind && s.kind !== 'Scale') throw new BadRequestError(`Object kind "${s.kind}" does not match the kind "Scale" of the endpoint`);
      const replicas = (s.spec as Json | undefined)?.replicas;
      if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
        return [invalid(root('spec', 'replicas'), replicas, 'must be greater than or equal to 0')];
      }
      return validateScale(s as Scale);
    },
    apply(current, s) {
      setPath(current, scale.specReplicasPath, (s.spec as Json).replicas);
      return current;
    },
  };
}

async function writeScale(ctx: RestContext, toNewScale: (current: KubeObject) => KubeObject): Promise<void> {
  const { info } = ctx;
  const scale = scaleInfo(ctx);
  const r = await updateObject(writeOf(ctx), ctx.namespace, ctx.name, {
    view: scaleView(info, scale),
    incoming(current) {
      const s = toNewScale(toScale(info, scale, current));
      // the Scale names the object it scales
      s.metadata = { ...s.metadata, name: s.metadata?.name || ctx.name, namespace: info.namespaced ? ctx.namespace : undefined };
      return s;
    },
  });
  respondRaw(ctx, 200, toScale(info, scale, r.obj));
}

export async function handleScale(ctx: RestContext): Promise<void> {
  const scale = scaleInfo(ctx);
  switch (ctx.ri.verb) {
    case 'get':
      respondRaw(ctx, 200, toScale(ctx.info, scale, await ctx.registry.get(ctx.info, ctx.namespace, ctx.name)));
      return;
    case 'update': {
      const body = await readObject(ctx, 'Scale');
      await writeScale(ctx, () => structuredClone(body));
      return;
    }
    case 'patch': {
      const type = mediaType(ctx.req.headers['content-type']);
      const patch = parseBody(await readBody(ctx.req), type === 'application/apply-patch+yaml' ? 'application/yaml' : 'application/json');
      await writeScale(ctx, (cur) => {
        if (type === 'application/json-patch+json') return applyJsonPatch(cur, patch);
        if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json' || type === 'application/apply-patch+yaml') {
          return applyMergePatch(cur, patch);
        }
        throw new BadRequestError(`unsupported patch type: ${type}`);
      });
      return;
    }
    default:
      throw new BadRequestError(`${ctx.ri.verb} is not supported on scale`);
  }
}

/** POST of an action subresource (pods/<name>/binding): the posted object is validated, then applied to the stored one. */
export async function handleAction(ctx: RestContext, action: ActionSubresource): Promise<void> {
  const body = await readObject(ctx, action.kind);
  const name = body.metadata?.name || ctx.name;
  const view: View = {
    group: '', kind: action.kind, operation: 'CREATE', updatesMain: false,
    validate: (b) => action.validate(b),
    apply: (current, b) => {
      action.apply(current, b, new Date());
      return current;
    },
  };
  await updateObject(writeOf(ctx), ctx.namespace, name, { view, incoming: () => structuredClone(body) });
  respondRaw(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/** POST pods/<name>/eviction: deletes the pod with the eviction's delete options, as its disruption budget allows. */
export async function handleEviction(ctx: RestContext): Promise<void> {
  const body = await readBody(ctx.req);
  const eviction = body.length ? parseBody(body, ctx.req.headers['content-type'], ctx.scheme) as KubeObject : {};
  if (eviction.metadata?.name && eviction.metadata.name !== ctx.name) {
    throw new BadRequestError('name in URL does not match name in Eviction object');
  }
  await admitMutating(ctx, 'CREATE', eviction, undefined, 'eviction');
  await admitValidating(ctx, 'CREATE', eviction, undefined, 'eviction');
  const opts = (eviction.deleteOptions ?? {}) as Parameters<typeof deleteObject>[2];
  const dryRun = dryRunOf(ctx.query);
  const pod = await ctx.registry.get(ctx.info, ctx.namespace, ctx.name);
  await takeDisruption(ctx, pod, dryRun);
  await markDisruptionTarget(ctx, pod, dryRun);
  await deleteObject(ctx, ctx.name, opts, dryRun);
  respondRaw(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
