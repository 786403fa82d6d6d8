// Typed storage errors. The API server maps them to Status responses:
// KeyExists → 409 AlreadyExists, KeyNotFound → 404, Conflict → 409 Conflict,
// Compacted → 410 Gone (Expired), Unavailable → 503, Timeout → 504, ValueTooLarge → 413.
import type { KeyValue } from './store.js';

export type StorageErrorCode =
  | 'KeyExists'
  | 'KeyNotFound'
  | 'Conflict'
  | 'Compacted'
  | 'FutureRevision'
  | 'Unavailable'
  | 'Timeout'
  | 'ValueTooLarge'
  | 'InvalidKey'
  | 'InvalidValue';

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = `${code}Error`;
    this.code = code;
  }
}

export class KeyExistsError extends StorageError {
  readonly key: string;
  constructor(key: string) {
    super('KeyExists', `key ${key} already exists`);
    this.key = key;
  }
}

export class KeyNotFoundError extends StorageError {
  readonly key: string;
  constructor(key: string) {
    super('KeyNotFound', `key ${key} not found`);
    this.key = key;
  }
}

/** The key's modRevision moved away from the expected one; `current` is what is stored now. */
export class ConflictError extends StorageError {
  readonly key: string;
  readonly expectedModRevision: number;
  readonly current: KeyValue;
  constructor(key: string, expectedModRevision: number, current: KeyValue) {
    super(
      'Conflict',
      `key ${key} was modified: expected modRevision ${expectedModRevision}, current modRevision ${current.modRevision}`,
    );
    this.key = key;
    this.expectedModRevision = expectedModRevision;
    this.current = current;
  }
}

/** The requested revision is older than the compaction point (410 Gone at the API). */
export class CompactedError extends StorageError {
  readonly compactedRevision: number;
  readonly requestedRevision: number;
  constructor(requestedRevision: number, compactedRevision: number) {
    super(
      'Compacted',
      `required revision ${requestedRevision} has been compacted (oldest available revision is ${compactedRevision})`,
    );
    this.compactedRevision = compactedRevision;
    this.requestedRevision = requestedRevision;
  }
}

/** The requested revision is newer than the store's current revision. */
export class FutureRevisionError extends StorageError {
  readonly currentRevision: number;
  readonly requestedRevision: number;
  constructor(requestedRevision: number, currentRevision: number) {
    super(
      'FutureRevision',
      `required revision ${requestedRevision} is a future revision (current revision is ${currentRevision})`,
    );
    this.currentRevision = currentRevision;
    this.requestedRevision = requestedRevision;
  }
}

/** The backend cannot be reached or refuses service (503 at the API). */
export class StorageUnavailableError extends StorageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('Unavailable', `storage unavailable: ${message}`, options);
  }
}

/** The backend did not answer within the deadline (504 at the API). */
export class StorageTimeoutError extends StorageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('Timeout', `storage request timed out: ${message}`, options);
  }
}

export class ValueTooLargeError extends StorageError {
  readonly size: number;
  readonly limit: number;
  constructor(key: string, size: number, limit: number, detail = '') {
    const mib = Number((limit / 1024 / 1024).toFixed(2));
    super('ValueTooLarge', `value for key ${key} is ${size} bytes, larger than the limit of ${limit} bytes (${mib} MiB)${detail}`);
    this.size = size;
    this.limit = limit;
  }
}

export class InvalidKeyError extends StorageError {
  readonly key: string;
  constructor(key: string, reason: string) {
    super('InvalidKey', `invalid key ${JSON.stringify(key)}: ${reason}`);
    this.key = key;
  }
}

export class InvalidValueError extends StorageError {
  readonly key: string;
  constructor(key: string, reason: string) {
    super('InvalidValue', `invalid value for key ${key}: ${reason}`);
    this.key = key;
  }
}

export function isStorageError(err: unknown): err is StorageError {
  return err instanceof StorageError;
}
