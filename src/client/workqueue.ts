// The controllers' work queue (client-go's workqueue): de-duplicating — a key waiting is
// queued once (the dirty set), and a key being processed is never handed to a second
// worker (the processing set); added again meanwhile, it is handed out again after done().
// Plus delaying (addAfter), rate limiting (addRateLimited/forget/numRequeues) and a
// shutdown that can wait for the work in hand to finish (shutDownWithDrain).
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiters.js';

export class WorkQueue<K = string> {
  readonly #queue: K[] = [];
  #head = 0;
  readonly #dirty = new Set<K>();
  readonly #processing = new Set<K>();
  readonly #waiters: ((k: K | undefined) => void)[] = [];
  readonly #delayed = new Map<K, { at: number; timer: NodeJS.Timeout }>();
  readonly #rateLimiter: RateLimiter<K>;
  #shuttingDown = false;
  #drained?: () => void;

  constructor(opts: { rateLimiter?: RateLimiter<K> } = {}) {
    this.#rateLimiter = opts.rateLimiter ?? defaultControllerRateLimiter<K>();
  }

  /** Queues the key unless it is already waiting; a key in processing waits for done(). */
  add(key: K): void {
    if (this.#shuttingDown || this.#dirty.has(key)) return;
    this.#dirty.add(key);
    if (this.#processing.has(key)) return;
    this.#push(key);
  }

  #push(key: K): void {
    const w = this.#waiters.shift();
    if (w) {
      this.#dirty.delete(key);
      this.#processing.add(key);
      w(key);
    } else {
      this.#queue.push(key);
    }
  }

  /** The number of keys waiting (not counting those in processing or delayed). */
  get length(): number {
    return this.#queue.length - this.#head;
  }

  /**
   * The next key to work on, waiting for one; undefined once the queue is shut down and
   * empty. The caller must call done(key) when finished with it.
   */
  get(): Promise<K | undefined> {
    if (this.length > 0) {
      const key = this.#queue[this.#head++];
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue.splice(0, this.#head);
        this.#head = 0;
      }
      this.#dirty.delete(key);
      this.#processing.add(key);
      return Promise.resolve(key);
    }
    if (this.#shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Marks the key finished; if it was added while being processed, it is queued again. */
  done(key: K): void {
    this.#processing.delete(key);
    if (this.#dirty.has(key)) this.#push(key);
    if (this.#drained && this.#processing.size === 0) this.#drained();
  }

  /** Adds the key after ms (the earliest of several pending delays wins). */
  addAfter(key: K, ms: number): void {
    if (this.#shuttingDown) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = Date.now() + ms;
    const pending = this.#delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.#delayed.delete(key);
      this.add(key);
    }, ms);
    this.#delayed.set(key, { at, timer });
  }

  /** Adds the key after the rate limiter's wait for it (a failure backs off). */
  addRateLimited(key: K): void {
    this.addAfter(key, this.#rateLimiter.when(key));
  }

  /** The key succeeded: its failure count starts again from zero. */
  forget(key: K): void {
    this.#rateLimiter.forget(key);
  }

  numRequeues(key: K): number {
    return this.#rateLimiter.numRequeues(key);
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Stops taking keys; waiting get()s resolve undefined; keys already queued are still handed out. */
  shutDown(): void {
    if (this.#shuttingDown) return;
    this.#shuttingDown = true;
    for (const { timer } of this.#delayed.values()) clearTimeout(timer);
    this.#delayed.clear();
    for (const w of this.#waiters.splice(0)) w(undefined);
  }

  /** shutDown, then resolve when every key handed out has been marked done. */
  async shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.#processing.size === 0) return;
    await new Promise<void>((resolve) => {
      this.#drained = resolve;
    });
  }
}
