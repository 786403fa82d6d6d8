// A token bucket (golang.org/x/time/rate's model): `qps` tokens a second, at most `burst`
// saved up. The client's QPS limit, the work queue's overall limiter and the event
// spam filter are all this one mechanism.
import { setTimeout as sleep } from 'node:timers/promises';

export class TokenBucket {
  readonly qps: number;
  readonly burst: number;
  #tokens: number;
  #last: number;
  readonly #now: () => number;

  /** qps ≤ 0 or Infinity means no limit. */
  constructor(qps: number, burst: number, now: () => number = Date.now) {
    this.qps = qps;
    this.burst = Math.max(1, burst);
    this.#tokens = this.burst;
    this.#now = now;
    this.#last = now();
  }

  get unlimited(): boolean {
    return !(this.qps > 0) || this.qps === Infinity;
  }

  #refill(): void {
    const t = this.#now();
    if (t > this.#last) {
      this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.qps);
      this.#last = t;
    }
  }

  /** Takes a token if one is there now. */
  tryAccept(): boolean {
    if (this.unlimited) return true;
    this.#refill();
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return true;
    }
    return false;
  }

  /**
   * Reserves a token and says how many milliseconds to wait before using it (0 = now).
   * Tokens may go negative: later reservations queue up behind earlier ones.
   */
  reserve(): number {
    if (this.unlimited) return 0;
    this.#refill();
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : Math.ceil((-this.#tokens / this.qps) * 1000);
  }

  /** Waits for a token; rejects (AbortError) when aborted (the token is given back). */
  async wait(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const delay = this.reserve();
    if (delay === 0) return;
    try {
      await sleep(delay, undefined, { signal });
    } catch (e) {
      this.#tokens += 1;
      throw e;
    }
  }
}
