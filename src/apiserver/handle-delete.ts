// DELETE of one object and of collections: preconditions, graceful deletion of pods
// (deletionTimestamp + grace; at once when unscheduled or gracePeriodSeconds=0),
// finalizers, and propagationPolicy handed to the garbage collector as the 'orphan' and
// 'foregroundDeletion' finalizers.
import type { DeleteOptions, KubeObject } from '../api/meta/v1/types.js';
import { apiVersionOf, type ResourceInfo } from '../api/scheme.js';
import { BadRequestError, ConflictError, StatusError } from '../machinery/errors.js';
import { admitMutating, admitValidating } from './admission-hooks.js';
import { parseBody, readBody } from './http.js';
import { deletionHolds, grOf } from './registry.js';
import { dryRunOf, respondObject, respondRaw, withTypeMeta, type RestContext } from './rest-context.js';
import { queryBool } from './request-info.js';
import { buildFilter } from './selectors.js';
import { rfc3339 } from '../machinery/object-meta.js';
import { strategyOf } from './strategy.js';

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

export async function deleteOptionsOf(ctx: RestContext): Promise<DeleteOptions> {
  let opts: DeleteOptions = {};
  const body = await readBody(ctx.req);
  if (body.length) {
    const parsed = parseBody(body, ctx.req.headers['content-type'], ctx.scheme);
    if (parsed && typeof parsed === 'object') opts = parsed as DeleteOptions;
  }
  const q = ctx.query;
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null && grace !== '') {
    if (!/^-?\d+$/.test(grace)) throw new BadRequestError(`gracePeriodSeconds: Invalid value: "${grace}"`);
    opts.gracePeriodSeconds = Number(grace);
  }
  const policy = q.get('propagationPolicy');
  if (policy) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  const orphan = queryBool(q, 'orphanDependents');
  if (orphan !== undefined) opts.orphanDependents = orphan;
  if (opts.propagationPolicy && !['Orphan', 'Background', 'Foreground'].includes(opts.propagationPolicy)) {
    throw new BadRequestError(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  if (opts.propagationPolicy && opts.orphanDependents !== undefined) {
    throw new BadRequestError('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "' + opts.propagationPolicy + '": orphanDependents and deletionPropagation cannot be both set');
  }
  if (opts.dryRun?.some((d) => d !== 'All')) throw new BadRequestError('Invalid dryRun: Unsupported value');
  return opts;
}

function policyOf(opts: DeleteOptions): 'Orphan' | 'Background' | 'Foreground' | undefined {
  if (opts.propagationPolicy) return opts.propagationPolicy;
  if (opts.orphanDependents === true) return 'Orphan';
  if (opts.orphanDependents === false) return 'Background';
  return undefined;
}

/** The grace period the kind's strategy gives this deletion (graceful deletion); 0 = at once. */
function graceOf(info: ResourceInfo, obj: KubeObject, opts: DeleteOptions): number {
  return strategyOf(info).gracePeriod?.(obj, opts) ?? 0;
}

export interface DeleteOutcome {
  obj: KubeObject;
  /** true when the object left storage; false when it is now terminating */
  deleted: boolean;
}

/** Deletes (or starts deleting) one object; shared by DELETE, deletecollection and pods/eviction. */
export async function deleteObject(ctx: RestContext, name: string, opts: DeleteOptions, dryRun: boolean): Promise<DeleteOutcome> {
  const { info, registry } = ctx;
  const gr = grOf(info);
  let deletedNow = false;
  const r = await registry.update(info, ctx.namespace, name, async (cur) => {
    await admitMutating(ctx, 'DELETE', undefined, cur, '');
    await admitValidating(ctx, 'DELETE', undefined, cur, '');
    const meta = (cur.metadata ??= {});
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== meta.uid) {
      throw new ConflictError(gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid ?? ''}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== meta.resourceVersion) {
      throw new ConflictError(gr, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${meta.resourceVersion ?? ''}`);
    }
    const finalizers = new Set(meta.finalizers ?? []);
    const policy = policyOf(opts);
    if (policy === 'Orphan') {
      finalizers.delete(FOREGROUND);
      finalizers.add(ORPHAN);
    } else if (policy === 'Foreground') {
      finalizers.delete(ORPHAN);
      finalizers.add(FOREGROUND);
    } else if (policy === 'Background') {
      finalizers.delete(ORPHAN);
      finalizers.delete(FOREGROUND);
    }
    const grace = graceOf(info, cur, opts);
    const held = deletionHolds(info, cur).length > 0;
    if (held) strategyOf(info).beginDeletion?.(cur);
    const now = Date.now();
    if (meta.deletionTimestamp) {
      // already terminating: only a shorter grace period moves the deadline
      const remaining = meta.deletionGracePeriodSeconds ?? 0;
      if (grace < remaining) {
        meta.deletionGracePeriodSeconds = grace;
        meta.deletionTimestamp = rfc3339(new Date(now + grace * 1000));
      }
      if (grace === 0 && !finalizers.size) {
        deletedNow = true;
        meta.finalizers = [];
        return cur;
      }
    } else if (finalizers.size || grace > 0 || held) {
      meta.deletionTimestamp = rfc3339(new Date(now + grace * 1000));
      meta.deletionGracePeriodSeconds = grace;
      if (meta.generation) meta.generation += 1;
    } else {
      deletedNow = true;
      meta.deletionTimestamp = rfc3339(new Date(now));
      meta.deletionGracePeriodSeconds = 0;
    }
    if (finalizers.size) meta.finalizers = [...finalizers];
    else delete meta.finalizers;
    return cur;
  }, dryRun);
  if (deletedNow && !r.deleted) {
    // nothing held it (no finalizers, no grace): remove it now
    return { obj: await registry.remove(info, r.obj, dryRun), deleted: true };
  }
  return { obj: r.obj, deleted: !!r.deleted || (dryRun && deletedNow) };
}

function successStatus(info: ResourceInfo, obj: KubeObject): Record<string, unknown> {
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name: obj.metadata?.name, group: info.group || undefined, kind: info.resource, uid: obj.metadata?.uid },
  };
}

export async function handleDelete(ctx: RestContext): Promise<void> {
  const opts = await deleteOptionsOf(ctx);
  const dryRun = dryRunOf(ctx.query) || !!opts.dryRun?.length;
  const out = await deleteObject(ctx, ctx.name, opts, dryRun);
  const { info } = ctx;
  if (out.deleted && !strategyOf(info).returnDeletedObject) {
    respondRaw(ctx, 200, successStatus(info, out.obj));
    return;
  }
  // upstream answers 202 only for a deferred deletion asked with orphanDependents=false
  respondObject(ctx, !out.deleted && opts.orphanDependents === false ? 202 : 200, withTypeMeta(info, out.obj));
}

export async function handleDeleteCollection(ctx: RestContext): Promise<void> {
  const opts = await deleteOptionsOf(ctx);
  const dryRun = dryRunOf(ctx.query) || !!opts.dryRun?.length;
  const filter = buildFilter(ctx.info, ctx.query.get('labelSelector'), ctx.query.get('fieldSelector'));
  const list = await ctx.registry.list(ctx.info, ctx.namespace, { filter });
  const items: KubeObject[] = [];
  for (const obj of list.items) {
    const sub: RestContext = { ...ctx, namespace: obj.metadata?.namespace ?? ctx.namespace };
    try {
      items.push((await deleteObject(sub, obj.metadata?.name ?? '', { ...opts, preconditions: undefined }, dryRun)).obj);
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 404)) throw e;
    }
  }
  respondRaw(ctx, 200, {
    kind: `${ctx.info.kind}List`, apiVersion: apiVersionOf(ctx.info), metadata: { resourceVersion: list.resourceVersion },
    items: items.map((o) => withTypeMeta(ctx.info, o)),
  });
}
