// The plug points of the request chain (upstream's order): authentication → flow control →
// audit → authorization → admission (mutating, then validating) → storage. The API server
// calls these interfaces; implementations live in authn/, authz/, admission/, audit/, flowcontrol/.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { ResourceInfo } from '../api/scheme.js';
import type { UserInfo } from './authn.js';
import type { Req, Res } from './http.js';
import type { RequestInfo } from './request-info.js';

export type { UserInfo };

/** Authenticates a bearer token. undefined = not a token this authenticator knows; throw UnauthorizedError for one it knows but rejects. */
export interface TokenAuthenticator {
  authenticateToken(token: string): Promise<UserInfo | undefined>;
}

/** What a request asks to do, as the authorizers see it (authorizer.Attributes). */
export interface AuthorizationAttributes {
  user: UserInfo;
  /** get list watch create update patch delete deletecollection (+ bind, escalate, impersonate … for checks) or the lower-case method for non-resource paths */
  verb: string;
  isResourceRequest: boolean;
  /** the request path, for non-resource requests */
  path: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export interface Decision {
  /** allow: yes; deny: a definite no; noOpinion: let the next authorizer decide */
  decision: 'allow' | 'deny' | 'noOpinion';
  reason?: string;
}

export interface Authorizer {
  authorize(a: AuthorizationAttributes): Promise<Decision>;
}

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** One write as admission sees it (admission.Attributes). Mutating plugins may change `object` in place. */
export interface AdmissionAttributes {
  operation: AdmissionOperation;
  info: ResourceInfo;
  subresource: string;
  namespace: string;
  name: string;
  object?: KubeObject;
  oldObject?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
  /** warnings for the Warning header (e.g. PodSecurity warn mode) */
  warnings: string[];
}

/** An admission plugin: admit() mutates, validate() only checks; either throws a StatusError (403 Forbidden, 422 Invalid …) to refuse. */
export interface AdmissionPlugin {
  readonly name: string;
  admit?(a: AdmissionAttributes): Promise<void>;
  validate?(a: AdmissionAttributes): Promise<void>;
}

/** Runs every plugin's admit() in order, then (after the kind's own validation) every validate(). */
export class AdmissionChain {
  readonly #plugins: AdmissionPlugin[];
  constructor(plugins: AdmissionPlugin[] = []) {
    this.#plugins = plugins;
  }
  get plugins(): readonly AdmissionPlugin[] {
    return this.#plugins;
  }
  async admit(a: AdmissionAttributes): Promise<void> {
    for (const p of this.#plugins) if (p.admit) await p.admit(a);
  }
  async validate(a: AdmissionAttributes): Promise<void> {
    for (const p of this.#plugins) if (p.validate) await p.validate(a);
  }
}

/** Wraps the handling of one request (flow control, audit): call next() to go on; may answer itself instead. */
export type RequestFilter = (ctx: FilterContext, next: () => Promise<void>) => Promise<void>;

export interface FilterContext {
  req: Req;
  res: Res;
  ri: RequestInfo;
  /** set once authentication has run */
  user?: UserInfo;
  /** the HTTP status finally sent (set after next() returns) */
  code?: number;
}

export const alwaysAllow: Authorizer = { authorize: async () => ({ decision: 'allow' }) };
