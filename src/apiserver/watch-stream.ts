// One watcher's output with backpressure: lines go to the response while the socket (HTTP/1.1)
// or stream (HTTP/2) takes them; while it is full they wait in a bounded queue, and initial
// events are produced only as the client reads. A watcher whose queue passes the bound, or
// that stays blocked too long, is closed by destroying its stream (so the buffered bytes go
// with it), as upstream terminates blocked watchers; the client re-lists.

/** What a watch writes to: an HTTP/1.1 or an HTTP/2 response. */
export interface WatchSink {
  write(chunk: string): boolean;
  destroy(): void;
  on(event: 'drain' | 'close', f: () => void): unknown;
  off(event: 'drain', f: () => void): unknown;
}

export interface WatchStreamLimits {
  /** bytes of events queued behind a blocked stream before the watcher is closed */
  maxQueuedBytes: number;
  /** how long the stream may stay blocked (nothing taken by the client) before the watcher is closed */
  maxBlockedMs: number;
}

export const WATCH_STREAM_LIMITS: WatchStreamLimits = { maxQueuedBytes: 4 * 1024 * 1024, maxBlockedMs: 10_000 };

export interface WatchStream {
  /** sends a line now, or queues it behind what the client has not taken yet */
  push(line: string): void;
  /** lines made on demand (initial events), sent in order before anything pushed later */
  feed(lines: Iterator<string>): void;
  readonly closed: boolean;
}

/** onOverrun is called once when the watcher is dropped; the caller then ends its watch. */
export function watchStream(res: WatchSink, onOverrun: (why: string) => void, limits = WATCH_STREAM_LIMITS): WatchStream {
  const queue: (string | Iterator<string>)[] = [];
  let queuedBytes = 0;
  let blocked = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const drop = (why: string): void => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    queue.length = 0;
    res.off('drain', onDrain);
    // end() would keep the unsent bytes until a client that does not read takes them: destroy
    res.destroy();
    onOverrun(why);
  };
  const block = (): void => {
    blocked = true;
    timer = setTimeout(() => drop(`blocked for ${limits.maxBlockedMs / 1000}s`), limits.maxBlockedMs);
    timer.unref?.();
  };
  const send = (line: string): void => {
    if (!res.write(line)) block();
  };
  const pump = (): void => {
    while (!closed && !blocked && queue.length) {
      const head = queue[0];
      if (typeof head === 'string') {
        queue.shift();
        queuedBytes -= head.length;
        send(head);
        continue;
      }
      const n = head.next();
      if (n.done) queue.shift();
      else send(n.value);
    }
  };
  function onDrain(): void {
    if (!blocked) return;
    blocked = false;
    clearTimeout(timer);
    pump();
  }
  res.on('drain', onDrain);
  res.on('close', () => {
    closed = true;
    clearTimeout(timer);
    queue.length = 0;
  });

  return {
    push(line) {
      if (closed) return;
      if (!blocked && !queue.length) return send(line);
      queue.push(line);
      queuedBytes += line.length;
      if (queuedBytes > limits.maxQueuedBytes) drop(`more than ${limits.maxQueuedBytes} bytes of events queued`);
    },
    feed(lines) {
      if (closed) return;
      queue.push(lines);
      pump();
    },
    get closed() {
      return closed;
    },
  };
}
