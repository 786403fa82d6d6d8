// The objects every cluster has from its first start: the namespaces default, kube-system,
// kube-public and kube-node-lease, and the `kubernetes` Service in default (the first
// service IP, port 443 → the API server) with Endpoints and an EndpointSlice pointing at
// this server. Existing objects are left alone except the endpoints, which follow the server.
import type { KubeObject } from '../api/meta/v1/types.js';
import type { ResourceInfo } from '../api/scheme.js';
import { isAlreadyExists, isNotFound } from '../machinery/errors.js';
import type { ApiServer } from './server.js';
import { createObject, updateObject } from './write-path.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const MANAGER = 'kube-apiserver';

export interface BootstrapOptions {
  /** the first IP of the service range, e.g. 10.96.0.1 */
  serviceIP: string;
  /** the IP and port the API server serves on (loopback when it listens there alone) */
  endpointIP: string;
  endpointPort: number;
}

function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}

function infoOf(server: ApiServer, group: string, version: string, resource: string): ResourceInfo | undefined {
  return server.scheme.byResource(group, version, resource);
}

async function createIfMissing(server: ApiServer, info: ResourceInfo, obj: KubeObject, validate = true): Promise<boolean> {
  try {
    await createObject({ info, registry: server.registry, manager: MANAGER, validate }, obj);
    return true;
  } catch (e) {
    if (isAlreadyExists(e)) return false;
    throw e;
  }
}

/** Creates obj, or replaces the fields given when it exists (for the endpoints that follow the server). */
async function reconcile(server: ApiServer, info: ResourceInfo, obj: KubeObject, fields: string[], validate: boolean): Promise<void> {
  const ns = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? '';
  try {
    await updateObject({ info, registry: server.registry, manager: MANAGER, validate }, ns, name, { incoming: (cur) => {
      const next = structuredClone(cur);
      for (const f of fields) next[f] = structuredClone(obj[f]);
      return next;
    } });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await createIfMissing(server, info, obj, validate);
  }
}

/** Ensures the system namespaces and the kubernetes Service with its endpoints; returns what it created. */
export async function ensureSystemObjects(server: ApiServer, opts: BootstrapOptions): Promise<string[]> {
  const created: string[] = [];
  const nsInfo = infoOf(server, '', 'v1', 'namespaces');
  if (nsInfo) {
    for (const name of SYSTEM_NAMESPACES) {
      const obj: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: {} };
      if (await createIfMissing(server, nsInfo, obj)) created.push(`namespace/${name}`);
    }
  }
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  const svcInfo = infoOf(server, '', 'v1', 'services');
  if (svcInfo) {
    const svc: KubeObject = {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', labels },
      spec: {
        type: 'ClusterIP', clusterIP: opts.serviceIP, clusterIPs: [opts.serviceIP], sessionAffinity: 'None',
        ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: opts.endpointPort }],
      },
    };
    if (await createIfMissing(server, svcInfo, svc)) created.push('service/kubernetes');
  }
  // a server that listens on loopback alone publishes that address, which users may not
  const validate = !isLoopback(opts.endpointIP);
  const epInfo = infoOf(server, '', 'v1', 'endpoints');
  if (epInfo) {
    await reconcile(server, epInfo, {
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: opts.endpointIP }], ports: [{ name: 'https', port: opts.endpointPort, protocol: 'TCP' }] }],
    }, ['subsets'], validate);
  }
  const sliceInfo = infoOf(server, 'discovery.k8s.io', 'v1', 'endpointslices');
  if (sliceInfo) {
    await reconcile(server, sliceInfo, {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [opts.endpointIP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: opts.endpointPort, protocol: 'TCP' }],
    }, ['endpoints', 'ports'], validate);
  }
  return created;
}
