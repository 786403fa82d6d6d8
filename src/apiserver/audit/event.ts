// The audit.k8s.io/v1 Event written for each stage of a request, and the rules that keep
// credentials out of it whatever the policy says: Secrets, TokenRequests and TokenReviews
// are logged at Metadata at most, and any object that still reaches an event has its
// Secret data, stringData, last-applied copy and token fields removed.
import type { AuditLevel, AuditStage } from './policy.js';

export interface AuditUser {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface ObjectReference {
  resource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiGroup?: string;
  apiVersion?: string;
  resourceVersion?: string;
  subresource?: string;
}

export interface AuditResponseStatus {
  metadata: Record<string, unknown>;
  status?: string;
  message?: string;
  reason?: string;
  details?: unknown;
  code: number;
}

export interface AuditEvent {
  kind: 'Event';
  apiVersion: 'audit.k8s.io/v1';
  level: AuditLevel;
  auditID: string;
  stage: AuditStage;
  requestURI: string;
  verb: string;
  user: AuditUser;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: ObjectReference;
  responseStatus?: AuditResponseStatus;
  requestObject?: unknown;
  responseObject?: unknown;
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

/** Resources whose bodies carry credentials: never logged above Metadata. */
export function isSensitiveResource(apiGroup: string, resource: string, subresource: string): boolean {
  if (apiGroup === '' && resource === 'secrets') return true;
  if (apiGroup === '' && resource === 'serviceaccounts' && subresource === 'token') return true;
  if (apiGroup === 'authentication.k8s.io' && resource === 'tokenreviews') return true;
  return false;
}

/** The level actually used: the policy's, capped at Metadata for credential-bearing resources. */
export function effectiveLevel(level: AuditLevel, ref: { apiGroup: string; resource: string; subresource: string } | undefined): AuditLevel {
  if (ref && (level === 'Request' || level === 'RequestResponse') && isSensitiveResource(ref.apiGroup, ref.resource, ref.subresource)) return 'Metadata';
  return level;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * A copy of a request or response body with credentials removed: Secret data/stringData and
 * its last-applied annotation, TokenRequest status.token, TokenReview spec.token, in lists and
 * watch events, tables and nested objects too. Defence in depth: the level cap above already keeps those kinds out.
 */
export function scrub(value: unknown, omitManagedFields = false): unknown {
  if (Array.isArray(value)) return value.map((v) => scrub(v, omitManagedFields));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = k === 'metadata' ? v : scrub(v, omitManagedFields);
  const meta = o.metadata as Record<string, unknown> | undefined;
  if (meta && typeof meta === 'object' && (omitManagedFields || o.kind === 'Secret')) {
    const m = { ...meta };
    if (omitManagedFields) delete m.managedFields;
    if (o.kind === 'Secret' && m.annotations && typeof m.annotations === 'object') {
      const a = { ...(m.annotations as Record<string, string>) };
      delete a[LAST_APPLIED];
      m.annotations = a;
    }
    out.metadata = m;
  }
  if (o.kind === 'Secret') {
    delete out.data;
    delete out.stringData;
  }
  if (o.kind === 'TokenRequest' && o.status && typeof o.status === 'object') {
    const s = { ...(o.status as Record<string, unknown>) };
    delete s.token;
    out.status = s;
  }
  if (o.kind === 'TokenReview' && o.spec && typeof o.spec === 'object') {
    const s = { ...(o.spec as Record<string, unknown>) };
    delete s.token;
    out.spec = s;
  }
  return out;
}

/** responseStatus for a code and, when the answer was a Status, its fields (as upstream copies them). */
export function responseStatusOf(code: number, status?: unknown): AuditResponseStatus {
  const rs: AuditResponseStatus = { metadata: {}, code };
  const s = status as Record<string, unknown> | undefined;
  if (s && s.kind === 'Status') {
    if (typeof s.status === 'string') rs.status = s.status;
    if (typeof s.message === 'string') rs.message = s.message;
    if (typeof s.reason === 'string') rs.reason = s.reason;
    if (s.details !== undefined) rs.details = s.details;
  }
  return rs;
}

/** Drops empty strings from an object reference, as Go's omitempty does. */
export function objectRef(r: ObjectReference): ObjectReference {
  const out: ObjectReference = {};
  for (const [k, v] of Object.entries(r) as [keyof ObjectReference, string | undefined][]) if (v) out[k] = v;
  return out;
}

export function auditUser(u: { name: string; uid?: string; groups: string[]; extra?: Record<string, string[]> } | undefined): AuditUser {
  if (!u) return {};
  const out: AuditUser = { username: u.name };
  if (u.uid) out.uid = u.uid;
  if (u.groups.length) out.groups = [...u.groups];
  if (u.extra && Object.keys(u.extra).length) out.extra = u.extra;
  return out;
}

/** The event as one JSON line, in upstream's field order, with the level's bodies only. */
export function serializeEvent(ev: AuditEvent): string {
  const out: Record<string, unknown> = {
    kind: ev.kind, apiVersion: ev.apiVersion, level: ev.level, auditID: ev.auditID, stage: ev.stage,
    requestURI: ev.requestURI, verb: ev.verb, user: ev.user,
  };
  if (ev.sourceIPs?.length) out.sourceIPs = ev.sourceIPs;
  if (ev.userAgent) out.userAgent = ev.userAgent;
  if (ev.objectRef) out.objectRef = ev.objectRef;
  if (ev.responseStatus) out.responseStatus = ev.responseStatus;
  if (ev.requestObject !== undefined && (ev.level === 'Request' || ev.level === 'RequestResponse')) out.requestObject = ev.requestObject;
  if (ev.responseObject !== undefined && ev.level === 'RequestResponse') out.responseObject = ev.responseObject;
  out.requestReceivedTimestamp = ev.requestReceivedTimestamp;
  out.stageTimestamp = ev.stageTimestamp;
  if (ev.annotations && Object.keys(ev.annotations).length) out.annotations = ev.annotations;
  return JSON.stringify(out);
}
