// List continuation tokens, shaped as upstream's: base64 of
// {"v":"meta.k8s.io/v1","rv":<revision>,"start":"<key after the prefix>\u0000"}.
import { BadRequestError, ExpiredError } from '../machinery/errors.js';

export interface ContinueToken {
  /** the revision the first page was read at */
  rv: number;
  /** the key (relative to the list prefix) the next page starts after */
  after: string;
}

export const CONTINUE_EXPIRED_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

export function encodeContinue(rv: number, lastKey: string, prefix: string): string {
  const rel = lastKey.startsWith(prefix) ? lastKey.slice(prefix.length) : lastKey;
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${rel}\u0000` })).toString('base64');
}

export function decodeContinue(token: string): ContinueToken {
  let parsed: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as typeof parsed;
  } catch {
    throw new BadRequestError(`continue key is not valid: ${token}`);
  }
  if (parsed.v !== 'meta.k8s.io/v1') throw new BadRequestError('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  if (typeof parsed.rv !== 'number' || !Number.isSafeInteger(parsed.rv) || parsed.rv <= 0 || typeof parsed.start !== 'string') {
    throw new BadRequestError('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  const start = parsed.start.endsWith('\u0000') ? parsed.start.slice(0, -1) : parsed.start;
  if (start.split('/').includes('..') || start.startsWith('/')) throw new BadRequestError('continue key is not valid: path traversal attempt detected');
  return { rv: parsed.rv, after: start };
}

/** 410 Gone (reason Expired) for a token whose revision has been compacted. */
export function continueExpired(): ExpiredError {
  return new ExpiredError(CONTINUE_EXPIRED_MESSAGE);
}
