// POST /api/v1/namespaces/<ns>/serviceaccounts/<name>/token (kubectl create token): issues
// a bound token for the service account, as upstream's TokenREST does.
import { rfc3339 } from '../../machinery/object-meta.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { defaultTokenRequest, validateTokenRequest, type TokenRequest } from '../../api/authentication/v1/types.js';
import { BadRequestError, ConflictError, InvalidError, NotFoundError } from '../../machinery/errors.js';
import { invalid, root } from '../../machinery/field-errors.js';
import type { VirtualHandler } from '../rest-context.js';
import type { ObjectLookup } from './lookup.js';
import type { ServiceAccountKeys } from './sa-keys.js';
import {
  DEFAULT_AUDIENCES, DEFAULT_ISSUER, EXPIRATION_EXTENSION_SECONDS, issueBoundToken, WARN_ONLY_BOUND_TOKEN_SECONDS,
} from './sa-token.js';

export interface TokenRequestOptions {
  keys: ServiceAccountKeys;
  lookup: ObjectLookup;
  /** used when the request names no audience (--api-audiences) */
  audiences?: string[];
  issuer?: string;
  /** --service-account-extend-token-expiration (default true) */
  extendExpiration?: boolean;
  /** milliseconds since the epoch */
  now?: () => number;
}

const GROUP = 'authentication.k8s.io';


async function mustGet(lookup: ObjectLookup, resource: 'pods' | 'secrets' | 'nodes', ns: string, name: string): Promise<KubeObject> {
  const o = await lookup(resource, ns, name);
  if (!o) throw new NotFoundError({ group: '', resource }, name);
  return o;
}

export function tokenRequestHandler(opts: TokenRequestOptions): VirtualHandler {
  const clock = opts.now ?? Date.now;
  return async (ctx, body) => {
    const req = body as unknown as TokenRequest;
    const { namespace, name } = ctx;
    if (req.metadata?.name && req.metadata.name !== name) {
      throw new InvalidError(GROUP, 'TokenRequest', name, [invalid(root('metadata', 'name'), req.metadata.name, 'must match the service account name if specified')]);
    }
    if (req.metadata?.namespace && req.metadata.namespace !== namespace) {
      throw new InvalidError(GROUP, 'TokenRequest', name, [invalid(root('metadata', 'namespace'), req.metadata.namespace, 'must match the service account namespace if specified')]);
    }
    const sa = await opts.lookup('serviceaccounts', namespace, name);
    if (!sa) throw new NotFoundError({ group: '', resource: 'serviceaccounts' }, name);
    req.spec ??= { audiences: [] };
    // a protobuf body decodes unset pointers as null, as Go's JSON would print them
    const spec = req.spec as Record<string, unknown>;
    for (const k of ['expirationSeconds', 'boundObjectRef', 'audiences']) if (spec[k] === null) delete spec[k];
    if (!req.spec.audiences?.length) req.spec.audiences = [...(opts.audiences ?? DEFAULT_AUDIENCES)];
    defaultTokenRequest(req);
    const nowMs = clock();
    const errs = validateTokenRequest(req);
    if (errs.length) throw new InvalidError(GROUP, 'TokenRequest', '', errs);
    let pod: KubeObject | undefined;
    let secret: KubeObject | undefined;
    let node: KubeObject | undefined;
    const ref = req.spec.boundObjectRef;
    if (ref) {
      const apiVersion = ref.apiVersion ?? '';
      const kind = ref.kind ?? '';
      let uid: string | undefined;
      if (apiVersion === 'v1' && kind === 'Pod') {
        pod = await mustGet(opts.lookup, 'pods', namespace, ref.name ?? '');
        const spec = pod.spec as { serviceAccountName?: string; nodeName?: string } | undefined;
        if ((spec?.serviceAccountName ?? '') !== name) {
          throw new BadRequestError(`cannot bind token for serviceaccount ${JSON.stringify(name)} to pod running with different serviceaccount name.`);
        }
        uid = pod.metadata?.uid;
        if (spec?.nodeName) node = await opts.lookup('nodes', '', spec.nodeName);
      } else if (apiVersion === 'v1' && kind === 'Node') {
        node = await mustGet(opts.lookup, 'nodes', '', ref.name ?? '');
        uid = node.metadata?.uid;
      } else if (apiVersion === 'v1' && kind === 'Secret') {
        secret = await mustGet(opts.lookup, 'secrets', namespace, ref.name ?? '');
        uid = secret.metadata?.uid;
      } else {
        const [g, v] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
        throw new BadRequestError(`cannot bind token to object of type ${g ? `${g}/` : ''}${v}, Kind=${kind}`);
      }
      if (ref.uid && ref.uid !== uid) {
        throw new ConflictError({ group: '', resource: kind }, ref.name ?? '',
          `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
      }
    }
    const expirationSeconds = req.spec.expirationSeconds ?? 3600;
    const nowSec = Math.floor(nowMs / 1000);
    const apiAudiences = opts.audiences ?? DEFAULT_AUDIENCES;
    // kubelets ask for 3607 s: such pod tokens last a year but report uses after the hour
    const extend = (opts.extendExpiration ?? true) && !!pod && expirationSeconds === WARN_ONLY_BOUND_TOKEN_SECONDS
      && req.spec.audiences.every((a) => apiAudiences.includes(a));
    const token = issueBoundToken(opts.keys, {
      serviceAccount: sa, pod, secret, node, audiences: req.spec.audiences,
      expirationSeconds: extend ? EXPIRATION_EXTENSION_SECONDS : expirationSeconds,
      warnAfter: extend ? nowSec + expirationSeconds : undefined,
      now: nowSec, issuer: opts.issuer ?? DEFAULT_ISSUER,
    });
    return {
      apiVersion: `${GROUP}/v1`,
      kind: 'TokenRequest',
      metadata: { name, namespace, creationTimestamp: rfc3339(new Date(nowMs)) },
      spec: { ...req.spec },
      status: { token, expirationTimestamp: rfc3339(new Date(nowMs + expirationSeconds * 1000)) },
    };
  };
}
