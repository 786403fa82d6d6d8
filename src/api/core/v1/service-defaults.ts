// Service defaulting (SetObjectDefaults_Service) and the parts of the registry's
// create/update preparation that do not need the IP and port allocators.
import {
  CLUSTER_IP_NONE, DEFAULT_CLIENT_IP_AFFINITY_SECONDS, isExternallyAccessible, type Service, type ServiceSpec,
} from './service.js';
import { isIPv4 } from '../../../machinery/validation.js';
import { deepEqual } from '../../../machinery/equality.js';

type IPFamily = 'IPv4' | 'IPv6';

/**
 * SetDefaults_Service: sessionAffinity None (ClientIP gets a 10800s timeout), type ClusterIP,
 * port protocol TCP, targetPort = port, externalTrafficPolicy Cluster for externally reachable
 * services, internalTrafficPolicy Cluster, allocateLoadBalancerNodePorts true for LoadBalancer,
 * ipMode VIP on load-balancer ingress with an IP. Then, as the registry does before allocating,
 * clusterIPs from a lone clusterIP and the single-stack IP family fields (see initServiceIPFamilies).
 */
export function defaultService(svc: Service, clusterFamilies: readonly IPFamily[] = ['IPv4']): void {
  const spec: ServiceSpec = svc.spec ?? {};
  svc.spec = spec;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of spec.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (isExternallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
  if (spec.type === 'LoadBalancer') {
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
  // Go always writes the (struct) load-balancer status: a cluster returns status.loadBalancer {}
  svc.status = svc.status ?? {};
  svc.status.loadBalancer = svc.status.loadBalancer ?? {};
  if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP];
  initServiceIPFamilies(svc, clusterFamilies);
}

function familyOf(ip: string): IPFamily {
  return isIPv4(ip) ? 'IPv4' : 'IPv6';
}

/**
 * The allocator's initIPFamilyFields for a cluster with the given families (single-stack IPv4
 * by default): ipFamilyPolicy SingleStack (RequireDualStack for a headless service without a
 * selector), ipFamilies from the given clusterIPs or else the cluster's primary family.
 * ExternalName services get none of these. The cluster IPs themselves are the allocator's job.
 */
export function initServiceIPFamilies(svc: Service, clusterFamilies: readonly IPFamily[] = ['IPv4']): void {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return;
  const headless = spec.clusterIP === CLUSTER_IP_NONE;
  const selectorless = Object.keys(spec.selector ?? {}).length === 0;
  if (!spec.ipFamilyPolicy) spec.ipFamilyPolicy = headless && selectorless ? 'RequireDualStack' : 'SingleStack';
  const families = [...(spec.ipFamilies ?? [])];
  if (families.length === 0) {
    for (const ip of spec.clusterIPs ?? []) if (ip && ip !== CLUSTER_IP_NONE) families.push(familyOf(ip));
  }
  if (families.length === 0) families.push(clusterFamilies[0] ?? 'IPv4');
  const wantsTwo = spec.ipFamilyPolicy !== 'SingleStack' && clusterFamilies.length > 1;
  if (wantsTwo && families.length === 1) {
    const other = clusterFamilies.find((f) => f !== families[0]);
    if (other) families.push(other);
  }
  spec.ipFamilies = families;
}

const needsClusterIP = (s: Service) => s.spec?.type !== 'ExternalName';
const needsNodePort = (s: Service) => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';
const needsHCNodePort = (s: Service) => s.spec?.type === 'LoadBalancer' && s.spec?.externalTrafficPolicy === 'Local';

/** NormalizeClusterIPs on create: a lone clusterIP (an old client) also fills clusterIPs. */
export function prepareServiceForCreate(svc: Service): void {
  const spec = svc.spec ?? {};
  if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP];
}

/**
 * What the registry does to an updated Service before validation: patchAllocatedValues (keep the
 * allocated clusterIP(s), node ports and health-check port that a replace left out),
 * NormalizeClusterIPs (keep clusterIP and clusterIPs in step for old clients), and
 * dropTypeDependentFields (wipe what the new type no longer uses, when the user left it unchanged).
 * The status is the old one: it changes only through the status subresource.
 */
export function prepareServiceForUpdate(svc: Service, old: Service): void {
  svc.status = structuredClone(old.status);
  if (svc.status === undefined) delete svc.status;
  const spec = (svc.spec = svc.spec ?? {});
  const oldSpec = old.spec ?? {};
  // patchAllocatedValues
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && (oldSpec.clusterIPs ?? []).length > 0) spec.clusterIPs = [...(oldSpec.clusterIPs ?? [])];
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const usedNew = new Set((spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const used = new Set((oldSpec.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0 && usedNew.has(n)));
    const byName = new Map((oldSpec.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of spec.ports ?? []) {
      if (!p.nodePort) {
        const was = byName.get(p.name ?? '') ?? 0;
        if (was && !used.has(was)) p.nodePort = was;
      }
    }
  }
  if (needsHCNodePort(old) && needsHCNodePort(svc) && !spec.healthCheckNodePort && oldSpec.healthCheckNodePort) {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
  normalizeClusterIPsOnUpdate(svc, old);
  dropTypeDependentFields(svc, old);
}

const sameClusterIPs = (a: ServiceSpec, b: ServiceSpec) => deepEqual(a.clusterIPs ?? [], b.clusterIPs ?? []);

function normalizeClusterIPsOnUpdate(svc: Service, old: Service): void {
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  if ((oldSpec.clusterIPs ?? []).length > 0 && (spec.clusterIPs ?? []).length === 0 && (oldSpec.clusterIP ?? '') === (spec.clusterIP ?? '')) {
    spec.clusterIPs = [...(oldSpec.clusterIPs ?? [])];
  }
  if ((oldSpec.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    if (oldSpec.clusterIP && !spec.clusterIP) {
      if (sameClusterIPs(oldSpec, spec)) delete spec.clusterIPs;
    } else if (sameClusterIPs(oldSpec, spec) && spec.clusterIP) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}

function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (sameClusterIPs(oldSpec, spec)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (deepEqual(oldSpec.ipFamilies ?? [], spec.ipFamilies ?? [])) delete spec.ipFamilies;
    if (oldSpec.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  const nodePorts = (s: ServiceSpec) => (s.ports ?? []).map((p) => p.nodePort ?? 0);
  if (needsNodePort(old) && !needsNodePort(svc) && deepEqual(nodePorts(oldSpec), nodePorts(spec))) {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (needsHCNodePort(old) && !needsHCNodePort(svc) && (oldSpec.healthCheckNodePort ?? 0) === (spec.healthCheckNodePort ?? 0)) {
    delete spec.healthCheckNodePort;
  }
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass === oldSpec.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (isExternallyAccessible(old) && !isExternallyAccessible(svc) && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer' && svc.status?.loadBalancer) svc.status.loadBalancer = {};
}
