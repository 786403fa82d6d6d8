// networking.k8s.io/v1 Ingress: HTTP(S) routing rules from hosts and paths to Services.
import {
  definer, obj, req, str, int32, list, oneOf, packageOf, type Static,
} from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { invalid, notSupported, required, root, type FieldError, type Path } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import {
  isDNS1035Label, isDNS1123Subdomain, isValidIP, isValidPortName, isValidPortNum, nameIsDNSSubdomain,
} from '../../../machinery/validation.js';
import { age } from '../../printing.js';
import { TypedLocalObjectReference } from '../../core/v1/object-reference.js';

const def = definer(packageOf('networking.k8s.io', 'v1'));

export const ServiceBackendPort = def('ServiceBackendPort', obj({
  name: str('The name of the Service port; mutually exclusive with number.'),
  number: int32('The numerical port of the Service; mutually exclusive with name.'),
}, { description: 'The Service port a backend refers to.', mapType: 'atomic' }));

export const IngressServiceBackend = def('IngressServiceBackend', obj({
  name: req(str('The referenced Service, in the Ingress\'s namespace.')),
  port: ServiceBackendPort,
}, { description: 'A Service as a backend.' }));

export const IngressBackend = def('IngressBackend', obj({
  service: IngressServiceBackend,
  resource: TypedLocalObjectReference,
}, { description: 'IngressBackend is where matching traffic goes: a Service or another resource (exactly one).' }));
export type IngressBackend = Static<typeof IngressBackend>;

export const HTTPIngressPath = def('HTTPIngressPath', obj({
  path: str('The path matched against the request path; must start with "/".'),
  pathType: req(oneOf(['Exact', 'Prefix', 'ImplementationSpecific'] as const, 'How the path is matched: Exact, Prefix or ImplementationSpecific.')),
  backend: req(IngressBackend),
}, { description: 'A path and the backend that serves it.' }));

export const HTTPIngressRuleValue = def('HTTPIngressRuleValue', obj({
  paths: req(list(HTTPIngressPath, { listType: 'atomic', description: 'The paths of this rule, each mapped to a backend.' })),
}, { description: 'HTTP routes of one rule.' }));

export const IngressRule = def('IngressRule', obj({
  host: str('The fully qualified domain name of a host (may start with a "*." wildcard); empty matches all hosts.'),
  http: HTTPIngressRuleValue,
}, { description: 'IngressRule maps the paths under a host to backends.' }));
export type IngressRule = Static<typeof IngressRule>;

export const IngressTLS = def('IngressTLS', obj({
  hosts: list(str(), { listType: 'atomic', description: 'Hosts included in the TLS certificate.' }),
  secretName: str('The Secret holding the TLS certificate and key.'),
}, { description: 'TLS configuration for a set of hosts.' }));
export type IngressTLS = Static<typeof IngressTLS>;

export const IngressSpec = def('IngressSpec', obj({
  ingressClassName: str('The name of the IngressClass this Ingress belongs to.'),
  defaultBackend: IngressBackend,
  tls: list(IngressTLS, { listType: 'atomic', description: 'TLS configuration.' }),
  rules: list(IngressRule, { listType: 'atomic', description: 'Host rules; traffic matching none goes to the default backend.' }),
}, { description: 'IngressSpec describes the Ingress the user wishes to exist.' }));

export const IngressPortStatus = def('IngressPortStatus', obj({
  port: req(int32('The port number of the ingress port.')),
  protocol: req(str('The protocol: TCP, UDP or SCTP.')),
  error: str('The problem with this port, if any.'),
}, { description: 'The status of one port of a load balancer.' }));

export const IngressLoadBalancerIngress = def('IngressLoadBalancerIngress', obj({
  ip: str('The IP address of the load balancer ingress point.'),
  hostname: str('The hostname of the load balancer ingress point.'),
  ports: list(IngressPortStatus, { listType: 'atomic', description: 'The ports of this ingress point.' }),
}, { description: 'An ingress point of the load balancer.' }));
export type IngressLoadBalancerIngress = Static<typeof IngressLoadBalancerIngress>;

