// Storage errors as API Status errors (the one place they are translated).
import {
  AlreadyExistsError, BadRequestError, ConflictError as ApiConflict, ExpiredError, NotFoundError,
  RequestEntityTooLargeError, ServiceUnavailableError, StatusError, TimeoutError, type GroupResource,
} from '../machinery/errors.js';
import { isStorageError, type StorageError } from '../storage/errors.js';

export const EXPIRED_LIST_MESSAGE = 'The resourceVersion for the provided list is too old.';

export function storageToStatus(err: unknown, gr: GroupResource, name: string): unknown {
  if (err instanceof StatusError || !isStorageError(err)) return err;
  const e = err as StorageError;
  switch (e.code) {
    case 'KeyExists': return new AlreadyExistsError(gr, name);
    case 'KeyNotFound': return new NotFoundError(gr, name);
    case 'Conflict': return new ApiConflict(gr, name);
    case 'Compacted': return new ExpiredError(EXPIRED_LIST_MESSAGE);
    case 'FutureRevision': return new TimeoutError(`Too large resource version: ${e.message}`, 1);
    case 'Unavailable': return new ServiceUnavailableError(e.message, { cause: e });
    case 'Timeout': return new TimeoutError(e.message, 1);
    case 'ValueTooLarge': return new RequestEntityTooLargeError('etcdserver: request is too large');
    case 'InvalidKey':
    case 'InvalidValue': return new BadRequestError(e.message);
    default: return err;
  }
}
