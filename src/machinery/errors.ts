// API errors as Kubernetes Status objects (k8s.io/apimachinery/pkg/api/errors).
// One class per reason; the API edge turns any StatusError into its Status body.
import type { Status, StatusCause } from '../api/meta/v1/types.js';
import { aggregateMessage, errorBody, type FieldError } from './field-errors.js';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'Gone'
  | 'Expired'
  | 'TooManyRequests'
  | 'InternalError'
  | 'Timeout'
  | 'ServerTimeout'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'ServiceUnavailable'
  | 'Unknown';

/** A group + resource pair as errors name it: pods, deployments.apps. */
export interface GroupResource {
  group: string;
  resource: string;
}

export function grString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export interface StatusDetailsInit {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

const nonEmpty = <T>(v: T | undefined): T | undefined => (v === '' || v === 0 ? undefined : v);

/** StatusDetails as Go writes them: name, group, kind, uid, causes, retryAfterSeconds, empty ones left out. */
function wireDetails(d: StatusDetailsInit | undefined): StatusDetailsInit | undefined {
  if (!d) return undefined;
  const out: StatusDetailsInit = {};
  if (nonEmpty(d.name) !== undefined) out.name = d.name;
  if (nonEmpty(d.group) !== undefined) out.group = d.group;
  if (nonEmpty(d.kind) !== undefined) out.kind = d.kind;
  if (nonEmpty(d.uid) !== undefined) out.uid = d.uid;
  if (d.causes?.length) {
    out.causes = d.causes.map((c) => {
      const o: StatusCause = {};
      if (nonEmpty(c.reason) !== undefined) o.reason = c.reason;
      if (nonEmpty(c.message) !== undefined) o.message = c.message;
      if (nonEmpty(c.field) !== undefined) o.field = c.field;
      return o;
    });
  }
  if (nonEmpty(d.retryAfterSeconds) !== undefined) out.retryAfterSeconds = d.retryAfterSeconds;
  return Object.keys(out).length ? out : undefined;
}

export class StatusError extends Error {
  readonly code: number;
  readonly reason: StatusReason;
  readonly details?: StatusDetailsInit;
  constructor(code: number, reason: StatusReason, message: string, details?: StatusDetailsInit) {
    super(message);
    this.name = 'StatusError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
  toStatus(): Status {
    const s: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason === 'Unknown' ? undefined : this.reason,
      details: wireDetails(this.details),
      code: this.code,
    };
    if (s.reason === undefined) delete s.reason;
    if (s.details === undefined) delete s.details;
    return s;
  }
}

export class NotFoundError extends StatusError {
  constructor(gr: GroupResource, name: string) {
    super(404, 'NotFound', name ? `${grString(gr)} "${name}" not found` : `${grString(gr)} not found`, {
      name: name || undefined, group: gr.group, kind: gr.resource,
    });
  }
}

export class AlreadyExistsError extends StatusError {
  constructor(gr: GroupResource, name: string) {
    super(409, 'AlreadyExists', `${grString(gr)} "${name}" already exists`, { name, group: gr.group, kind: gr.resource });
  }
}

export class ConflictError extends StatusError {
  constructor(gr: GroupResource, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') {
    super(409, 'Conflict', `Operation cannot be fulfilled on ${grString(gr)} "${name}": ${why}`, {
      name, group: gr.group, kind: gr.resource,
    });
  }
}

/** 409 of server-side apply: a field another manager owns (upstream's NewApplyConflict: the causes, no object details). */
export class ApplyConflictError extends StatusError {
  constructor(message: string, causes: StatusCause[] = []) {
    super(409, 'Conflict', message, causes.length ? { causes } : undefined);
  }
}

/** 422 Invalid: `Pod "web" is invalid: spec.containers[0].name: Required value` */
export class InvalidError extends StatusError {
  readonly fieldErrors: FieldError[];
  constructor(group: string, kind: string, name: string, errs: FieldError[]) {
    const what = group ? `${kind}.${group}` : kind;
    super(422, 'Invalid', `${what} "${name}" is invalid: ${aggregateMessage(errs)}`, {
      name, group, kind,
      causes: errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })),
    });
    this.fieldErrors = errs;
  }
}

