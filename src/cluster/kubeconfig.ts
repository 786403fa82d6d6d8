// kubeconfig files (clientcmd v1 Config) with the certificates embedded as base64,
// so kubectl and client libraries use them as is from any directory.
import { stringify } from 'yaml';
import { writeFileAtomic } from '../machinery/atomic-file.js';

export interface KubeconfigInput {
  /** https://host:port */
  server: string;
  /** CA certificate PEM */
  caCert: string;
  /** client certificate and key PEM (omit for token users) */
  clientCert?: string;
  clientKey?: string;
  token?: string;
  clusterName?: string;
  userName?: string;
  namespace?: string;
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** Builds a kubeconfig object with one cluster, one user and one current context. */
export function buildKubeconfig(input: KubeconfigInput): Record<string, unknown> {
  const cluster = input.clusterName ?? 'kubets';
  const user = input.userName ?? 'kubernetes-admin';
  const context = `${user}@${cluster}`;
  const userEntry: Record<string, string> = {};
  if (input.clientCert) userEntry['client-certificate-data'] = b64(input.clientCert);
  if (input.clientKey) userEntry['client-key-data'] = b64(input.clientKey);
  if (input.token) userEntry.token = input.token;
  const ctx: Record<string, string> = { cluster, user };
  if (input.namespace) ctx.namespace = input.namespace;
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server: input.server, 'certificate-authority-data': b64(input.caCert) } }],
    users: [{ name: user, user: userEntry }],
    contexts: [{ name: context, context: ctx }],
    'current-context': context,
    preferences: {},
  };
}

export function kubeconfigYaml(input: KubeconfigInput): string {
  return stringify(buildKubeconfig(input));
}

/** Writes a kubeconfig (mode 0600) atomically: a reader never sees half a file (DiskFullError on a full disk). */
export function writeKubeconfig(path: string, input: KubeconfigInput): void {
  writeFileAtomic(path, kubeconfigYaml(input), 0o600);
}
