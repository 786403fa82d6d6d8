// Background compaction for any Store: every interval, note the current revision, and
// compact to the newest noted revision that is older than the retention window. Like the
// upstream API server's compactor, this keeps about five minutes of history for watchers.
import type { Store } from './store.js';

export interface CompactorOptions {
  /** how often to look (default 60 s) */
  intervalMs?: number;
  /** how much history to keep (default 5 minutes) */
  retentionMs?: number;
  /** called when a compaction fails (default: ignored; the next tick retries) */
  onError?: (err: unknown) => void;
  now?: () => number;
}

export interface Compactor {
  /** one pass now (also what the timer runs) */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startCompactor(store: Pick<Store, 'currentRevision' | 'compact'>, options: CompactorOptions = {}): Compactor {
  const intervalMs = options.intervalMs ?? 60_000;
  const retentionMs = options.retentionMs ?? 300_000;
  const now = options.now ?? Date.now;
  const samples: Array<{ at: number; revision: number }> = [];
  let running: Promise<void> | undefined;
  let stopped = false;

  async function pass(): Promise<void> {
    const t = now();
    samples.push({ at: t, revision: await store.currentRevision() });
    let target = 0;
    while (samples.length > 0 && t - samples[0]!.at >= retentionMs) target = samples.shift()!.revision;
    if (target > 0 && !stopped) await store.compact(target);
  }

  function tick(): Promise<void> {
    if (running) return running;
    running = pass()
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
