// The Service columns of kubectl get (printService): NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer } from '../../scheme.js';
import { age, formatLabels } from '../../printing.js';
import type { LoadBalancerStatus, Service, ServicePort } from './service.js';


/** makePortString: "80/TCP", "80:30080/TCP" with a node port, comma separated. */
export function servicePortsString(ports: readonly ServicePort[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
}

/** loadBalancerStatusStringer (wide, as the server prints tables): sorted unique IPs or hostnames. */
export function loadBalancerStatusString(status: LoadBalancerStatus | undefined): string {
  const out = new Set<string>();
  for (const ing of status?.ingress ?? []) {
    if (ing.ip) out.add(ing.ip);
    else if (ing.hostname) out.add(ing.hostname);
  }
  return [...out].sort().join(',');
}

/** getServiceExternalIP */
export function serviceExternalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatusString(svc.status?.loadBalancer);
      if (external.length) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export const servicePrinter: Printer<Service> = {
  columns: [
    nameColumn,
    col('Type', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    col('Cluster-IP', 'The virtual IP of the service inside the cluster.'),
    col('External-IP', 'IPs or names the service is reachable at from outside the cluster.'),
    col('Port(s)', 'The ports the service exposes.'),
    ageColumn,
    col('Selector', 'The labels of the pods that receive the traffic.', 'string', 1),
  ],
  row: (svc, now) => [
    svc.metadata?.name ?? '',
    svc.spec?.type ?? '',
    svc.spec?.clusterIPs?.[0] ?? '<none>',
    serviceExternalIP(svc),
    servicePortsString(svc.spec?.ports) || '<none>',
    age(svc.metadata?.creationTimestamp, now),
    formatLabels(svc.spec?.selector),
  ],
};
