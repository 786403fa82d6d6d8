// --use-service-account-credentials: each controller of the controller manager talks to
// the API server as its own ServiceAccount, kube-system/<controller name>, so the
// system:controller:<name> role is what limits it. The controller manager's own identity
// makes sure the account exists and asks the TokenRequest API for a token, fetched again
// when 80% of its lifetime has passed (client-go's DynamicControllerClientBuilder).
import type { KubeObject } from '../api/meta/v1/types.js';
import { isAlreadyExists, isNotFound } from '../machinery/errors.js';
import type { ClientConfig } from './config.js';
import type { RestClient } from './rest.js';
import { ResourceClient } from './resource.js';

interface TokenRequest extends KubeObject {
  spec?: { audiences?: string[]; expirationSeconds?: number };
  status?: { token: string; expirationTimestamp: string };
}

const SERVICE_ACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts' };
export const DEFAULT_TOKEN_SECONDS = 3600;
const REFRESH_AT = 0.8;

/** Creates the ServiceAccount namespace/name unless it exists. */
export async function ensureServiceAccount(rest: RestClient, namespace: string, name: string): Promise<void> {
  const sas = new ResourceClient(rest, SERVICE_ACCOUNTS, namespace);
  try {
    await sas.get(name);
    return;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  try {
    await sas.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
}

export interface ServiceAccountCredentialOptions {
  namespace?: string;
  expirationSeconds?: number;
  now?: () => number;
}

/**
 * A client config that authenticates as system:serviceaccount:<namespace>:<controllerName>,
 * made with rest (the controller manager's own client): same server and CA, no client
 * certificate, and a bearer token that renews itself before it expires.
 */
export async function serviceAccountCredentials(rest: RestClient, controllerName: string, opts: ServiceAccountCredentialOptions = {}): Promise<ClientConfig> {
  const namespace = opts.namespace ?? 'kube-system';
  const now = opts.now ?? Date.now;
  await ensureServiceAccount(rest, namespace, controllerName);
  const sas = new ResourceClient(rest, SERVICE_ACCOUNTS, namespace);
  let token = '';
  let refreshAt = 0;
  let expiresAt = 0;
  let inflight: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const issued = now();
    const tr = await sas.createSubresource<TokenRequest, TokenRequest>(controllerName, 'token', {
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: opts.expirationSeconds ?? DEFAULT_TOKEN_SECONDS },
    });
    if (!tr.status?.token) throw new Error(`the TokenRequest for ${namespace}/${controllerName} returned no token`);
    const expires = Date.parse(tr.status.expirationTimestamp);
    token = tr.status.token;
    expiresAt = expires;
    refreshAt = issued + (expires - issued) * REFRESH_AT;
    return token;
  };
  await fetchToken();
  const { server, ca, tlsServerName, insecureSkipTLSVerify, qps, burst, maxRetries } = rest.config;
  return {
    server, ca, tlsServerName, insecureSkipTLSVerify, qps, burst, maxRetries,
    userAgent: `kube-controller-manager/${controllerName}`,
    namespace,
    tokenSource: () => {
      if (now() < refreshAt) return token;
      inflight ??= fetchToken()
        .catch((e: unknown) => {
          if (now() < expiresAt) return token; // keep using the old token while it lasts; try again next time
          throw e;
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
  };
}
