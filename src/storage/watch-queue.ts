// The async iterator behind every backend's watch(): the backend pushes events (or an error)
// in order; the consumer pulls them. Ends on abort, return(), close or error, and also when the
// consumer falls more than maxBacklog events behind: the stream then ends after the events it
// holds, and the consumer resumes with a new watch from the revision after the last one it saw
// (which replays the rest from history), instead of this process buffering without bound.
import type { WatchEvent } from './store.js';

export const DEFAULT_MAX_BACKLOG = 20_000;

export class WatchQueue implements AsyncIterableIterator<WatchEvent> {
  #maxBacklog: number;
  #buffer: WatchEvent[] = [];
  #head = 0;
  #waiter: { resolve: (r: IteratorResult<WatchEvent>) => void; reject: (e: unknown) => void } | undefined;
  #error: unknown;
  #done = false;
  #onClose: (() => void) | undefined;
  #signal: AbortSignal | undefined;
  #abortListener = (): void => this.end();

  constructor(signal?: AbortSignal, onClose?: () => void, maxBacklog = DEFAULT_MAX_BACKLOG) {
    this.#maxBacklog = maxBacklog;
    this.#onClose = onClose;
    this.#signal = signal;
    if (signal?.aborted) this.end();
    else signal?.addEventListener('abort', this.#abortListener, { once: true });
  }

  get closed(): boolean {
    return this.#done;
  }

  /** events buffered and not yet consumed */
  get backlog(): number {
    return this.#buffer.length - this.#head;
  }

  push(event: WatchEvent): void {
    if (this.#done) return;
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w.resolve({ value: event, done: false });
      return;
    }
    if (this.backlog >= this.#maxBacklog) {
      this.end();
      return;
    }
    this.#buffer.push(event);
  }

  /** ends the stream with an error, delivered after the events already buffered */
  fail(error: unknown): void {
    if (this.#done) return;
    this.#error = error;
    this.#finish();
  }

  /** ends the stream normally, after the events already buffered */
  end(): void {
    if (this.#done) return;
    this.#finish();
  }

  #finish(): void {
    this.#done = true;
    this.#signal?.removeEventListener('abort', this.#abortListener);
    const onClose = this.#onClose;
    this.#onClose = undefined;
    onClose?.();
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      if (this.#error !== undefined) {
        const e = this.#error;
        this.#error = undefined;
        w.reject(e);
      } else {
        w.resolve({ value: undefined, done: true });
      }
    }
  }

  next(): Promise<IteratorResult<WatchEvent>> {
    if (this.#head < this.#buffer.length) {
      const value = this.#buffer[this.#head++]!;
      if (this.#head > 1024 && this.#head * 2 > this.#buffer.length) {
        this.#buffer = this.#buffer.slice(this.#head);
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#done) {
      if (this.#error !== undefined) {
        const e = this.#error;
        this.#error = undefined;
        return Promise.reject(e);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<WatchEvent>> {
    this.#buffer = [];
    this.#head = 0;
    this.#error = undefined;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<WatchEvent> {
    return this;
  }
}
