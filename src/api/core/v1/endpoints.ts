// core/v1 Endpoints (deprecated in favour of EndpointSlice since v1.33, still served):
// schema, defaults, validation, printer and registration.
import { definer, packageOf, obj, req, str, int32, list, oneOf, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { age } from '../../printing.js';
import { type FieldError, type Path, invalid, notSupported, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import {
  isDNS1123Label, isQualifiedName, isValidIP, isValidPortNum, nameIsDNSSubdomain,
} from '../../../machinery/validation.js';
import { PROTOCOLS } from './container.js';
import { ObjectReference } from './object-reference.js';
import { validateNonSpecialIP } from './service-validation.js';

const def = definer(packageOf('', 'v1'));

export const EndpointAddress = def('EndpointAddress', obj({
  ip: req(str('The IP of this endpoint.')),
  hostname: str('The hostname of this endpoint.'),
  nodeName: str('The node hosting this endpoint, used to find endpoints local to a node.'),
  targetRef: ObjectReference,
}, { description: 'EndpointAddress is one IP address of a service endpoint.', mapType: 'atomic' }));
export type EndpointAddress = Static<typeof EndpointAddress>;

export const EndpointPort = def('EndpointPort', obj({
  name: str('Name of the port; matches the name of the ServicePort.'),
  port: req(int32('The port number.')),
  protocol: oneOf(PROTOCOLS, 'TCP, UDP or SCTP; defaults to TCP.'),
  appProtocol: str('The application protocol of this port.'),
}, { description: 'EndpointPort is one port of a set of endpoints.', mapType: 'atomic' }));
export type EndpointPort = Static<typeof EndpointPort>;

export const EndpointSubset = def('EndpointSubset', obj({
  addresses: list(EndpointAddress, { listType: 'atomic', description: 'Ready addresses that serve the ports.' }),
  notReadyAddresses: list(EndpointAddress, { listType: 'atomic', description: 'Addresses not ready to serve traffic yet.' }),
  ports: list(EndpointPort, { listType: 'atomic', description: 'The ports every address of the subset serves.' }),
}, { description: 'EndpointSubset is a group of addresses that share a set of ports.' }));
export type EndpointSubset = Static<typeof EndpointSubset>;

export const Endpoints = kindSchema('', 'v1', 'Endpoints', {
  subsets: list(EndpointSubset, { listType: 'atomic', description: 'All the endpoints of the service.' }),
}, 'Endpoints lists the addresses and ports that implement a service (deprecated: use discovery.k8s.io/v1 EndpointSlice).');
export type Endpoints = Static<typeof Endpoints>;

/** SetDefaults_Endpoints: port protocol TCP. */
export function defaultEndpoints(ep: Endpoints): void {
  for (const ss of ep.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
}

const META_OPTS = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const SORTED_PROTOCOLS = [...PROTOCOLS].sort();

function validateAddress(a: EndpointAddress, path: Path): FieldError[] {
  const errs = isValidIP(a.ip ?? '').map((m) => invalid(path.child('ip'), a.ip ?? '', m));
  if (a.hostname) for (const m of isDNS1123Label(a.hostname)) errs.push(invalid(path.child('hostname'), a.hostname, m));
  if (a.nodeName !== undefined) for (const m of nameIsDNSSubdomain(a.nodeName, false)) errs.push(invalid(path.child('nodeName'), a.nodeName, m));
  errs.push(...validateNonSpecialIP(a.ip ?? '', path.child('ip')));
  return errs;
}

function validatePort(p: EndpointPort, requireName: boolean, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(required(path.child('name'), ''));
  else if (p.name) for (const m of isDNS1123Label(p.name)) errs.push(invalid(path.child('name'), p.name, m));
  for (const m of isValidPortNum(p.port)) errs.push(invalid(path.child('port'), p.port, m));
  if (!p.protocol) errs.push(required(path.child('protocol'), ''));
  else if (!(PROTOCOLS as readonly string[]).includes(p.protocol)) errs.push(notSupported(path.child('protocol'), p.protocol, SORTED_PROTOCOLS));
  if (p.appProtocol !== undefined) for (const m of isQualifiedName(p.appProtocol)) errs.push(invalid(path.child('appProtocol'), p.appProtocol, m));
  return errs;
}

function validateSubsets(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = root('subsets').index(i);
    if (!(ss.addresses ?? []).length && !(ss.notReadyAddresses ?? []).length) {
      errs.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, p.child('addresses').index(j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, p.child('notReadyAddresses').index(j))));
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => errs.push(...validatePort(port, ports.length > 1, p.child('ports').index(j))));
  });
  return errs;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  return [...validateObjectMeta(ep.metadata, META_OPTS), ...validateSubsets(ep)];
}

export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata, META_OPTS), ...validateSubsets(ep)];
}

/** formatEndpoints: up to three ip:port pairs, then " + N more...", "<none>" without subsets. */
export function formatEndpoints(ep: Endpoints, portNames?: ReadonlySet<string>): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const hostPort = (ip: string, port: number) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!(ss.ports ?? []).length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports ?? []) {
      if (portNames && !portNames.has(port.name ?? '')) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(hostPort(a.ip, port.port));
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

export const endpointsPrinter: Printer<Endpoints> = {
  columns: [nameColumn, col('Endpoints', 'The ready addresses and ports of the service.'), ageColumn],
  row: (ep, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), age(ep.metadata?.creationTimestamp, now)],
};

export const endpointsResource: ResourceInfo<Endpoints> = {
  group: '', version: 'v1', kind: 'Endpoints', resource: 'endpoints', singular: 'endpoints',
  namespaced: true, shortNames: ['ep'], categories: [], subresources: [],
  schema: Endpoints,
  defaults: defaultEndpoints,
  validate: validateEndpoints,
  validateUpdate: validateEndpointsUpdate,
  printer: endpointsPrinter,
  strategy: { allowCreateOnUpdate: true, storagePrefix: 'services/endpoints' },
};
