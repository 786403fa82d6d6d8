// Watch streams: the API server's chunked JSON events ({"type":…,"object":…} one after
// another, newline-separated), read as an async iterable that an AbortSignal ends.
import type { StreamResponse } from './rest.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T = unknown> {
  type: WatchEventType;
  object: T;
}

/** Splits a byte stream into JSON events; ends when the server ends the stream. */
export async function* decodeEvents<T>(body: AsyncIterable<Buffer>): AsyncGenerator<WatchEvent<T>> {
  let buf = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    buf += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) yield JSON.parse(line) as WatchEvent<T>;
    }
  }
  const rest = (buf + decoder.decode()).trim();
  if (rest) yield JSON.parse(rest) as WatchEvent<T>;
}

/** A watch: iterate its events; stop() (or the request's signal) ends it. */
export class Watch<T> implements AsyncIterable<WatchEvent<T>> {
  readonly #res: StreamResponse;
  constructor(res: StreamResponse) {
    this.#res = res;
  }
  [Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    return decodeEvents<T>(this.#res.body)[Symbol.asyncIterator]();
  }
  stop(): void {
    this.#res.close();
  }
}
