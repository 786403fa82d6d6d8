// discovery.k8s.io/v1 EndpointSlice: a slice of the network endpoints behind a Service.
import {
  definer, obj, req, str, int32, bool, list, map, oneOf, packageOf, type Static,
} from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import {
  duplicate, invalid, notSupported, required, root, tooMany, type FieldError, type Path,
} from '../../../machinery/field-errors.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import {
  IMMUTABLE, isDNS1123Label, isDNS1123Subdomain, isIPv4, isQualifiedName, isValidIP, nameIsDNSSubdomain,
} from '../../../machinery/validation.js';
import { age } from '../../printing.js';
import { ObjectReference } from '../../core/v1/object-reference.js';

const def = definer(packageOf('discovery.k8s.io', 'v1'));

export const EndpointConditions = def('EndpointConditions', obj({
  ready: bool('The endpoint is ready to receive traffic (serving and not terminating).'),
  serving: bool('The endpoint can receive traffic, whether or not it is terminating.'),
  terminating: bool('The endpoint is terminating.'),
}, { description: 'The current condition of an endpoint.' }));

export const ForZone = def('ForZone', obj({ name: req(str('The name of the zone.')) }, { description: 'A zone that should consume this endpoint.' }));
export const ForNode = def('ForNode', obj({ name: req(str('The name of the node.')) }, { description: 'A node that should consume this endpoint.' }));

export const EndpointHints = def('EndpointHints', obj({
  forZones: list(ForZone, { listType: 'atomic', description: 'Zones that should consume this endpoint (topology aware routing).' }),
  forNodes: list(ForNode, { listType: 'atomic', description: 'Nodes that should consume this endpoint.' }),
}, { description: 'Hints about how an endpoint should be consumed.' }));

export const Endpoint = def('Endpoint', obj({
  addresses: req(list(str(), { listType: 'set', description: 'The addresses of this endpoint, interpreted by the slice\'s addressType.' })),
  conditions: EndpointConditions,
  hostname: str('The hostname of this endpoint (a DNS label).'),
  targetRef: ObjectReference,
  deprecatedTopology: map(str(), 'Deprecated topology labels; use nodeName and zone.'),
  nodeName: str('The node hosting this endpoint.'),
  zone: str('The zone this endpoint is in.'),
  hints: EndpointHints,
}, { description: 'Endpoint is one network endpoint of a slice.' }));
export type Endpoint = Static<typeof Endpoint>;

export const EndpointPort = def('EndpointPort', obj({
  name: str('The name of the port; empty or a DNS label, unique in the slice.'),
  protocol: str('The IP protocol: TCP, UDP or SCTP. Default TCP.'),
  port: int32('The port number; unset means all ports.'),
  appProtocol: str('The application protocol of the port, e.g. kubernetes.io/h2c or a domain-prefixed name.'),
}, { description: 'EndpointPort is a port used by the endpoints of a slice.', mapType: 'atomic' }));
export type EndpointPort = Static<typeof EndpointPort>;

export const EndpointSlice = kindSchema('discovery.k8s.io', 'v1', 'EndpointSlice', {
  addressType: req(oneOf(['IPv4', 'IPv6', 'FQDN'] as const, 'The type of the addresses in this slice: IPv4, IPv6 or FQDN. Immutable.')),
  endpoints: req(list(Endpoint, { listType: 'atomic', description: 'Unique endpoints in this slice, at most 1000.' })),
  ports: list(EndpointPort, { listType: 'atomic', description: 'The network ports every endpoint of the slice exposes, at most 100.' }),
}, 'EndpointSlice is a subset of the endpoints that implement a Service.');
export type EndpointSlice = Static<typeof EndpointSlice>;

export function defaultEndpointSlice(slice: EndpointSlice): void {
  for (const p of slice.ports ?? []) {
    if (p.name === undefined) p.name = '';
    if (p.protocol === undefined) p.protocol = 'TCP';
  }
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const opts = { namespaced: true, nameValidator: nameIsDNSSubdomain };

function label(path: Path, value: string): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(path, value, m));
}

