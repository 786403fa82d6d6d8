// The work queue's rate limiters, as client-go's workqueue names them: per-item exponential
// backoff, an overall token bucket, and the max of several (DefaultControllerRateLimiter).
import { TokenBucket } from './token-bucket.js';

export interface RateLimiter<K> {
  /** how long to wait before the item may be processed again (ms) */
  when(item: K): number;
  /** the item succeeded: stop tracking its failures */
  forget(item: K): void;
  numRequeues(item: K): number;
}

/** base·2^failures ms, capped at max (5 ms … 1000 s by default). */
export class ItemExponentialFailureRateLimiter<K> implements RateLimiter<K> {
  readonly #failures = new Map<K, number>();
  readonly #baseMs: number;
  readonly #maxMs: number;
  constructor(baseMs = 5, maxMs = 1000_000) {
    this.#baseMs = baseMs;
    this.#maxMs = maxMs;
  }
  when(item: K): number {
    const n = this.#failures.get(item) ?? 0;
    this.#failures.set(item, n + 1);
    return Math.min(this.#maxMs, this.#baseMs * 2 ** n);
  }
  forget(item: K): void {
    this.#failures.delete(item);
  }
  numRequeues(item: K): number {
    return this.#failures.get(item) ?? 0;
  }
}

/** One token bucket for all items (10/s, burst 100 by default): bounds the overall retry rate. */
export class BucketRateLimiter<K> implements RateLimiter<K> {
  readonly #bucket: TokenBucket;
  constructor(qps = 10, burst = 100, now?: () => number) {
    this.#bucket = new TokenBucket(qps, burst, now);
  }
  when(): number {
    return this.#bucket.reserve();
  }
  forget(): void {}
  numRequeues(): number {
    return 0;
  }
}

/** The longest wait any of the limiters asks for. */
export class MaxOfRateLimiter<K> implements RateLimiter<K> {
  readonly #limiters: RateLimiter<K>[];
  constructor(...limiters: RateLimiter<K>[]) {
    this.#limiters = limiters;
  }
  when(item: K): number {
    let max = 0;
    for (const l of this.#limiters) max = Math.max(max, l.when(item));
    return max;
  }
  forget(item: K): void {
    for (const l of this.#limiters) l.forget(item);
  }
  numRequeues(item: K): number {
    let max = 0;
    for (const l of this.#limiters) max = Math.max(max, l.numRequeues(item));
    return max;
  }
}

/** client-go's DefaultControllerRateLimiter: max(exponential 5 ms…1000 s, bucket 10/s burst 100). */
export function defaultControllerRateLimiter<K>(): RateLimiter<K> {
  return new MaxOfRateLimiter<K>(new ItemExponentialFailureRateLimiter<K>(5, 1000_000), new BucketRateLimiter<K>(10, 100));
}
