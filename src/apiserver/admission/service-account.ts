// ServiceAccount: every pod runs as a service account ("default" unless it names one),
// which must exist; the account's API token, the cluster CA and the namespace are projected
// into each container at /var/run/secrets/kubernetes.io/serviceaccount unless automounting
// is turned off, and the account's imagePullSecrets are copied onto the pod.
import type { Pod } from '../../api/core/v1/pod.js';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { NotFoundError, isAlreadyExists } from '../../machinery/errors.js';
import type { AdmissionAttributes, AdmissionPlugin } from '../chain.js';
import type { ResourceInfo } from '../../api/scheme.js';
import type { Registry } from '../registry.js';
import { createObject } from '../write-path.js';
import { MIRROR_POD_ANNOTATION, cachedGet, forbidden, getOrUndefined, infoFor, isResource, type AdmissionDeps } from './util.js';
import { randomString } from '../../machinery/names.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** A bound token's lifetime as projected: one hour and seven seconds (the kubelet refreshes it). */
export const TOKEN_EXPIRATION_SECONDS = 3607;
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

interface ServiceAccount extends KubeObject {
  automountServiceAccountToken?: boolean;
  imagePullSecrets?: { name?: string }[];
}

export interface ServiceAccountOptions {
  /**
   * Create a namespace's "default" ServiceAccount when a pod needs it and it is missing,
   * as the service account controller would have done (kubets has no such controller yet).
   */
  createDefault?: boolean;
}

/** The projected volume upstream adds (kube-api-access-xxxxx). */
export function tokenVolume(name: string): NonNullable<NonNullable<Pod['spec']>['volumes']>[number] {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 0o644,
    },
  };
}

/** Mounts the token volume into every init container and container that has nothing at the mount path. */
export function mountToken(pod: Pod): void {
  const spec = (pod.spec ??= { containers: [] });
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? TOKEN_VOLUME_PREFIX + randomString(5);
  let needed = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
    needed = true;
  }
  if (!existing && needed) spec.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
}

export function shouldAutomount(sa: ServiceAccount, pod: Pod): boolean {
  if (pod.spec?.automountServiceAccountToken !== undefined) return pod.spec.automountServiceAccountToken;
  if (sa.automountServiceAccountToken !== undefined) return sa.automountServiceAccountToken;
  return true;
}

async function lookup(registry: Registry, info: ResourceInfo, ns: string, name: string, createDefault: boolean, dryRun: boolean): Promise<ServiceAccount | undefined> {
  const sa = await cachedGet<ServiceAccount>(registry, info, ns, name);
  if (sa || !createDefault || name !== DEFAULT_SERVICE_ACCOUNT) return sa;
  const obj: ServiceAccount = {
    apiVersion: 'v1', kind: 'ServiceAccount',
    metadata: { name, namespace: ns },
  };
  // a dry run leaves nothing behind: answer as if the account existed
  if (dryRun) return obj;
  try {
    // the service account controller's write, which kubets makes here
    return await createObject({ info, registry, manager: 'kube-controller-manager' }, obj) as ServiceAccount;
  } catch (e) {
    if (isAlreadyExists(e)) return getOrUndefined<ServiceAccount>(registry, info, ns, name);
    throw e;
  }
}

function isPodCreate(a: AdmissionAttributes): boolean {
  return isResource(a, '', 'pods') && a.operation === 'CREATE' && !!a.object;
}

function mirrorPodProblem(pod: Pod): string | undefined {
  if (pod.spec?.serviceAccountName) return 'a mirror pod may not reference service accounts';
  for (const v of pod.spec?.volumes ?? []) {
    if (v.secret) return `volume ${v.name} has secret, a mirror pod may not reference secrets`;
    if (v.projected?.sources?.some((s) => s.secret)) return `volume ${v.name} has secret projection, a mirror pod may not reference secrets`;
    if (v.projected?.sources?.some((s) => s.serviceAccountToken)) return `volume ${v.name} has service account token projection, a mirror pod may not use service account tokens`;
  }
  return undefined;
}

export function serviceAccount({ registry, scheme }: AdmissionDeps, opts: ServiceAccountOptions = {}): AdmissionPlugin {
  const saInfo = infoFor(scheme, '', 'v1', 'serviceaccounts');
  const notFound = (a: AdmissionAttributes, name: string) => forbidden(a,
    `error looking up service account ${a.namespace}/${name}: ${new NotFoundError({ group: '', resource: 'serviceaccount' }, name).message}`);
  return {
    name: 'ServiceAccount',
    async admit(a) {
      if (!isPodCreate(a)) return;
      const pod = a.object as Pod;
      if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
      const spec = (pod.spec ??= { containers: [] });
      if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || DEFAULT_SERVICE_ACCOUNT;
      spec.serviceAccount ??= spec.serviceAccountName;
      const sa = await lookup(registry, saInfo, a.namespace, spec.serviceAccountName, opts.createDefault ?? false, a.dryRun);
      if (!sa) throw notFound(a, spec.serviceAccountName);
      if (shouldAutomount(sa, pod)) mountToken(pod);
      if (!spec.imagePullSecrets?.length && sa.imagePullSecrets?.length) {
        spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name ?? '' }));
      }
    },
    async validate(a) {
      if (!isPodCreate(a)) return;
      const pod = a.object as Pod;
      if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
        const problem = mirrorPodProblem(pod);
        if (problem) throw forbidden(a, problem);
        return;
      }
      const name = pod.spec?.serviceAccountName;
      if (!name || (a.dryRun && opts.createDefault && name === DEFAULT_SERVICE_ACCOUNT)) return;
      if (!await cachedGet(registry, saInfo, a.namespace, name)) throw notFound(a, name);
    },
  };
}
