// The field errors the Service registry's allocators report (cluster IPs and node ports),
// with upstream's wording, for the API server to return as an Invalid Service:
//   spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767
import { type FieldError, invalid, root } from '../../../machinery/field-errors.js';

export const DEFAULT_NODE_PORT_RANGE = { base: 30000, size: 2768 } as const;

/** "30000-32767" */
export function portRangeString(range: { base: number; size: number } = DEFAULT_NODE_PORT_RANGE): string {
  return `${range.base}-${range.base + range.size - 1}`;
}

export function nodePortNotInRange(portIndex: number, port: number, range: { base: number; size: number } = DEFAULT_NODE_PORT_RANGE): FieldError {
  return invalid(root('spec', 'ports').index(portIndex).child('nodePort'), port,
    `provided port is not in the valid range. The range of valid ports is ${portRangeString(range)}`);
}

export function nodePortAllocated(portIndex: number, port: number): FieldError {
  return invalid(root('spec', 'ports').index(portIndex).child('nodePort'), port, 'provided port is already allocated');
}

/** A requested healthCheckNodePort that could not be had (reason: one of the two messages above). */
export function healthCheckNodePortFailed(port: number, reason: string): FieldError {
  return invalid(root('spec', 'healthCheckNodePort'), port, `failed to allocate requested HealthCheck NodePort ${port}: ${reason}`);
}

/** A requested cluster IP outside the service CIDR, e.g. 10.96.0.0/12. */
export function clusterIPNotInRange(clusterIPs: readonly string[], ip: string, cidr: string): FieldError {
  return invalid(root('spec', 'clusterIPs'), clusterIPs,
    `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${cidr}`);
}

export function clusterIPAllocated(clusterIPs: readonly string[], ip: string): FieldError {
  return invalid(root('spec', 'clusterIPs'), clusterIPs, `failed to allocate IP ${ip}: provided IP is already allocated`);
}
