// Service validation (ValidateService, ValidateServiceUpdate, ValidateServiceStatusUpdate)
// with upstream's messages and field paths. Node-port ranges and clusterIP ranges are the
// allocators' checks, not these.
import {
  type FieldError, type Path, duplicate, forbidden, invalid, notSupported, required, root,
} from '../../../machinery/field-errors.js';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import {
  IMMUTABLE, isDNS1123Label, isDNS1123Subdomain, isIPv4, isQualifiedName, isValidIP, isValidPortNum,
  nameIsDNS1035Label,
} from '../../../machinery/validation.js';
import {
  CLUSTER_IP_NONE, IP_FAMILIES, IP_FAMILY_POLICIES, LOAD_BALANCER_IP_MODES, MAX_CLIENT_IP_AFFINITY_SECONDS,
  SERVICE_TYPES, SESSION_AFFINITIES, TRAFFIC_POLICIES,
  isExternallyAccessible, isHeadlessService, needsHealthCheck,
  type LoadBalancerStatus, type Service, type ServicePort, type ServiceSpec,
} from './service.js';
import { PROTOCOLS } from './container.js';
import { validatePortNumOrName } from './container-validation.js';

const META_OPTS = { namespaced: true, nameValidator: nameIsDNS1035Label };
const SORTED_PROTOCOLS = [...PROTOCOLS].sort();