export const IngressLoadBalancerStatus = def('IngressLoadBalancerStatus', obj({
  ingress: list(IngressLoadBalancerIngress, { listType: 'atomic', description: 'The ingress points of the load balancer.' }),
}, { description: 'The status of the load balancer of an Ingress.' }));

export const IngressStatus = def('IngressStatus', obj({
  loadBalancer: IngressLoadBalancerStatus,
}, { description: 'IngressStatus is the observed state of an Ingress.' }));

export const Ingress = kindSchema('networking.k8s.io', 'v1', 'Ingress', { spec: IngressSpec, status: IngressStatus },
  'Ingress routes external HTTP(S) traffic to Services by host and path.');
export type Ingress = Static<typeof Ingress>;

const opts = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const BAD_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const BAD_SUFFIXES = ['/..', '/.'];
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function validateBackend(b: IngressBackend, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (b.resource && b.service) return [invalid(p, '', 'cannot set both resource and service backends')];
  if (b.resource) {
    const r = b.resource;
    if (r.apiGroup !== undefined) {
      for (const m of isDNS1123Subdomain(r.apiGroup)) errs.push(invalid(p.child('resource', 'apiGroup'), r.apiGroup, m));
    }
    if (!r.kind) errs.push(required(p.child('resource', 'kind'), 'kind is required'));
    if (!r.name) errs.push(required(p.child('resource', 'name'), 'name is required'));
    return errs;
  }
  if (b.service) {
    const s = b.service;
    if (!s.name) errs.push(required(p.child('service', 'name'), ''));
    else for (const m of isDNS1035Label(s.name)) errs.push(invalid(p.child('service', 'name'), s.name, m));
    const name = s.port?.name ?? '';
    const num = s.port?.number ?? 0;
    if (name && num) errs.push(invalid(p, '', 'cannot set both port name & port number'));
    else if (name) for (const m of isValidPortName(name)) errs.push(invalid(p.child('service', 'port', 'name'), name, m));
    else if (num) for (const m of isValidPortNum(num)) errs.push(invalid(p.child('service', 'port', 'number'), num, m));
    else errs.push(required(p, 'port name or number is required'));
    return errs;
  }
  return [invalid(p, '', 'resource or service backend is required')];
}

function validateHost(host: string, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (host.startsWith('*.')) {
    for (const m of isDNS1123Subdomain(host.slice(2))) errs.push(invalid(p, host, m));
  } else {
    for (const m of isDNS1123Subdomain(host)) errs.push(invalid(p, host, m));
  }
  if (isValidIP(host).length === 0) errs.push(invalid(p, host, 'must be a DNS name, not an IP address'));
  return errs;
}

function validatePath(path: string | undefined, pathType: string | undefined, p: Path): FieldError[] {
  if (pathType === undefined) return [required(p.child('pathType'), 'pathType must be specified')];
  const value = path ?? '';
  const errs: FieldError[] = [];
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(invalid(p.child('path'), value, 'must be an absolute path'));
    if (value) {
      for (const seq of BAD_SEQUENCES) if (value.includes(seq)) errs.push(invalid(p.child('path'), value, `must not contain '${seq}'`));
      for (const suf of BAD_SUFFIXES) if (value.endsWith(suf)) errs.push(invalid(p.child('path'), value, `cannot end with '${suf}'`));
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errs.push(invalid(p.child('path'), value, 'must be an absolute path'));
  } else {
    errs.push(notSupported(p.child('pathType'), pathType, PATH_TYPES));
  }
  return errs;
}