export class BadRequestError extends StatusError {
  constructor(message: string) {
    super(400, 'BadRequest', message);
  }
}

export class UnauthorizedError extends StatusError {
  constructor(message = 'Unauthorized') {
    super(401, 'Unauthorized', message);
  }
}

/**
 * 403: `pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"`;
 * without a resource (a non-resource path): `forbidden: User "jane" cannot get path "/metrics"`.
 */
export class ForbiddenError extends StatusError {
  constructor(gr: GroupResource, name: string, reason: string) {
    if (!gr.resource) {
      super(403, 'Forbidden', `forbidden: ${reason}`);
      return;
    }
    const subject = name ? `${grString(gr)} "${name}"` : grString(gr);
    super(403, 'Forbidden', `${subject} is forbidden: ${reason}`, { name: name || undefined, group: gr.group, kind: gr.resource });
  }
}

/** 410 with reason Expired: a watch or continue token that is too old. */
export class ExpiredError extends StatusError {
  constructor(message: string) {
    super(410, 'Expired', message);
  }
}

export class GoneError extends StatusError {
  constructor(message: string) {
    super(410, 'Gone', message);
  }
}

export class TooManyRequestsError extends StatusError {
  constructor(message = 'Too many requests, please try again later.', retryAfterSeconds = 1) {
    super(429, 'TooManyRequests', message, { retryAfterSeconds });
  }
}

export class InternalError extends StatusError {
  constructor(message: string) {
    super(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
  }
}

export class TimeoutError extends StatusError {
  constructor(message: string, retryAfterSeconds = 0) {
    super(504, 'Timeout', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
  }
}

export class ServiceUnavailableError extends StatusError {
  /** cause: the storage error behind it (a full disk tells the start-up so) */
  constructor(message: string, options?: { cause?: unknown }) {
    super(503, 'ServiceUnavailable', message);
    if (options) this.cause = options.cause;
  }
}

/** 405: a verb the resource does not serve; without one, upstream's generic text for a method the path does not allow. */
export class MethodNotAllowedError extends StatusError {
  constructor(gr?: GroupResource, verb?: string) {
    if (!gr || !verb) {
      super(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
      return;
    }
    super(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${grString(gr)}"`, {
      group: gr.group, kind: gr.resource,
    });
  }
}

/** 404 for a path no resource answers, as upstream words it. */
export class PathNotFoundError extends StatusError {
  constructor() {
    super(404, 'NotFound', 'the server could not find the requested resource');
  }
}

export class NotAcceptableError extends StatusError {
  constructor(message: string) {
    super(406, 'NotAcceptable', message);
  }
}

const BODY_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** 415: the accepted media types are those of a body (the default) or of the request's own kind (the patch types). */
export class UnsupportedMediaTypeError extends StatusError {
  constructor(contentType: string, accepted: readonly string[] = BODY_MEDIA_TYPES) {
    super(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
    void contentType;
  }
}

export class RequestEntityTooLargeError extends StatusError {
  constructor(message = 'the request body is too large') {
    super(413, 'RequestEntityTooLarge', message);
  }
}

/** An error that is not worth retrying (controllers' reconcile contract). */
export class TerminalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TerminalError';
  }
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}

export function isNotFound(e: unknown): boolean {
  return isStatusError(e) && e.reason === 'NotFound';
}
export function isAlreadyExists(e: unknown): boolean {
  return isStatusError(e) && e.reason === 'AlreadyExists';
}
export function isConflict(e: unknown): boolean {
  return isStatusError(e) && e.reason === 'Conflict';
}
export function isGone(e: unknown): boolean {
  return isStatusError(e) && (e.reason === 'Expired' || e.reason === 'Gone');
}

/** Turns a Status body (from an API response) back into a StatusError. */
export function fromStatus(s: Status): StatusError {
  const d = s.details;
  return new StatusError(s.code ?? 500, (s.reason as StatusReason) ?? 'Unknown', s.message ?? '', d ? {
    name: d.name, group: d.group, kind: d.kind, uid: d.uid, causes: d.causes, retryAfterSeconds: d.retryAfterSeconds,
  } : undefined);
}
