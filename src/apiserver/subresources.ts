// Subresources other than status: scale (autoscaling/v1 Scale over the kind's replica
// fields), pods/binding (assign a node) and pods/eviction (delete through the eviction API).
import type { KubeObject } from '../api/meta/v1/types.js';
import type { ResourceInfo, ScaleInfo } from '../api/scheme.js';
import { BadRequestError, ConflictError, InvalidError, NotFoundError } from '../machinery/errors.js';
import { invalid, root } from '../machinery/field-errors.js';
import { scaleSelector } from '../api/autoscaling/v1/index.js';
import { applyJsonPatch } from '../machinery/patch/json-patch.js';
import { applyMergePatch } from '../machinery/patch/merge-patch.js';
import { admitMutating, admitValidating } from './admission-hooks.js';
import { deleteObject } from './handle-delete.js';
import { readObject } from './handle-write.js';
import { mediaType, parseBody, readBody } from './http.js';
import { recordManager } from './managed-fields.js';
import { grOf } from './registry.js';
import { dryRunOf, fieldManagerOf, respondRaw, type RestContext } from './rest-context.js';
import { rfc3339 } from '../machinery/object-meta.js';
import { prepareForUpdate } from './strategy.js';

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

async function writeScale(ctx: RestContext, toNewScale: (current: KubeObject) => KubeObject): Promise<void> {
  const { info } = ctx;
  const scale = scaleInfo(ctx);
  const manager = fieldManagerOf(ctx);
  const r = await ctx.registry.update(info, ctx.namespace, ctx.name, async (current) => {
    const s = toNewScale(toScale(info, scale, current));
    await admitMutating(ctx, 'UPDATE', s, toScale(info, scale, current), 'scale');
    await admitValidating(ctx, 'UPDATE', s, toScale(info, scale, current), 'scale');
    if (s.kind && s.kind !== 'Scale') throw new BadRequestError(`Object kind "${s.kind}" does not match the kind "Scale" of the endpoint`);
    const want = s.metadata?.resourceVersion;
    if (want && want !== current.metadata?.resourceVersion) throw new ConflictError(grOf(info), ctx.name);
    const replicas = (s.spec as Json | undefined)?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw new InvalidError('autoscaling', 'Scale', ctx.name, [invalid(root('spec', 'replicas'), replicas, 'must be greater than or equal to 0')]);
    }
    const next = structuredClone(current);
    setPath(next, scale.specReplicasPath, replicas);
    const out = prepareForUpdate(info, next, current, '');
    recordManager(info, out, current, manager, 'Update', 'scale');
    return out;
  }, dryRunOf(ctx.query));
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
      await writeScale(ctx, () => body);
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

/** POST pods/<name>/binding: sets spec.nodeName once (as the scheduler does). */
export async function handleBinding(ctx: RestContext): Promise<void> {
  const binding = await readObject(ctx, 'Binding');
  const target = (binding.target ?? {}) as { kind?: string; name?: string };
  if (!target.name) throw new BadRequestError('Binding.target.name is required');
  if (target.kind && target.kind !== 'Node') throw new BadRequestError(`Binding target kind must be Node, not ${target.kind}`);
  const podName = binding.metadata?.name || ctx.name;
  await admitMutating(ctx, 'CREATE', binding, undefined, 'binding');
  await admitValidating(ctx, 'CREATE', binding, undefined, 'binding');
  await ctx.registry.update(ctx.info, ctx.namespace, podName, (pod) => {
    const spec = (pod.spec ??= {}) as Json;
    if (pod.metadata?.deletionTimestamp) throw new ConflictError({ group: '', resource: 'pods/binding' }, podName, `pod ${podName} is being deleted, cannot be assigned to a host`);
    if (spec.nodeName) {
      throw new ConflictError({ group: '', resource: 'pods/binding' }, podName, `pod ${podName} is already assigned to node "${String(spec.nodeName)}"`);
    }
    spec.nodeName = target.name;
    const status = (pod.status ??= {}) as Json;
    const conds = ((status.conditions ?? []) as Json[]).filter((c) => c.type !== 'PodScheduled');
    conds.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339() });
    status.conditions = conds;
    if (binding.metadata?.annotations) pod.metadata = { ...pod.metadata, annotations: { ...pod.metadata?.annotations, ...binding.metadata.annotations } };
    return pod;
  }, dryRunOf(ctx.query));
  respondRaw(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/** POST pods/<name>/eviction: deletes the pod with the eviction's delete options (no disruption budgets yet). */
export async function handleEviction(ctx: RestContext): Promise<void> {
  const body = await readBody(ctx.req);
  const eviction = body.length ? parseBody(body, ctx.req.headers['content-type'], ctx.scheme) as KubeObject : {};
  if (eviction.metadata?.name && eviction.metadata.name !== ctx.name) {
    throw new BadRequestError('name in URL does not match name in Eviction object');
  }
  await admitMutating(ctx, 'CREATE', eviction, undefined, 'eviction');
  await admitValidating(ctx, 'CREATE', eviction, undefined, 'eviction');
  const opts = (eviction.deleteOptions ?? {}) as Parameters<typeof deleteObject>[2];
  await deleteObject(ctx, ctx.name, opts, dryRunOf(ctx.query));
  respondRaw(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}


/** PUT namespaces/<name>/finalize: replaces spec.finalizers only (the namespace controller's step). */
export async function handleFinalize(ctx: RestContext): Promise<void> {
  const body = await readObject(ctx);
  const finalizers = ((body.spec as Json | undefined)?.finalizers ?? []) as string[];
  const r = await ctx.registry.update(ctx.info, '', ctx.name, async (cur) => {
    await admitValidating(ctx, 'UPDATE', body, cur, 'finalize');
    const want = body.metadata?.resourceVersion;
    if (want && want !== cur.metadata?.resourceVersion) throw new ConflictError(grOf(ctx.info), ctx.name);
    const next = structuredClone(cur);
    const spec = (next.spec ??= {}) as Json;
    if (finalizers.length) spec.finalizers = [...new Set(finalizers)];
    else delete spec.finalizers;
    return next;
  }, dryRunOf(ctx.query));
  respondRaw(ctx, 200, r.obj);
}
