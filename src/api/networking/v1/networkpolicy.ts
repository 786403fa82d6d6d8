// networking.k8s.io/v1 NetworkPolicy: which traffic may reach and leave a set of pods.
import {
  definer, obj, req, str, int32, list, oneOf, intOrString, packageOf, type Static,
} from '../../schema.js';
import { kindSchema, LabelSelector } from '../../meta/v1/types.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';
import { labelSelectorToString } from '../../../machinery/labels.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import {
  forbidden, invalid, notSupported, required, root, type FieldError, type Path,
} from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { isValidIP, isValidPortName, isValidPortNum, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { age } from '../../printing.js';

const def = definer(packageOf('networking.k8s.io', 'v1'));

export const IPBlock = def('IPBlock', obj({
  cidr: req(str('A CIDR such as "192.168.1.0/24" or "2001:db8::/64".')),
  except: list(str(), { listType: 'atomic', description: 'CIDRs inside cidr that are excluded.' }),
}, { description: 'IPBlock selects a range of IPs.' }));

export const NetworkPolicyPeer = def('NetworkPolicyPeer', obj({
  podSelector: LabelSelector,
  namespaceSelector: LabelSelector,
  ipBlock: IPBlock,
}, { description: 'A peer of a rule: pods (optionally in selected namespaces) or an IP block.' }));
export type NetworkPolicyPeer = Static<typeof NetworkPolicyPeer>;

export const NetworkPolicyPort = def('NetworkPolicyPort', obj({
  protocol: str('The protocol: TCP (default), UDP or SCTP.'),
  port: intOrString,
  endPort: int32('With a numeric port, the end of a port range (inclusive).'),
}, { description: 'A port (or range) that a rule allows.' }));
export type NetworkPolicyPort = Static<typeof NetworkPolicyPort>;

export const NetworkPolicyIngressRule = def('NetworkPolicyIngressRule', obj({
  ports: list(NetworkPolicyPort, { listType: 'atomic', description: 'Ports the traffic may use; empty means all.' }),
  from: list(NetworkPolicyPeer, { listType: 'atomic', description: 'Sources allowed; empty means all.' }),
}, { description: 'Traffic allowed into the selected pods.' }));

export const NetworkPolicyEgressRule = def('NetworkPolicyEgressRule', obj({
  ports: list(NetworkPolicyPort, { listType: 'atomic', description: 'Ports the traffic may use; empty means all.' }),
  to: list(NetworkPolicyPeer, { listType: 'atomic', description: 'Destinations allowed; empty means all.' }),
}, { description: 'Traffic allowed out of the selected pods.' }));

export const NetworkPolicySpec = def('NetworkPolicySpec', obj({
  podSelector: LabelSelector,
  ingress: list(NetworkPolicyIngressRule, { listType: 'atomic', description: 'Allowed incoming traffic.' }),
  egress: list(NetworkPolicyEgressRule, { listType: 'atomic', description: 'Allowed outgoing traffic.' }),
  policyTypes: list(oneOf(['Ingress', 'Egress'] as const), { listType: 'atomic', description: 'The directions this policy applies to: Ingress, Egress or both.' }),
}, { description: 'NetworkPolicySpec describes a NetworkPolicy.' }));

export const NetworkPolicy = kindSchema('networking.k8s.io', 'v1', 'NetworkPolicy', { spec: NetworkPolicySpec },
  'NetworkPolicy describes what network traffic is allowed for a set of pods.');
export type NetworkPolicy = Static<typeof NetworkPolicy>;

export function defaultNetworkPolicy(np: NetworkPolicy): void {
  const spec = np.spec;
  if (!spec) return;
  if (!spec.policyTypes || spec.policyTypes.length === 0) {
    spec.policyTypes = ['Ingress'];
    if (spec.egress && spec.egress.length) spec.policyTypes.push('Egress');
  }
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
    for (const p of rule.ports ?? []) if (p.protocol === undefined) p.protocol = 'TCP';
  }
}

const opts = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

function isCIDR(value: string): boolean {
  const [ip, bits, extra] = value.split('/');
  if (extra !== undefined || bits === undefined || !/^\d+$/.test(bits) || isValidIP(ip).length) return false;
  return Number(bits) <= (ip.includes(':') ? 128 : 32);
}

