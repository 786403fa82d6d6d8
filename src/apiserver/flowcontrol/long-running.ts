// Long-running requests (watches, exec/attach/port-forward, followed logs, proxy) hold a
// connection open for minutes: they are not counted against the in-flight limits, and audit
// logs a ResponseStarted stage for them, as upstream's BasicLongRunningRequestCheck decides.
import type { RequestInfo } from '../request-info.js';

const LONG_RUNNING_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);

export function isLongRunning(ri: RequestInfo, query?: URLSearchParams): boolean {
  if (!ri.isResourceRequest) return false;
  if (ri.verb === 'watch' || ri.verb === 'proxy') return true;
  if (LONG_RUNNING_SUBRESOURCES.has(ri.subresource)) return true;
  if (ri.subresource === 'log' && (query?.get('follow') === 'true' || query?.get('follow') === '1')) return true;
  return false;
}

/** The query of a request URL (path?query). */
export function queryOf(url: string | undefined): URLSearchParams {
  const i = (url ?? '').indexOf('?');
  return new URLSearchParams(i < 0 ? '' : (url ?? '').slice(i + 1));
}