const v4Cidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** IsValidCIDR: an IPv4 or IPv6 network in CIDR notation. */
export function validateCIDR(value: string, path: Path): FieldError[] {
  const slash = value.lastIndexOf('/');
  let ok = false;
  if (slash > 0) {
    const ip = value.slice(0, slash);
    const bits = value.slice(slash + 1);
    if (/^\d{1,3}$/.test(bits)) {
      const n = Number(bits);
      if (v4Cidr.test(value)) ok = isIPv4(ip) && n <= 32;
      else if (ip.includes(':')) ok = isValidIP(ip).length === 0 && n <= 128;
    }
  }
  return ok ? [] : [invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses (external IPs, endpoints). */
export function validateNonSpecialIP(ip: string, path: Path): FieldError[] {
  if (isValidIP(ip).length) return [invalid(path, ip, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  if (isIPv4(ip)) {
    const [a, b, c] = ip.split('.').map(Number);
    if (ip === '0.0.0.0') errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
    if (a === 127) errs.push(invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
    if (a === 169 && b === 254) errs.push(invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
    if (a === 224 && b === 0 && c === 0) errs.push(invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
    return errs;
  }
  const lower = ip.toLowerCase();
  if (/^(0*:)*:?0*$/.test(lower) || lower === '::') errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
  else if (/^(0*:)*:?0*1$/.test(lower)) errs.push(invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (/^fe[89ab]/.test(lower)) errs.push(invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (/^ff[0-9a-f]2:/.test(lower)) errs.push(invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = sp.name ?? '';
  if (requireName && !name) {
    errs.push(required(path.child('name'), ''));
  } else if (name) {
    for (const m of isDNS1123Label(name)) errs.push(invalid(path.child('name'), name, m));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  for (const m of isValidPortNum(sp.port)) errs.push(invalid(path.child('port'), sp.port, m));
  if (!sp.protocol) errs.push(required(path.child('protocol'), ''));
  else if (!(PROTOCOLS as readonly string[]).includes(sp.protocol)) errs.push(notSupported(path.child('protocol'), sp.protocol, SORTED_PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, path.child('targetPort')));
  if (sp.appProtocol !== undefined) {
    for (const m of isQualifiedName(sp.appProtocol)) errs.push(invalid(path.child('appProtocol'), sp.appProtocol, m));
  }
  return errs;
}

function validateClientIPAffinityConfig(spec: ServiceSpec, path: Path): FieldError[] {
  const detail = 'when session affinity type is ClientIP';
  const config = spec.sessionAffinityConfig;
  if (!config) return [required(path, detail)];
  if (!config.clientIP) return [required(path.child('clientIP'), detail)];
  const timeout = config.clientIP.timeoutSeconds;
  const tpath = path.child('clientIP', 'timeoutSeconds');
  if (timeout === undefined) return [required(tpath, detail)];
  if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [invalid(tpath, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

/** ValidateServiceClusterIPsRelatedFields: clusterIP/clusterIPs agreement, families and policy. */
function validateClusterIPsRelatedFields(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ipsPath = root('spec', 'clusterIPs');
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required(ipsPath, ''));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid(ipsPath, ips, 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(invalid(ipsPath, ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((fam, i) => {
    if (!(IP_FAMILIES as readonly string[]).includes(fam)) errs.push(notSupported(root('spec', 'ipFamilies').index(i), fam, IP_FAMILIES));
    if (seen.has(fam)) errs.push(duplicate(root('spec', 'ipFamilies').index(i), fam));
    seen.add(fam);
  });
  if (spec.ipFamilyPolicy !== undefined && !(IP_FAMILY_POLICIES as readonly string[]).includes(spec.ipFamilyPolicy)) {
    errs.push(notSupported(root('spec', 'ipFamilyPolicy'), spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === CLUSTER_IP_NONE) {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid(ipsPath, ips, "'None' must be the first and only value"));
      }
      return;
    }
    const msgs = isValidIP(ip);
    if (msgs.length) badIPs = true;
    for (const m of msgs) errs.push(invalid(ipsPath.index(i), ip, m));
  });
  if (ips.length > 2) errs.push(invalid(ipsPath, ips, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && isIPv4(ips[0]) === isIPv4(ips[1])) {
    errs.push(invalid(ipsPath, ips, 'may specify no more than one IP for each IP family'));
  }
  const families = spec.ipFamilies ?? [];
  if (!isHeadlessService(svc) && ips.length && families.length) {
    ips.forEach((ip, i) => {
      if (i >= families.length) return;
      if (families[i] === 'IPv4' && !isIPv4(ip)) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && isIPv4(ip)) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** ValidateService: the rules on create (and again on update). */
export function validateService(svc: Service): FieldError[] {
  return [...validateObjectMeta(svc.metadata, META_OPTS), ...validateServiceSpec(svc)];
}

function validateServiceSpec(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const specPath = root('spec');
  const ports = spec.ports ?? [];
  const headless = isHeadlessService(svc);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required(specPath.child('ports'), ''));
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (headless) {
        errs.push(invalid(specPath.child('clusterIPs').index(0), CLUSTER_IP_NONE, `may not be set to 'None' for ${spec.type} services`));
      }
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs ?? []).length) errs.push(forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
      if ((spec.ipFamilies ?? []).length) errs.push(forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy !== undefined) errs.push(forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(invalid(specPath.child('externalName'), cname, m));
      else errs.push(required(specPath.child('externalName'), ''));
      break;
    }
    default:
      break;
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, specPath.child('ports').index(i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, specPath.child('selector')));

  if (!spec.sessionAffinity) errs.push(required(specPath.child('sessionAffinity'), ''));
  else if (!(SESSION_AFFINITIES as readonly string[]).includes(spec.sessionAffinity)) {
    errs.push(notSupported(specPath.child('sessionAffinity'), spec.sessionAffinity, SESSION_AFFINITIES));
  }
  if (spec.sessionAffinity === 'ClientIP') {
    errs.push(...validateClientIPAffinityConfig(spec, specPath.child('sessionAffinityConfig')));
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(forbidden(specPath.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }

  errs.push(...validateClusterIPsRelatedFields(svc));

  (spec.externalIPs ?? []).forEach((ip, i) => {
    const p = specPath.child('externalIPs').index(i);
    const msgs = isValidIP(ip);
    if (msgs.length) for (const m of msgs) errs.push(invalid(p, ip, m));
    else errs.push(...validateNonSpecialIP(ip, p));
  });

  if (!spec.type) errs.push(required(specPath.child('type'), ''));
  else if (!(SERVICE_TYPES as readonly string[]).includes(spec.type)) errs.push(notSupported(specPath.child('type'), spec.type, SERVICE_TYPES));

  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol ?? ''}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port}`;
    if (portKeys.has(key)) errs.push(duplicate(specPath.child('ports').index(i), { protocol: p.protocol ?? '', port: p.port }));
    portKeys.add(key);
  });

  const ranges = spec.loadBalancerSourceRanges ?? [];
  if (ranges.length) {
    // upstream's path really is capitalised here
    const rpath = specPath.child('LoadBalancerSourceRanges');
    if (spec.type !== 'LoadBalancer') errs.push(forbidden(rpath, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...validateCIDR(r.trim(), rpath.index(i))));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer') {
    errs.push(forbidden(specPath.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) {
    // upstream reports this one without the spec. prefix
    errs.push(required(root('allocateLoadBalancerNodePorts'), ''));
  }
  errs.push(...validateLoadBalancerClass(undefined, svc));
  errs.push(...validateExternalTrafficPolicy(svc));
  if (spec.internalTrafficPolicy === undefined) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') {
      errs.push(required(specPath.child('internalTrafficPolicy'), ''));
    }
  } else if (!(TRAFFIC_POLICIES as readonly string[]).includes(spec.internalTrafficPolicy)) {
    errs.push(notSupported(specPath.child('internalTrafficPolicy'), spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== 'PreferClose') {
    errs.push(notSupported(specPath.child('trafficDistribution'), spec.trafficDistribution, ['PreferClose']));
  }
  return errs;
}

function validateExternalTrafficPolicy(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const p = root('spec');
  if (!isExternallyAccessible(svc)) {
    if (spec.externalTrafficPolicy) {
      errs.push(invalid(p.child('externalTrafficPolicy'), spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
    }
  } else if (!spec.externalTrafficPolicy) {
    errs.push(required(p.child('externalTrafficPolicy'), ''));
  } else if (!(TRAFFIC_POLICIES as readonly string[]).includes(spec.externalTrafficPolicy)) {
    errs.push(notSupported(p.child('externalTrafficPolicy'), spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  const hc = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc !== 0) {
      errs.push(invalid(p.child('healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hc === 0) {
    errs.push(required(p.child('healthCheckNodePort'), ''));
  } else {
    for (const m of isValidPortNum(hc)) errs.push(invalid(p.child('healthCheckNodePort'), hc, m));
  }
  return errs;
}

function validateLoadBalancerClass(old: Service | undefined, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const path = root('spec', 'loadBalancerClass');
  const cls = svc.spec?.loadBalancerClass;
  if (old && old.spec?.type === 'LoadBalancer' && svc.spec?.type === 'LoadBalancer' && old.spec?.loadBalancerClass !== cls) {
    errs.push(invalid(path, cls ?? null, 'may not change once set'));
  }
  if (!old) {
    if (svc.spec?.type === 'LoadBalancer') {
      if (cls !== undefined) for (const m of isQualifiedName(cls)) errs.push(invalid(path, cls, m));
    } else if (cls !== undefined) {
      errs.push(forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    }
  }
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: the primary (and secondary) cluster IP never changes. */
function validateClusterIPsUpdate(old: Service, svc: Service): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (isHeadlessService(old) && isHeadlessService(svc)) return [];
  const errs: FieldError[] = [];
  const oldIPs = old.spec?.clusterIPs ?? [];
  const newIPs = svc.spec?.clusterIPs ?? [];
  const path = root('spec', 'clusterIPs');
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(invalid(path.index(i), newIPs, 'may not change once set'));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0) errs.push(invalid(path.index(0), newIPs, 'primary clusterIP can not be unset'));
    if (newIPs.length > 0 && newIPs[0] !== oldIPs[0]) errs.push(invalid(path.index(0), newIPs, 'may not change once set'));
    if (newIPs.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid(root('spec', 'ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(invalid(path.index(0), newIPs, 'may not change once set'));
  }
  return errs;
}

/** validateUpgradeDowngradeIPFamilies: the primary IP family never changes. */
function validateIPFamiliesUpdate(old: Service, svc: Service): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (isHeadlessService(old) || isHeadlessService(svc)) return [];
  const errs: FieldError[] = [];
  const oldF = old.spec?.ipFamilies ?? [];
  const newF = svc.spec?.ipFamilies ?? [];
  const path = root('spec', 'ipFamilies').index(0);
  if (oldF.length === newF.length) {
    oldF.forEach((f, i) => {
      if (f !== newF[i]) errs.push(invalid(path, newF, 'may not change once set'));
    });
  } else if (oldF.length > newF.length) {
    if ((svc.spec?.clusterIPs ?? []).length === 0) errs.push(invalid(path, newF, 'primary ipFamily can not be unset'));
    if (newF.length > 0 && newF[0] !== oldF[0]) errs.push(invalid(path, svc.spec?.clusterIPs ?? [], 'may not change once set'));
    if (newF.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid(root('spec', 'ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldF.length > 0 && newF.length > 0 && newF[0] !== oldF[0]) {
    errs.push(invalid(path, svc.spec?.clusterIPs ?? [], 'may not change once set'));
  }
  return errs;
}

/**
 * ValidateServiceUpdate. Call prepareServiceForUpdate (service-defaults.ts) first, as the
 * registry does: an update that only leaves clusterIP out keeps the allocated one.
 */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata, META_OPTS);
  errs.push(...validateClusterIPsUpdate(old, svc));
  errs.push(...validateIPFamiliesUpdate(old, svc));
  errs.push(...validateLoadBalancerClass(old, svc));
  if (needsHealthCheck(old) && needsHealthCheck(svc) && (svc.spec?.healthCheckNodePort ?? 0) !== (old.spec?.healthCheckNodePort ?? 0)) {
    errs.push(forbidden(root('spec', 'healthCheckNodePort'), IMMUTABLE));
  }
  errs.push(...validateServiceSpec(svc));
  return errs;
}

/** ValidateLoadBalancerStatus. */
export function validateLoadBalancerStatus(status: LoadBalancerStatus | undefined, spec: ServiceSpec, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const ingress = status?.ingress ?? [];
  const ipath = path.child('ingress');
  if (spec.type !== 'LoadBalancer' && ingress.length) return [forbidden(ipath, "may only be used when `spec.type` is 'LoadBalancer'")];
  ingress.forEach((ing, i) => {
    const p = ipath.index(i);
    if (ing.ip) for (const m of isValidIP(ing.ip)) errs.push(invalid(p.child('ip'), ing.ip, m));
    if (!ing.ipMode) {
      if (ing.ip) errs.push(required(p.child('ipMode'), 'must be specified when `ip` is set'));
    } else if (!ing.ip) {
      errs.push(forbidden(p.child('ipMode'), 'may not be specified when `ip` is not set'));
    } else if (!(LOAD_BALANCER_IP_MODES as readonly string[]).includes(ing.ipMode)) {
      errs.push(notSupported(p.child('ipMode'), ing.ipMode, LOAD_BALANCER_IP_MODES));
    }
    if (ing.hostname) {
      for (const m of isDNS1123Subdomain(ing.hostname)) errs.push(invalid(p.child('hostname'), ing.hostname, m));
      if (isValidIP(ing.hostname).length === 0) errs.push(invalid(p.child('hostname'), ing.hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errs;
}

/** ValidateServiceStatusUpdate: metadata and the load-balancer status. */
export function validateServiceStatusUpdate(svc: Service, old: Service): FieldError[] {
  return [
    ...validateObjectMetaUpdate(svc.metadata, old.metadata, META_OPTS),
    ...validateLoadBalancerStatus(svc.status?.loadBalancer, svc.spec ?? {}, root('status', 'loadBalancer')),
  ];
}