function validatePort(port: NetworkPolicyPort, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) {
    errs.push(notSupported(p.child('protocol'), port.protocol, ['TCP', 'UDP', 'SCTP']));
  }
  if (port.port !== undefined) {
    if (typeof port.port === 'number') {
      for (const m of isValidPortNum(port.port)) errs.push(invalid(p.child('port'), port.port, m));
      if (port.endPort !== undefined) {
        if (port.endPort < port.port) errs.push(invalid(p.child('endPort'), port.port, 'must be greater than or equal to `port`'));
        for (const m of isValidPortNum(port.endPort)) errs.push(invalid(p.child('endPort'), port.endPort, m));
      }
    } else {
      if (port.endPort !== undefined) errs.push(invalid(p.child('endPort'), port.endPort, 'may not be specified when `port` is non-numeric'));
      for (const m of isValidPortName(port.port)) errs.push(invalid(p.child('port'), port.port, m));
    }
  } else if (port.endPort !== undefined) {
    errs.push(invalid(p.child('endPort'), port.endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

function validatePeer(peer: NetworkPolicyPeer, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  if (peer.podSelector) { n++; errs.push(...validateLabelSelector(peer.podSelector, p.child('podSelector'))); }
  if (peer.namespaceSelector) { n++; errs.push(...validateLabelSelector(peer.namespaceSelector, p.child('namespaceSelector'))); }
  if (peer.ipBlock) {
    n++;
    const b = peer.ipBlock;
    const bp = p.child('ipBlock');
    if (!b.cidr) errs.push(required(bp.child('cidr'), ''));
    else if (!isCIDR(b.cidr)) errs.push(invalid(bp.child('cidr'), b.cidr, CIDR_MSG));
    (b.except ?? []).forEach((e, i) => {
      if (!isCIDR(e)) errs.push(invalid(bp.child('except').index(i), e, CIDR_MSG));
    });
  }
  if (n === 0) errs.push(required(p, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(forbidden(p, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateSpec(np: NetworkPolicy): FieldError[] {
  const sp = root('spec');
  const spec = np.spec ?? {};
  const errs = validateLabelSelector(spec.podSelector, sp.child('podSelector'));
  (spec.ingress ?? []).forEach((r, i) => {
    const rp = sp.child('ingress').index(i);
    (r.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, rp.child('ports').index(j))));
    (r.from ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, rp.child('from').index(j))));
  });
  (spec.egress ?? []).forEach((r, i) => {
    const rp = sp.child('egress').index(i);
    (r.ports ?? []).forEach((port, j) => errs.push(...validatePort(port, rp.child('ports').index(j))));
    (r.to ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, rp.child('to').index(j))));
  });
  const types = spec.policyTypes ?? [];
  if (types.length > 2) {
    errs.push(invalid(sp.child('policyTypes'), types, 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(sp.child('policyTypes').index(i), t, ['Ingress', 'Egress']));
  });
  return errs;
}

export function validateNetworkPolicy(np: NetworkPolicy): FieldError[] {
  return [...validateObjectMeta(np.metadata, opts), ...validateSpec(np)];
}

export function validateNetworkPolicyUpdate(np: NetworkPolicy, old: NetworkPolicy): FieldError[] {
  return [...validateObjectMetaUpdate(np.metadata, old.metadata, opts), ...validateSpec(np)];
}

export const networkPolicyPrinter: Printer<NetworkPolicy> = {
  columns: [nameColumn, col('Pod-Selector', 'The pods this policy applies to.'), ageColumn],
  row: (np, now) => [np.metadata?.name ?? '', labelSelectorToString(np.spec?.podSelector), age(np.metadata?.creationTimestamp, now)],
};

export const networkPolicyResource: ResourceInfo<NetworkPolicy> = {
  group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', resource: 'networkpolicies', singular: 'networkpolicy',
  namespaced: true, shortNames: ['netpol'], categories: [], subresources: [],
  schema: NetworkPolicy, defaults: defaultNetworkPolicy, validate: validateNetworkPolicy,
  validateUpdate: validateNetworkPolicyUpdate, printer: networkPolicyPrinter,
};
