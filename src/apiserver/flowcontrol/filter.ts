// The flow-control RequestFilter. With priority and fairness (the default, as upstream) the
// server's concurrency (--max-requests-inflight + --max-mutating-requests-inflight) is split
// between priority levels by their shares, and within a level waiting requests are served
// fairly by flow (user); a request that finds its flow's queue full, or waits too long, gets
// 429 with Retry-After: 1. Without it (--enable-priority-and-fairness=false) the plain
// max-in-flight filter applies: separate limits for read-only and mutating requests and an
// immediate 429 beyond them. system:masters and long-running requests are never limited.
import type { ServerResponse } from 'node:http';
import { TooManyRequestsError } from '../../machinery/errors.js';
import type { FilterContext, RequestFilter } from '../chain.js';
import { sendError, sendText } from '../http.js';
import { isMutating } from '../request-info.js';
import { classify, configUID, nominalLimits, PRIORITY_LEVELS } from './classify.js';
import { FairQueue, type LevelStats } from './fair-queue.js';
import { isLongRunning } from './long-running.js';

export interface FlowControlOptions {
  /** read-only requests in flight (default 400; 0 = no limit without priority and fairness) */
  maxRequestsInflight?: number;
  /** mutating requests in flight (default 200) */
  maxMutatingRequestsInflight?: number;
  /** API Priority and Fairness (default true) */
  enablePriorityAndFairness?: boolean;
  /** how long a request may wait in a queue (default 15 s, a quarter of upstream's 60 s request timeout) */
  queueWaitMs?: number;
}

export const DUMP_PATH = '/debug/api_priority_and_fairness/dump_priority_levels';

function tooMany(ctx: FilterContext): void {
  ctx.code = sendError(ctx.res, new TooManyRequestsError());
}

function abortOnClose(ctx: FilterContext): AbortSignal {
  const ac = new AbortController();
  ctx.res.once('close', () => ac.abort());
  return ac.signal;
}

export class FlowController {
  readonly #apf: boolean;
  readonly #readLimit: number;
  readonly #mutatingLimit: number;
  readonly #levels = new Map<string, FairQueue>();
  #reading = 0;
  #mutating = 0;

  constructor(opts: FlowControlOptions = {}) {
    this.#apf = opts.enablePriorityAndFairness ?? true;
    this.#readLimit = opts.maxRequestsInflight ?? 400;
    this.#mutatingLimit = opts.maxMutatingRequestsInflight ?? 200;
    const limits = nominalLimits(this.#readLimit + this.#mutatingLimit);
    for (const l of PRIORITY_LEVELS) {
      if (l.exempt) continue;
      this.#levels.set(l.name, new FairQueue(l.name, { limit: limits.get(l.name)!, queueLengthLimit: l.queueLengthLimit, waitMs: opts.queueWaitMs ?? 15_000 }));
    }
  }

  readonly filter: RequestFilter = (ctx, next) => (this.#apf ? this.#priorityAndFairness(ctx, next) : this.#maxInFlight(ctx, next));

  async #maxInFlight(ctx: FilterContext, next: () => Promise<void>): Promise<void> {
    if (isLongRunning(ctx.ri) || ctx.user?.groups.includes('system:masters')) return next();
    const mutating = isMutating(ctx.ri.verb);
    const limit = mutating ? this.#mutatingLimit : this.#readLimit;
    if (limit <= 0) return next();
    if ((mutating ? this.#mutating : this.#reading) >= limit) return tooMany(ctx);
    if (mutating) this.#mutating++;
    else this.#reading++;
    try {
      await next();
    } finally {
      if (mutating) this.#mutating--;
      else this.#reading--;
    }
  }

  async #priorityAndFairness(ctx: FilterContext, next: () => Promise<void>): Promise<void> {
    const c = classify(ctx.user, ctx.ri);
    if (!ctx.res.headersSent) {
      ctx.res.setHeader('X-Kubernetes-PF-FlowSchema-UID', configUID('FlowSchema', c.flowSchema));
      ctx.res.setHeader('X-Kubernetes-PF-PriorityLevel-UID', configUID('PriorityLevelConfiguration', c.priorityLevel));
    }
    if (c.priorityLevel === 'exempt') {
      if (ctx.ri.path.replace(/\/+$/, '') === DUMP_PATH && ctx.req.method === 'GET') {
        sendText(ctx.res, 200, this.dump());
        ctx.code = 200;
        return;
      }
      return next();
    }
    if (isLongRunning(ctx.ri)) return next();
    const level = this.#levels.get(c.priorityLevel)!;
    const admitted = await level.acquire(c.flow, abortOnClose(ctx));
    if (admitted === 'cancelled') {
      (ctx.res as ServerResponse).destroy?.();
      ctx.code = 499;
      return;
    }
    if (admitted !== 'executing') return tooMany(ctx);
    try {
      await next();
    } finally {
      level.release();
    }
  }

  stats(): LevelStats[] {
    return [...this.#levels.values()].map((l) => l.stats());
  }

  /** The table upstream serves at /debug/api_priority_and_fairness/dump_priority_levels. */
  dump(): string {
    const head = ['PriorityLevelName', 'ActiveQueues', 'IsIdle', 'IsQuiescing', 'WaitingRequests', 'ExecutingRequests', 'DispatchedRequests', 'RejectedRequests', 'TimedoutRequests', 'CancelledRequests'];
    const rows = [['exempt', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>', '<none>']];
    for (const s of this.stats()) {
      rows.push([s.name, s.activeQueues, s.executing === 0 && s.waiting === 0, false, s.waiting, s.executing, s.dispatched, s.rejected, s.timedOut, s.cancelled].map(String));
    }
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 1);
    const line = (r: string[]): string => r.map((v, i) => (i < r.length - 1 ? `${v},`.padEnd(widths[i] + 1) : v)).join(' ').trimEnd();
    return [head, ...rows].map(line).join('\n') + '\n';
  }
}
