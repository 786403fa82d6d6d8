// The reconcile contract every controller runs on (controller-runtime's, over client-go's
// work queue): workers take keys from a de-duplicating, rate-limited queue and call
// reconcile(key, ctx). A result with requeueAfter comes back after that delay; a thrown error
// comes back with per-key exponential backoff; a TerminalError is logged and not retried.
// A key is never reconciled by two workers at once (the queue's processing set).
import { TerminalError } from '../machinery/errors.js';
import type { WorkQueue } from '../client/workqueue.js';
import type { Logger } from '../machinery/log.js';

export interface ReconcileContext {
  signal: AbortSignal;
  log: Logger;
}

export interface ReconcileResult {
  /** ms until this key should be looked at again */
  requeueAfter?: number;
}

export type Reconcile = (key: string, ctx: ReconcileContext) => Promise<ReconcileResult | void>;

/** processNextWorkItem: one key through reconcile; false once the queue has shut down. */
export async function processNext(queue: WorkQueue<string>, reconcile: Reconcile, ctx: ReconcileContext): Promise<boolean> {
  const key = await queue.get();
  if (key === undefined) return false;
  try {
    const r = await reconcile(key, ctx);
    queue.forget(key);
    if (r?.requeueAfter !== undefined) queue.addAfter(key, r.requeueAfter);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof TerminalError) {
      queue.forget(key);
      ctx.log.error('reconcile failed, not retrying', { key, error: message });
    } else if (!ctx.signal.aborted) {
      ctx.log.error('reconcile failed, retrying', { key, error: message, requeues: queue.numRequeues(key) });
      queue.addRateLimited(key);
    }
  } finally {
    queue.done(key);
  }
  return true;
}

/** Runs `workers` workers until the signal aborts; resolves when the keys in hand are done. */
export async function runWorkers(queue: WorkQueue<string>, reconcile: Reconcile, workers: number, ctx: ReconcileContext): Promise<void> {
  const onAbort = () => queue.shutDown();
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  const worker = async () => {
    while (await processNext(queue, reconcile, ctx)) { /* next key */ }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  ctx.signal.removeEventListener('abort', onAbort);
}
