// Long-running requests (watches, exec/attach/port-forward, logs, proxy) hold a
// connection open for minutes: they are not counted against the in-flight limits, and audit
// logs a ResponseStarted stage for them, as upstream's BasicLongRunningRequestCheck decides.
import type { RequestInfo } from '../request-info.js';

const LONG_RUNNING_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy', 'log']);

export function isLongRunning(ri: RequestInfo): boolean {
  if (!ri.isResourceRequest) return false;
  if (ri.verb === 'watch' || ri.verb === 'proxy') return true;
  if (LONG_RUNNING_SUBRESOURCES.has(ri.subresource)) return true;
  return false;
}

