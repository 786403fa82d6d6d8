// GET of one object and of collections (list), with selectors, paging and the Table and
// PartialObjectMetadataList forms.
import { apiVersionOf } from '../api/scheme.js';
import { BadRequestError, NotFoundError } from '../machinery/errors.js';
import { grOf, parseResourceVersion } from './registry.js';
import { listItemJsonOf, outputForm, respondJsonText, respondObject, respondRaw, withTypeMeta, type RestContext } from './rest-context.js';
import { buildFilter } from './selectors.js';
import { includeObjectOf, partialList, toTable } from './table.js';

export async function handleGet(ctx: RestContext): Promise<void> {
  const rv = parseResourceVersion(ctx.query.get('resourceVersion'));
  let obj;
  if (rv === 0) {
    obj = ctx.registry.cache.get(ctx.registry.keys.key(ctx.info, ctx.namespace, ctx.name));
    if (!obj) throw new NotFoundError(grOf(ctx.info), ctx.name);
    obj = ctx.registry.present(ctx.info, obj);
  } else {
    obj = await ctx.registry.get(ctx.info, ctx.namespace, ctx.name);
  }
  respondObject(ctx, 200, withTypeMeta(ctx.info, obj));
}

function limitOf(q: URLSearchParams): number | undefined {
  const v = q.get('limit');
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw new BadRequestError(`limit: Invalid value: "${v}": must be an integer`);
  return Math.max(0, Number(v));
}

/**
 * timeoutSeconds as upstream decodes it for list and watch alike: any integer (a list does not use
 * it; a negative one ends a watch at once); anything else is 400 with Go's strconv words.
 */
export function timeoutSecondsOf(q: URLSearchParams): number | undefined {
  const v = q.get('timeoutSeconds');
  if (v === null || v === '') return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw new BadRequestError(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

export async function handleList(ctx: RestContext): Promise<void> {
  const q = ctx.query;
  timeoutSecondsOf(q);
  const filter = buildFilter(ctx.info, q.get('labelSelector'), q.get('fieldSelector'));
  const form = outputForm(ctx);
  const result = await ctx.registry.list(ctx.info, ctx.namespace, {
    filter,
    limit: limitOf(q),
    continue: q.get('continue') ?? undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
  });
  const meta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continue) meta.continue = result.continue;
  if (result.remainingItemCount !== undefined) meta.remainingItemCount = result.remainingItemCount;
  if (form.as === 'table') {
    respondRaw(ctx, 200, toTable(ctx.info, result.items, meta, includeObjectOf(q), form.version));
  } else if (form.as === 'partial') {
    respondRaw(ctx, 200, partialList(result.items, meta, form.version));
  } else {
    // items are serialized once per stored object and the list is assembled around them
    const head = JSON.stringify({ kind: `${ctx.info.kind}List`, apiVersion: apiVersionOf(ctx.info), metadata: meta });
    const items = result.items.map(listItemJsonOf).join(',');
    respondJsonText(ctx, 200, `${head.slice(0, -1)},"items":[${items}]}`);
  }
}
