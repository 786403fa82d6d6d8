// core/v1 Service: the schema and types. Defaults, validation, printer and the
// registry's update preparation live in service-*.ts beside it.
import {
  definer, packageOf, obj, req, str, int32, bool, list, map, oneOf, intOrString, type Static,
} from '../../schema.js';
import { Condition, kindSchema } from '../../meta/v1/types.js';
import { PROTOCOLS } from './container.js';

const def = definer(packageOf('', 'v1'));

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] as const;
export const SESSION_AFFINITIES = ['ClientIP', 'None'] as const;
export const IP_FAMILIES = ['IPv4', 'IPv6'] as const;
export const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'] as const;
export const TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;
export const LOAD_BALANCER_IP_MODES = ['Proxy', 'VIP'] as const;
/** A headless service's clusterIP. */
export const CLUSTER_IP_NONE = 'None';
/** Default ClientIP affinity timeout: 3 hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;
/** Longest ClientIP affinity timeout: 1 day. */
export const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

function atomicMap<T extends object>(schema: T): T {
  return Object.assign(schema, { 'x-kubernetes-map-type': 'atomic' });
}

export const ServicePort = def('ServicePort', obj({
  name: str('Name of the port: a DNS label, unique in the service; required when there is more than one port.'),
  protocol: oneOf(PROTOCOLS, 'TCP, UDP or SCTP; defaults to TCP.'),
  appProtocol: str('The application protocol, e.g. http, kubernetes.io/h2c or example.com/custom.'),
  port: req(int32('The port the service exposes.')),
  targetPort: intOrString,
  nodePort: int32('The port on every node for NodePort and LoadBalancer services; allocated when not given.'),
}, { description: 'ServicePort is one port a service exposes and where it sends the traffic.' }));
export type ServicePort = Static<typeof ServicePort>;

export const ClientIPConfig = def('ClientIPConfig', obj({
  timeoutSeconds: int32('How long a client sticks to the same endpoint: 1 to 86400 seconds, 10800 by default.'),
}, { description: 'ClientIPConfig configures ClientIP session affinity.' }));
export type ClientIPConfig = Static<typeof ClientIPConfig>;

export const SessionAffinityConfig = def('SessionAffinityConfig', obj({
  clientIP: ClientIPConfig,
}, { description: 'SessionAffinityConfig holds the settings of session affinity.' }));
export type SessionAffinityConfig = Static<typeof SessionAffinityConfig>;

export const ServiceSpec = def('ServiceSpec', obj({
  ports: list(ServicePort, {
    mergeKey: 'port', strategy: 'merge', listType: 'map', mapKeys: ['port', 'protocol'],
    description: 'The ports the service exposes.',
  }),
  selector: atomicMap(map(str(), 'Pods with these labels receive the traffic; without a selector, endpoints are managed by someone else.')),
  clusterIP: str('The virtual IP of the service, usually allocated; "None" makes a headless service. Cannot change once set.'),
  clusterIPs: list(str(), { listType: 'atomic', description: 'The service\'s IPs, at most one per IP family; the first equals clusterIP.' }),
  type: oneOf(SERVICE_TYPES, 'How the service is exposed: ClusterIP (default), NodePort, LoadBalancer or ExternalName.'),
  externalIPs: list(str(), { listType: 'atomic', description: 'Extra IPs on which nodes accept traffic for this service.' }),
  sessionAffinity: oneOf(SESSION_AFFINITIES, 'ClientIP keeps a client on one endpoint; None (default) does not.'),
  loadBalancerIP: str('Deprecated: a requested load-balancer IP, where the platform supports it.'),
  loadBalancerSourceRanges: list(str(), { listType: 'atomic', description: 'Client CIDRs allowed through the load balancer, where supported.' }),
  externalName: str('For ExternalName services: the DNS name the service aliases (a CNAME).'),
  externalTrafficPolicy: oneOf(TRAFFIC_POLICIES, 'How externally-arriving traffic is routed: Cluster (default) or Local (node-local endpoints, client IP kept).'),
  healthCheckNodePort: int32('For LoadBalancer services with externalTrafficPolicy Local: the node port of the health check.'),
  publishNotReadyAddresses: bool('Publish endpoints of pods that are not ready (e.g. for peer discovery of stateful sets).'),
  sessionAffinityConfig: SessionAffinityConfig,
  ipFamilies: list(oneOf(IP_FAMILIES), { listType: 'atomic', description: 'The IP families of the service, in the order of clusterIPs.' }),
  ipFamilyPolicy: oneOf(IP_FAMILY_POLICIES, 'SingleStack (default), PreferDualStack or RequireDualStack.'),
  allocateLoadBalancerNodePorts: bool('Whether LoadBalancer services get node ports allocated; defaults to true.'),
  loadBalancerClass: str('The load-balancer implementation that handles this LoadBalancer service; cannot change once set.'),
  internalTrafficPolicy: oneOf(TRAFFIC_POLICIES, 'How traffic to the cluster IP is routed: Cluster (default) or Local.'),
  trafficDistribution: str('A hint for how traffic is spread over endpoints, e.g. PreferClose.'),
}, { description: 'ServiceSpec describes the ports, the selected pods and how a service is exposed.' }));
export type ServiceSpec = Static<typeof ServiceSpec>;

export const PortStatus = def('PortStatus', obj({
  port: req(int32('Port number of the service port.')),
  protocol: req(oneOf(PROTOCOLS, 'Protocol of the service port.')),
  error: str('A CamelCase reason the port failed, if it did.'),
}, { description: 'PortStatus is the state of one service port on a load balancer.' }));
export type PortStatus = Static<typeof PortStatus>;

export const LoadBalancerIngress = def('LoadBalancerIngress', obj({
  ip: str('IP of the load-balancer ingress point.'),
  hostname: str('DNS name of the load-balancer ingress point.'),
  ipMode: oneOf(LOAD_BALANCER_IP_MODES, 'VIP: traffic arrives with the load balancer\'s IP as destination; Proxy: with the node\'s or pod\'s.'),
  ports: list(PortStatus, { listType: 'atomic', description: 'The state of each service port.' }),
}, { description: 'LoadBalancerIngress is one ingress point of a load balancer.' }));
export type LoadBalancerIngress = Static<typeof LoadBalancerIngress>;

export const LoadBalancerStatus = def('LoadBalancerStatus', obj({
  ingress: list(LoadBalancerIngress, { listType: 'atomic', description: 'Where traffic for the service should be sent.' }),
}, { description: 'LoadBalancerStatus is the state of a load balancer.' }));
export type LoadBalancerStatus = Static<typeof LoadBalancerStatus>;

export const ServiceStatus = def('ServiceStatus', obj({
  loadBalancer: LoadBalancerStatus,
  conditions: list(Condition, {
    mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'], description: 'The current conditions of the service.',
  }),
}, { description: 'ServiceStatus is the observed state of a service.' }));
export type ServiceStatus = Static<typeof ServiceStatus>;

export const Service = kindSchema('', 'v1', 'Service', { spec: ServiceSpec, status: ServiceStatus },
  'Service gives a set of pods one stable name, virtual IP and ports, and load-balances between them.');
export type Service = Static<typeof Service>;

/** isHeadlessService: exactly one clusterIP and it is "None". */
export function isHeadlessService(svc: Service): boolean {
  const ips = svc.spec?.clusterIPs ?? [];
  return ips.length === 1 && ips[0] === CLUSTER_IP_NONE;
}

/** ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs. */
export function isExternallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs ?? []).length > 0);
}

/** NeedsHealthCheck: LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';
}
