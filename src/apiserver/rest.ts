// Routes a resource request to the handler for its verb and subresource.
import { BadRequestError, MethodNotAllowedError, NotFoundError, PathNotFoundError, ServiceUnavailableError, StatusError } from '../machinery/errors.js';
import { verbsOf } from './discovery.js';
import { handleDelete, handleDeleteCollection } from './handle-delete.js';
import { handlePatch } from './handle-patch.js';
import { handleGet, handleList } from './handle-read.js';
import { handleWatch } from './handle-watch.js';
import { handleCreate, handleUpdate } from './handle-write.js';
import { respondRaw, type RestContext } from './rest-context.js';
import { isStreaming, proxyHttp, proxyUpgrade, resolveTarget } from './kubelet-proxy.js';
import { readObject } from './handle-write.js';
import { subresourceOf } from './strategy.js';
import { handleAction, handleEviction, handleScale } from './subresources.js';

/** The 404 for a path no resource answers, as upstream words it. */
export function notFoundPath(): StatusError {
  return new PathNotFoundError();
}

/** A POST served by a registered VirtualHandler, if there is one for this path. */
async function serveVirtual(ctx: RestContext): Promise<boolean> {
  const { info } = ctx;
  const key = `${info.group}/${info.resource}${ctx.subresource ? `/${ctx.subresource}` : ''}`;
  const handler = ctx.virtual?.get(key);
  if (!handler || ctx.ri.verb !== 'create') return false;
  const body = await readObject(ctx);
  respondRaw(ctx, 201, await handler(ctx, body));
  return true;
}

/** pods/log, nodes|pods|services/proxy over plain HTTP; exec, attach and portforward need an upgrade. */
async function serveProxied(ctx: RestContext): Promise<void> {
  const sub = ctx.subresource;
  if (ctx.upgrade) {
    const target = resolveTarget(ctx.registry, ctx.scheme, ctx.info.resource, ctx.namespace, ctx.name, sub, ctx.ri.parts.slice(3).join('/'), ctx.query);
    proxyUpgrade(target, ctx.req.method ?? 'GET', ctx.req.headers, ctx.upgrade.socket, ctx.upgrade.head, ctx.kubeletTLS);
    // the tunnel answers from here on; audit and metrics see the switch
    ctx.res.statusCode = 101;
    return;
  }
  if (isStreaming(sub)) throw new BadRequestError('Upgrade request required');
  if (sub === 'log' && ctx.ri.verb !== 'get') throw new MethodNotAllowedError({ group: '', resource: 'pods/log' }, ctx.ri.verb);
  const rest = ctx.ri.parts.slice(3).join('/');
  const target = resolveTarget(ctx.registry, ctx.scheme, ctx.info.resource, ctx.namespace, ctx.name, sub, rest, ctx.query);
  const hasBody = ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD';
  await proxyHttp(target, ctx.req.method ?? 'GET', ctx.req.headers, hasBody ? ctx.req as unknown as NodeJS.ReadableStream : undefined, ctx.res, ctx.kubeletTLS, ctx.signal);
}

async function serveSubresource(ctx: RestContext): Promise<void> {
  const { info, ri } = ctx;
  const sub = ctx.subresource;
  if (await serveVirtual(ctx)) return;
  if (!info.subresources.includes(sub)) throw notFoundPath();
  const strategy = subresourceOf(info, sub);
  if (strategy?.type === 'proxy') return serveProxied(ctx);
  if (ri.parts.length > 3) throw notFoundPath();
  const verb = ri.verb;
  switch (strategy?.type) {
    case 'object':
      if (!strategy.verbs.includes(verb)) break;
      if (verb === 'get') return handleGet(ctx);
      if (verb === 'update') return handleUpdate(ctx);
      if (verb === 'patch') return handlePatch(ctx);
      break;
    case 'scale':
      if (verb === 'get' || verb === 'update' || verb === 'patch') return handleScale(ctx);
      break;
    case 'action':
      if (verb === 'create') return handleAction(ctx, strategy);
      break;
    case 'eviction':
      if (verb === 'create') return handleEviction(ctx);
      break;
    case undefined:
      throw new ServiceUnavailableError(`the ${info.resource}/${sub} subresource is not served by this server yet`);
  }
  throw new MethodNotAllowedError({ group: info.group, resource: `${info.resource}/${sub}` }, verb);
}

export async function serveResource(ctx: RestContext): Promise<void> {
  const { info, ri } = ctx;
  if (ctx.upgrade && subresourceOf(info, ctx.subresource)?.type !== 'proxy') {
    throw new BadRequestError('this path does not accept an upgraded connection');
  }
  if (!info.namespaced && ri.namespace) throw notFoundPath();
  if (info.namespaced && !ri.namespace && ri.name) throw notFoundPath();
  if (ctx.subresource) return serveSubresource(ctx);
  if (await serveVirtual(ctx)) return;
  const verb = ri.verb;
  if (info.namespaced && !ctx.namespace && (verb === 'create' || verb === 'deletecollection')) throw notFoundPath();
  const onCollection = !ctx.name;
  if ((onCollection && (verb === 'update' || verb === 'patch')) || (!onCollection && verb === 'create')) {
    throw new MethodNotAllowedError();
  }
  if (!verbsOf(info).includes(verb) || info.virtual) throw new MethodNotAllowedError({ group: info.group, resource: info.resource }, verb);
  switch (verb) {
    case 'get': return handleGet(ctx);
    case 'list': return handleList(ctx);
    case 'watch': return handleWatch(ctx);
    case 'create': return handleCreate(ctx);
    case 'update': return handleUpdate(ctx);
    case 'patch': return handlePatch(ctx);
    case 'delete': return handleDelete(ctx);
    case 'deletecollection': return handleDeleteCollection(ctx);
    default: throw new NotFoundError({ group: info.group, resource: info.resource }, ctx.name);
  }
}
