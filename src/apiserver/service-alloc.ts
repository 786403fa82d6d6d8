// What the Service registry allocates on create, as upstream: a cluster IP from the service
// range (unless headless "None" or ExternalName) and node ports in --service-node-port-range
// (30000-32767 by default) for NodePort and LoadBalancer services; a requested port outside it is 422. Allocations come from the watch cache's view of the Services
// and are serialized, so two concurrent creates never get the same address.
import type { KubeObject } from '../api/meta/v1/types.js';
import { InvalidError } from '../machinery/errors.js';
import { invalid, root } from '../machinery/field-errors.js';
import type { Registry } from './registry.js';
import type { ResourceInfo } from '../api/scheme.js';
import { DEFAULT_NODE_PORT_RANGE, nodePortNotInRange } from '../api/core/v1/service-allocation-errors.js';

/** --service-node-port-range as a first port and a count: 30000-32767 is { base: 30000, size: 2768 } */
export interface NodePortRange {
  base: number;
  size: number;
}

/** Parses "30000-32767" (or a single port "N", a range of one) as upstream's utilnet.ParsePortRange. */
export function parseNodePortRange(text: string): NodePortRange {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || lo > 65535 || hi > 65535 || hi < lo) throw new Error(`"${text}" is not a port range such as 30000-32767`);
  return { base: lo, size: hi - lo + 1 };
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: { nodePort?: number }[];
}

export function parseCidr(cidr: string): { base: number; size: number } {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) throw new Error(`invalid service CIDR ${cidr}`);
  const ip = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  const n = ((ip[0] << 24) >>> 0) + (ip[1] << 16) + (ip[2] << 8) + ip[3];
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { base: (n & mask) >>> 0, size: 2 ** (32 - bits) };
}

export function ipToNumber(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class ServiceAllocator {
  readonly #range: { base: number; size: number };
  readonly #ports: NodePortRange;
  #lock: Promise<void> = Promise.resolve();

  constructor(cidr: string, nodePorts: NodePortRange = DEFAULT_NODE_PORT_RANGE) {
    this.#range = parseCidr(cidr);
    this.#ports = nodePorts;
  }

  /** Runs fn with allocations serialized. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.#lock;
    let release!: () => void;
    this.#lock = new Promise((r) => (release = r));
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Fills spec.clusterIP(s) and node ports of a new Service; an address already taken is 422. */
  allocate(registry: Registry, info: ResourceInfo, svc: KubeObject): void {
    const spec = (svc.spec ??= {}) as ServiceSpec;
    const used = new Set<number>();
    const usedPorts = new Set<number>();
    for (const { obj } of registry.cache.list(registry.keys.prefix(info)).items) {
      const s = (obj.spec ?? {}) as ServiceSpec;
      if (s.clusterIP && s.clusterIP !== 'None') used.add(ipToNumber(s.clusterIP));
      for (const p of s.ports ?? []) if (p.nodePort) usedPorts.add(p.nodePort);
    }
    const type = spec.type ?? 'ClusterIP';
    if (type !== 'ExternalName') {
      if (!spec.clusterIP && spec.clusterIPs?.length) spec.clusterIP = spec.clusterIPs[0];
      if (!spec.clusterIP) {
        const { base, size } = this.#range;
        let found: number | undefined;
        // offset 1 is the kubernetes Service; dynamic allocation starts above it
        for (let off = 2; off < size - 1; off++) {
          if (!used.has(base + off)) {
            found = base + off;
            break;
          }
        }
        if (found === undefined) throw new InvalidError('', 'Service', svc.metadata?.name ?? '', [invalid(root('spec', 'clusterIPs'), [], 'failed to allocate IP: range is full')]);
        spec.clusterIP = numberToIp(found);
      } else if (spec.clusterIP !== 'None') {
        const n = ipToNumber(spec.clusterIP);
        if (used.has(n)) {
          throw new InvalidError('', 'Service', svc.metadata?.name ?? '', [
            invalid(root('spec', 'clusterIPs').index(0), spec.clusterIP, `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`),
          ]);
        }
      }
      spec.clusterIPs = [spec.clusterIP];
    }
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const max = this.#ports.base + this.#ports.size - 1;
      let next = this.#ports.base;
      for (const [i, p] of (spec.ports ?? []).entries()) {
        if (p.nodePort) {
          if (p.nodePort < this.#ports.base || p.nodePort > max) {
            throw new InvalidError('', 'Service', svc.metadata?.name ?? '', [nodePortNotInRange(i, p.nodePort, this.#ports)]);
          }
          usedPorts.add(p.nodePort);
          continue;
        }
        while (usedPorts.has(next) && next <= max) next++;
        if (next > max) throw new InvalidError('', 'Service', svc.metadata?.name ?? '', [invalid(root('spec', 'ports'), '', 'failed to allocate a nodePort: range is full')]);
        p.nodePort = next;
        usedPorts.add(next);
      }
    }
  }
}
