// Watch: a chunked stream of {"type","object"} JSON lines served from the watch cache —
// ADDED/MODIFIED/DELETED as objects enter, change within and leave the selection,
// BOOKMARK with allowWatchBookmarks, ERROR (410 Expired) when the start is too old.
import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../api/meta/v1/types.js';
import { apiVersionOf } from '../api/scheme.js';
import { BadRequestError, type StatusError } from '../machinery/errors.js';
import { asStatusError, goJson } from './http.js';
import { queryBool } from './request-info.js';
import { timeoutSecondsOf } from './handle-read.js';
import { parseResourceVersion } from './registry.js';
import { jsonOf, outputForm, withTypeMeta, type RestContext } from './rest-context.js';
import { buildFilter, type ObjectFilter } from './selectors.js';
import { includeObjectOf, partialObject, toTable } from './table.js';
import type { CacheEvent } from './watch-cache.js';
import { conversionFor } from './conversion.js';
import { watchStream } from './watch-stream.js';

/**
 * A watch without timeoutSeconds (or with 0) lasts a random 1-2 times the minimum request
 * timeout of 1800 s, as upstream; the request's `timeout` parameter does not bound it.
 * Bookmarks go out about once a minute.
 */
const MIN_REQUEST_TIMEOUT_S = 1800;
const BOOKMARK_EVERY_MS = 60_000;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** Serialized event lines shared by every watcher of the same object (fan-out serializes once). */
const lines = new WeakMap<KubeObject, Map<string, string>>();

function sharedLine(type: WatchEventType, obj: KubeObject): string {
  let byType = lines.get(obj);
  if (!byType) {
    byType = new Map();
    lines.set(obj, byType);
  }
  let line = byType.get(type);
  if (line === undefined) {
    line = `{"type":"${type}","object":${jsonOf(obj)}}\n`;
    byType.set(type, line);
  }
  return line;
}

/** The watch event to send for a cache event under a filter, or undefined when the client does not see it. */
export function filterEvent(e: CacheEvent, filter: ObjectFilter | undefined): { type: WatchEventType; obj: KubeObject } | undefined {
  if (!filter) return { type: e.type, obj: e.obj };
  const now = filter(e.obj);
  const before = e.prev ? filter(e.prev) : false;
  switch (e.type) {
    case 'ADDED': return now ? { type: 'ADDED', obj: e.obj } : undefined;
    case 'DELETED': return (e.prev ? before : now) ? { type: 'DELETED', obj: e.obj } : undefined;
    default:
      if (now && before) return { type: 'MODIFIED', obj: e.obj };
      if (now) return { type: 'ADDED', obj: e.obj };
      if (before) return { type: 'DELETED', obj: e.obj };
      return undefined;
  }
}

export async function handleWatch(ctx: RestContext): Promise<void> {
  const q = ctx.query;
  const { info, registry } = ctx;
  let filter = buildFilter(info, q.get('labelSelector'), q.get('fieldSelector'));
  if (ctx.name) {
    const base = filter;
    const name = ctx.name;
    filter = (o) => o.metadata?.name === name && (!base || base(o));
  }
  const rv = parseResourceVersion(q.get('resourceVersion'));
  // unset or 0: upstream's random 1-2 x the minimum request timeout; negative: a watch that ends at once (upstream's timer fires)
  const timeoutS = timeoutSecondsOf(q) || MIN_REQUEST_TIMEOUT_S * (1 + Math.random());
  const bookmarks = queryBool(q, 'allowWatchBookmarks') ?? false;
  const sendInitial = queryBool(q, 'sendInitialEvents');
  if (sendInitial !== undefined && q.get('resourceVersionMatch') !== 'NotOlderThan') {
    throw new BadRequestError('sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan');
  }
  const initial = sendInitial ?? (rv === undefined || rv === 0);
  const form = outputForm(ctx);
  const include = form.as === 'table' ? includeObjectOf(q) : 'Object';
  const prefix = registry.keys.prefix(info, ctx.namespace);
  const converted = !!conversionFor(info);
  const res = ctx.res as ServerResponse;

  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private' });
  if (typeof res.flushHeaders === 'function') res.flushHeaders();

  let columnsSent = false;
  let closed = false;
  const render = (type: WatchEventType, obj: KubeObject): string => {
    if (form.as === 'object' && type !== 'ERROR' && type !== 'BOOKMARK') return sharedLine(type, withTypeMeta(info, obj));
    let object: unknown = obj;
    if (type === 'ERROR') object = obj;
    else if (form.as === 'table') {
      object = toTable(info, type === 'BOOKMARK' ? [] : [obj], { resourceVersion: obj.metadata?.resourceVersion }, include, form.version, !columnsSent);
      columnsSent = true;
    } else if (form.as === 'partial') object = partialObject(obj, form.version);
    else object = withTypeMeta(info, obj);
    return goJson({ type, object }) + '\n';
  };
  const out = watchStream(res, () => finish());
  const write = (type: WatchEventType, obj: KubeObject): void => {
    if (!closed) out.push(render(type, obj));
  };
  const bookmark = (extra?: Record<string, string>): void => {
    write('BOOKMARK', {
      kind: info.kind, apiVersion: apiVersionOf(info),
      metadata: { resourceVersion: String(registry.cache.revision), ...(extra ? { annotations: extra } : {}) },
    });
  };

  let done!: () => void;
  const ended = new Promise<void>((r) => (done = r));
  const timers: NodeJS.Timeout[] = [];
  let cancel = (): void => undefined;
  const closeWatch = ctx.metrics.watchOpened(info.resource);
  const finish = (): void => {
    if (closed) return;
    closed = true;
    cancel();
    for (const t of timers) clearTimeout(t);
    closeWatch();
    ctx.signal.removeEventListener('abort', finish);
    if (!res.writableEnded && !out.closed) res.end();
    done();
  };
  ctx.signal.addEventListener('abort', finish);
  res.on('close', finish);

  try {
    let from = rv ?? 0;
    if (initial) {
      const snap = registry.cache.list(prefix);
      // rendered only as the client takes them: a client that does not read holds no copy of the list
      out.feed((function* initialEvents() {
        for (const it of snap.items) {
          const obj = registry.present(info, it.obj);
          if (!filter || filter(obj)) yield render('ADDED', obj);
        }
      })());
      from = rv && rv > snap.revision ? rv : snap.revision;
      if (sendInitial && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
    } else if (rv === undefined || rv === 0) {
      from = registry.cache.revision;
    }
    const w = registry.cache.watch(prefix, from, (e) => {
      const out = filterEvent(converted ? { ...e, obj: registry.present(info, e.obj), prev: e.prev && registry.present(info, e.prev) } : e, filter);
      if (out) write(out.type, out.obj);
    });
    cancel = () => w.cancel();
  } catch (e) {
    const se: StatusError = asStatusError(e);
    write('ERROR', se.toStatus() as KubeObject);
    finish();
    return ended;
  }
  timers.push(setTimeout(finish, Math.max(0, timeoutS) * 1000));
  if (bookmarks) {
    const tick = (): void => {
      bookmark();
      timers.push(setTimeout(tick, BOOKMARK_EVERY_MS));
    };
    timers.push(setTimeout(tick, Math.min(BOOKMARK_EVERY_MS, Math.max(1000, timeoutS * 1000 - 2000))));
  }
  return ended;
}
