// One priority level's seats and queues: a request runs when a seat is free; otherwise it
// waits in its flow's FIFO queue. Freed seats go to the waiting request with the smallest
// start tag (start-time fair queuing, each request costing one seat): a flow's tags advance
// by one per request it was given, so a flow with a thousand waiting requests gets one seat
// per turn like a flow with one, and a newcomer goes ahead of a flow that has just been
// served. In the spirit of upstream's queueset, without shuffle sharding: every flow has its own queue.

export type Admission = 'executing' | 'rejected' | 'timeout' | 'cancelled';

interface Waiter {
  flow: string;
  tag: number;
  settle(result: Admission): void;
}

export interface LevelStats {
  name: string;
  limit: number;
  executing: number;
  waiting: number;
  activeQueues: number;
  dispatched: number;
  rejected: number;
  timedOut: number;
  cancelled: number;
}

export class FairQueue {
  readonly name: string;
  readonly #limit: number;
  readonly #queueLengthLimit: number;
  readonly #maxWaiting: number;
  readonly #waitMs: number;
  /** flow → waiting requests, in arrival order */
  readonly #queues = new Map<string, Waiter[]>();
  /** flow → the start tag its next request gets (at least the virtual time) */
  readonly #nextTag = new Map<string, number>();
  /** virtual time: the start tag of the request dispatched last */
  #now = 0;
  #executing = 0;
  #waiting = 0;
  #dispatched = 0;
  #rejected = 0;
  #timedOut = 0;
  #cancelled = 0;

  /**
   * limit: seats; queueLengthLimit: waiting requests per flow (0 = reject when full);
   * maxWaiting: waiting requests in all; waitMs: how long one may wait before a 429.
   */
  constructor(name: string, opts: { limit: number; queueLengthLimit: number; maxWaiting?: number; waitMs: number }) {
    this.name = name;
    this.#limit = opts.limit;
    this.#queueLengthLimit = opts.queueLengthLimit;
    this.#maxWaiting = opts.maxWaiting ?? opts.queueLengthLimit * 128;
    this.#waitMs = opts.waitMs;
  }

  /** Waits for a seat. On 'executing' the caller must call release() once done. */
  acquire(flow: string, signal?: AbortSignal): Promise<Admission> {
    if (this.#executing < this.#limit && this.#waiting === 0) {
      this.#now = this.#tag(flow);
      this.#executing++;
      this.#dispatched++;
      return Promise.resolve('executing');
    }
    const queue = this.#queues.get(flow) ?? [];
    if (this.#queueLengthLimit === 0 || queue.length >= this.#queueLengthLimit || this.#waiting >= this.#maxWaiting || signal?.aborted) {
      this.#rejected++;
      return Promise.resolve('rejected');
    }
    return new Promise<Admission>((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      const onAbort = (): void => waiter.settle('cancelled');
      const waiter: Waiter = {
        flow,
        tag: this.#tag(flow),
        settle: (result) => {
          timers.forEach(clearTimeout);
          signal?.removeEventListener('abort', onAbort);
          if (result !== 'executing') this.#remove(waiter);
          if (result === 'timeout') this.#timedOut++;
          if (result === 'cancelled') this.#cancelled++;
          waiter.settle = () => undefined;
          resolve(result);
        },
      };
      queue.push(waiter);
      this.#queues.set(flow, queue);
      this.#waiting++;
      timers.push(setTimeout(() => waiter.settle('timeout'), this.#waitMs));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Gives the seat back and hands it to the next flow in turn. */
  release(): void {
    this.#executing--;
    this.#dispatch();
  }

  /** Gives a new request of the flow its start tag and moves the flow's clock on. */
  #tag(flow: string): number {
    const tag = Math.max(this.#nextTag.get(flow) ?? 0, this.#now);
    this.#nextTag.set(flow, tag + 1);
    if (this.#nextTag.size > 4096) {
      for (const [f, t] of this.#nextTag) if (t <= this.#now && !this.#queues.has(f)) this.#nextTag.delete(f);
    }
    return tag;
  }

  #remove(w: Waiter): void {
    const q = this.#queues.get(w.flow);
    const i = q ? q.indexOf(w) : -1;
    if (!q || i < 0) return;
    q.splice(i, 1);
    this.#waiting--;
    if (!q.length) this.#queues.delete(w.flow);
  }

  #dispatch(): void {
    while (this.#executing < this.#limit && this.#waiting > 0) {
      let best: Waiter[] | undefined;
      for (const q of this.#queues.values()) if (!best || q[0].tag < best[0].tag) best = q;
      const w = best!.shift()!;
      this.#waiting--;
      if (!best!.length) this.#queues.delete(w.flow);
      this.#now = Math.max(this.#now, w.tag);
      this.#executing++;
      this.#dispatched++;
      w.settle('executing');
    }
  }

  stats(): LevelStats {
    return {
      name: this.name, limit: this.#limit, executing: this.#executing, waiting: this.#waiting, activeQueues: this.#queues.size,
      dispatched: this.#dispatched, rejected: this.#rejected, timedOut: this.#timedOut, cancelled: this.#cancelled,
    };
  }
}