function validateSpec(ing: Ingress): FieldError[] {
  const errs: FieldError[] = [];
  const spec = ing.spec ?? {};
  const sp = root('spec');
  const rules = spec.rules ?? [];
  if (rules.length === 0 && !spec.defaultBackend) {
    errs.push({ type: 'FieldValueInvalid', field: 'spec', badValue: rules, hasValue: false,
      detail: `[]networking.IngressRule(nil): either \`defaultBackend\` or \`rules\` must be specified` });
  }
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, sp.child('defaultBackend')));
  rules.forEach((rule, i) => {
    const rp = sp.child('rules').index(i);
    if (rule.host) errs.push(...validateHost(rule.host, rp.child('host')));
    if (rule.http) {
      const hp = rp.child('http');
      const paths = rule.http.paths ?? [];
      if (paths.length === 0) errs.push(required(hp.child('paths'), ''));
      paths.forEach((path, j) => {
        const pp = hp.child('paths').index(j);
        errs.push(...validatePath(path.path, path.pathType, pp));
        if (path.backend) errs.push(...validateBackend(path.backend, pp.child('backend')));
        else errs.push(invalid(pp.child('backend'), '', 'resource or service backend is required'));
      });
    }
  });
  (spec.tls ?? []).forEach((t, i) => {
    (t.hosts ?? []).forEach((h, j) => {
      for (const m of isDNS1123Subdomain(h.replace('*', 'x'))) errs.push(invalid(sp.child('tls').index(i).child('hosts').index(j), h, m));
    });
  });
  if (spec.ingressClassName !== undefined) {
    for (const m of isDNS1123Subdomain(spec.ingressClassName)) errs.push(invalid(sp.child('ingressClassName'), spec.ingressClassName, m));
    const ann = ing.metadata?.annotations?.[CLASS_ANNOTATION];
    if (ann !== undefined) {
      errs.push(invalid(root('annotations').child(CLASS_ANNOTATION), ann, 'can not be set when the class field is also set'));
    }
  }
  return errs;
}

export function validateIngress(ing: Ingress): FieldError[] {
  return [...validateObjectMeta(ing.metadata, opts), ...validateSpec(ing)];
}

export function validateIngressUpdate(ing: Ingress, old: Ingress): FieldError[] {
  return [...validateObjectMetaUpdate(ing.metadata, old.metadata, opts), ...validateSpec(ing)];
}

/** The HOSTS column: up to three hosts, "*" when none. */
export function formatIngressHosts(rules: IngressRule[] | undefined): string {
  const all = rules ?? [];
  const hosts: string[] = [];
  let more = false;
  for (const r of all) {
    if (hosts.length === 3) more = true;
    if (!more && r.host) hosts.push(r.host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${all.length - 3} more...` : hosts.join(',');
}

/** The ADDRESS column: load balancer IPs and hostnames, cut at 16 characters unless wide. */
export function formatIngressAddress(ingress: IngressLoadBalancerIngress[] | undefined, wide = false): string {
  const text = (ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s).join(',');
  return !wide && text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

export const ingressPrinter: Printer<Ingress> = {
  columns: [
    nameColumn,
    col('Class', 'The name of the IngressClass of this Ingress.'),
    col('Hosts', 'Hosts the rules match.'),
    col('Address', 'Addresses of the load balancer.'),
    col('Ports', 'Ports the Ingress serves.'),
    ageColumn,
  ],
  row: (ing, now) => [
    ing.metadata?.name ?? '',
    ing.spec?.ingressClassName ?? '<none>',
    formatIngressHosts(ing.spec?.rules),
    formatIngressAddress(ing.status?.loadBalancer?.ingress, true),
    ing.spec?.tls?.length ? '80, 443' : '80',
    age(ing.metadata?.creationTimestamp, now),
  ],
};

export const ingressResource: ResourceInfo<Ingress> = {
  group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', resource: 'ingresses', singular: 'ingress',
  namespaced: true, shortNames: ['ing'], categories: [], subresources: ['status'],
  schema: Ingress, validate: validateIngress, validateUpdate: validateIngressUpdate, printer: ingressPrinter,
  strategy: { storagePrefix: 'ingress' },
};