function validateAddress(path: Path, addr: string, type: string): FieldError[] {
  if (type === 'IPv4') return isIPv4(addr) ? [] : [invalid(path, addr, 'must be a valid IPv4 address')];
  if (type === 'IPv6') {
    return !isIPv4(addr) && isValidIP(addr).length === 0 ? [] : [invalid(path, addr, 'must be a valid IPv6 address')];
  }
  if (type === 'FQDN') {
    const errs: FieldError[] = [];
    const name = addr.endsWith('.') ? addr.slice(0, -1) : addr;
    if (!name) return [required(path, '')];
    if (name.split('.').length < 2) errs.push(invalid(path, addr, 'should be a domain with at least two segments separated by dots'));
    for (const m of isDNS1123Subdomain(name)) errs.push(invalid(path, addr, m));
    return errs;
  }
  return [];
}

function validateSlice(slice: EndpointSlice): FieldError[] {
  const errs: FieldError[] = [];
  const type = slice.addressType as string | undefined;
  if (!type) errs.push(required(root('addressType'), ''));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported(root('addressType'), type, ADDRESS_TYPES));
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > 1000) errs.push(tooMany(root('endpoints'), endpoints.length, 1000));
  endpoints.forEach((ep, i) => {
    const p = root('endpoints').index(i);
    const addrs = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(required(p.child('addresses'), 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(tooMany(p.child('addresses'), addrs.length, 100));
    addrs.forEach((a, j) => errs.push(...validateAddress(p.child('addresses').index(j), a, type ?? '')));
    if (ep.nodeName !== undefined) {
      for (const m of isDNS1123Subdomain(ep.nodeName)) errs.push(invalid(p.child('nodeName'), ep.nodeName, m));
    }
    errs.push(...validateLabels(ep.deprecatedTopology, p.child('deprecatedTopology')));
    if (ep.hostname !== undefined) errs.push(...label(p.child('hostname'), ep.hostname));
    (ep.hints?.forZones ?? []).forEach((z, k) => {
      if (!z.name) errs.push(required(p.child('hints', 'forZones').index(k).child('name'), ''));
    });
  });
  const ports = slice.ports ?? [];
  if (ports.length > 100) errs.push(tooMany(root('ports'), ports.length, 100));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = root('ports').index(i);
    const name = port.name ?? '';
    if (name) errs.push(...label(p.child('name'), name));
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    names.add(name);
    if (port.protocol === undefined) errs.push(required(p.child('protocol'), ''));
    else if (!PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, PROTOCOLS));
    if (port.appProtocol !== undefined) {
      for (const m of isQualifiedName(port.appProtocol)) errs.push(invalid(p.child('appProtocol'), port.appProtocol, m));
    }
  });
  return errs;
}

export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  return [...validateObjectMeta(slice.metadata, opts), ...validateSlice(slice)];
}

export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errs = [...validateObjectMetaUpdate(slice.metadata, old.metadata, opts), ...validateSlice(slice)];
  if (ADDRESS_TYPES.includes(old.addressType) && slice.addressType !== old.addressType) {
    errs.push(invalid(root('addressType'), slice.addressType, IMMUTABLE));
  }
  return errs;
}

/** The first three values, then "+ N more...", or <unset> when there are none. */
function listWithMore(values: string[], count: number): string {
  const text = values.join(',');
  if (count > 3) return `${text} + ${count - 3} more...`;
  return text || '<unset>';
}

export function formatSlicePorts(ports: EndpointPort[] | undefined): string {
  const all = (ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name ? p.name : '*'));
  return listWithMore(all.slice(0, 3), all.length);
}

export function formatSliceEndpoints(endpoints: Endpoint[] | undefined): string {
  const all = (endpoints ?? []).flatMap((e) => e.addresses ?? []);
  return listWithMore(all.slice(0, 3), all.length);
}

export const endpointSlicePrinter: Printer<EndpointSlice> = {
  columns: [
    nameColumn,
    col('AddressType', 'The type of the addresses in this slice.'),
    col('Ports', 'The ports the endpoints expose.'),
    col('Endpoints', 'The first addresses of the endpoints in this slice.'),
    ageColumn,
  ],
  row: (s, now) => [
    s.metadata?.name ?? '', s.addressType ?? '', formatSlicePorts(s.ports), formatSliceEndpoints(s.endpoints),
    age(s.metadata?.creationTimestamp, now),
  ],
};

export const endpointSliceResource: ResourceInfo<EndpointSlice> = {
  group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', resource: 'endpointslices', singular: 'endpointslice',
  namespaced: true, shortNames: [], categories: [], subresources: [],
  schema: EndpointSlice, defaults: defaultEndpointSlice, validate: validateEndpointSlice,
  validateUpdate: validateEndpointSliceUpdate, printer: endpointSlicePrinter,
};
