import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import type { Service } from './service.js';
import { defaultService, prepareServiceForUpdate } from './service-defaults.js';
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from './service-validation.js';
import { servicePrinter } from './service-printer.js';

const now = new Date('2024-01-01T00:10:00Z');

function svc(spec: Service['spec'], name = 'web'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec };
}
const msgs = (s: Service) => validateService(s).map(errorString);

test('defaults of a minimal ClusterIP service match what a cluster returns (before IP allocation)', () => {
  const s = svc({ selector: { app: 'web' }, ports: [{ port: 80 }] });
  defaultService(s);
  assert.deepEqual(s.spec, {
    selector: { app: 'web' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    sessionAffinity: 'None',
    type: 'ClusterIP',
    internalTrafficPolicy: 'Cluster',
    ipFamilyPolicy: 'SingleStack',
    ipFamilies: ['IPv4'],
  });
  assert.deepEqual(s.status, { loadBalancer: {} });
  assert.deepEqual(validateService(s), []);
});

test('NodePort and LoadBalancer get externalTrafficPolicy Cluster; LoadBalancer allocateLoadBalancerNodePorts true', () => {
  const np = svc({ type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] });
  defaultService(np);
  assert.equal(np.spec?.externalTrafficPolicy, 'Cluster');
  assert.equal(np.spec?.allocateLoadBalancerNodePorts, undefined);
  assert.equal(np.spec?.ports?.[0].targetPort, 'http');
  const lb = svc({ type: 'LoadBalancer', ports: [{ port: 443 }] });
  lb.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
  defaultService(lb);
  assert.equal(lb.spec?.externalTrafficPolicy, 'Cluster');
  assert.equal(lb.spec?.allocateLoadBalancerNodePorts, true);
  assert.equal(lb.status.loadBalancer?.ingress?.[0].ipMode, 'VIP');
});

test('ClientIP affinity gets the 10800s timeout; ExternalName gets no IP family fields', () => {
  const s = svc({ sessionAffinity: 'ClientIP', ports: [{ port: 80 }] });
  defaultService(s);
  assert.deepEqual(s.spec?.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  const ext = svc({ type: 'ExternalName', externalName: 'example.com' });
  defaultService(ext);
  assert.equal(ext.spec?.ipFamilies, undefined);
  assert.equal(ext.spec?.ipFamilyPolicy, undefined);
  assert.equal(ext.spec?.internalTrafficPolicy, undefined);
  assert.deepEqual(validateService(ext), []);
});

test('headless service without selector is RequireDualStack, with selector SingleStack', () => {
  const a = svc({ clusterIP: 'None' });
  defaultService(a);
  assert.equal(a.spec?.ipFamilyPolicy, 'RequireDualStack');
  assert.deepEqual(a.spec?.clusterIPs, ['None']);
  assert.deepEqual(validateService(a), []);
  const b = svc({ clusterIP: 'None', selector: { app: 'db' } });
  defaultService(b);
  assert.equal(b.spec?.ipFamilyPolicy, 'SingleStack');
});

test('service names are DNS-1035 labels', () => {
  const s = svc({ ports: [{ port: 80 }] }, '1web');
  defaultService(s);
  assert.deepEqual(msgs(s), [
    `metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
  ]);
});

test('ports: required, range, protocol, names when several, unique names and ports', () => {
  const none = svc({});
  defaultService(none);
  assert.deepEqual(msgs(none), ['spec.ports: Required value']);

  const s = svc({ ports: [{ port: 0, protocol: 'ICMP' as 'TCP', targetPort: 70000 }, { name: 'a', port: 80 }, { name: 'a', port: 80 }] });
  defaultService(s);
  assert.deepEqual(msgs(s), [
    'spec.ports[0].name: Required value',
    'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    'spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
    'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    'spec.ports[2].name: Duplicate value: "a"',
    'spec.ports[2]: Duplicate value: {"protocol":"TCP","port":80}',
  ]);
});

test('type, sessionAffinity and nodePort on ClusterIP', () => {
  const s = svc({ type: 'Foo' as 'ClusterIP', sessionAffinity: 'Sticky' as 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
  s.spec!.internalTrafficPolicy = 'Cluster';
  assert.deepEqual(msgs(s), [
    'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    'spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  ]);
  const c = svc({ ports: [{ port: 80, nodePort: 30080 }] });
  defaultService(c);
  assert.deepEqual(msgs(c), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
});

test('ExternalName requires a DNS subdomain externalName and forbids clusterIP', () => {
  const s = svc({ type: 'ExternalName' });
  defaultService(s);
  assert.deepEqual(msgs(s), ['spec.externalName: Required value']);
  const bad = svc({ type: 'ExternalName', externalName: 'Bad_Name', clusterIP: '10.0.0.1' });
  defaultService(bad);
  const m = msgs(bad);
  assert.equal(m[0], 'spec.clusterIPs: Forbidden: may not be set for ExternalName services');
  assert.match(m[1], /^spec\.externalName: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  // a trailing dot is allowed
  const dot = svc({ type: 'ExternalName', externalName: 'db.example.com.' });
  defaultService(dot);
  assert.deepEqual(msgs(dot), []);
});

test('headless LoadBalancer, ClientIP timeout range and selector labels', () => {
  const lb = svc({ type: 'LoadBalancer', clusterIP: 'None', ports: [{ port: 80 }] });
  defaultService(lb);
  assert.deepEqual(msgs(lb), ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"]);
  const aff = svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } }, ports: [{ port: 80 }] });
  defaultService(aff);
  assert.deepEqual(msgs(aff), ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400']);
  const sel = svc({ selector: { 'a b': 'x' }, ports: [{ port: 80 }] });
  defaultService(sel);
  assert.match(msgs(sel)[0], /^spec\.selector: Invalid value: "a b": name part must consist of alphanumeric characters/);
});

test('clusterIPs must match clusterIP and be valid IPs', () => {
  const s = svc({ clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.6'], ports: [{ port: 80 }] });
  defaultService(s);
  assert.deepEqual(msgs(s), ['spec.clusterIPs: Invalid value: ["10.96.0.6"]: first value must match `clusterIP`']);
  const bad = svc({ clusterIP: '10.96.0.300', ports: [{ port: 80 }] });
  defaultService(bad);
  assert.deepEqual(msgs(bad), ['spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
});

test('loadBalancerSourceRanges only for LoadBalancer, and must be CIDRs', () => {
  const s = svc({ loadBalancerSourceRanges: ['10.0.0.0/8', 'nope'], ports: [{ port: 80 }] });
  defaultService(s);
  assert.deepEqual(msgs(s), [
    "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
    'spec.LoadBalancerSourceRanges[1]: Invalid value: "nope": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
  ]);
});

function allocated(spec: Service['spec']): Service {
  const s = svc(spec);
  defaultService(s);
  s.spec!.clusterIP = '10.96.0.5';
  s.spec!.clusterIPs = ['10.96.0.5'];
  return s;
}

test('clusterIP cannot change on update (the error upstream gives since dual-stack)', () => {
  const old = allocated({ ports: [{ port: 80 }] });
  const next = structuredClone(old);
  next.spec!.clusterIP = '10.96.0.6';
  prepareServiceForUpdate(next, old);
  assert.deepEqual(validateServiceUpdate(next, old).map(errorString), [
    'spec.clusterIPs[0]: Invalid value: ["10.96.0.6"]: may not change once set',
  ]);
});

test('an update that leaves clusterIP out keeps the allocated one; switching to ExternalName drops it', () => {
  const old = allocated({ ports: [{ port: 80 }] });
  const replace = svc({ ports: [{ port: 8080 }] });
  defaultService(replace);
  prepareServiceForUpdate(replace, old);
  assert.equal(replace.spec?.clusterIP, '10.96.0.5');
  assert.deepEqual(validateServiceUpdate(replace, old), []);

  const ext = structuredClone(old);
  ext.spec!.type = 'ExternalName';
  ext.spec!.externalName = 'example.com';
  defaultService(ext);
  prepareServiceForUpdate(ext, old);
  assert.equal(ext.spec?.clusterIP, undefined);
  assert.equal(ext.spec?.ipFamilies, undefined);
  assert.deepEqual(validateServiceUpdate(ext, old), []);
});

test('node ports are kept on replace and dropped when switching to ClusterIP', () => {
  const old = allocated({ type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080 }] });
  const next = svc({ type: 'NodePort', ports: [{ name: 'http', port: 80 }] });
  defaultService(next);
  prepareServiceForUpdate(next, old);
  assert.equal(next.spec?.ports?.[0].nodePort, 30080);
  const toCIP = structuredClone(old);
  toCIP.spec!.type = 'ClusterIP';
  defaultService(toCIP);
  prepareServiceForUpdate(toCIP, old);
  assert.equal(toCIP.spec?.ports?.[0].nodePort, undefined);
  assert.equal(toCIP.spec?.externalTrafficPolicy, undefined);
  assert.deepEqual(validateServiceUpdate(toCIP, old), []);
});

test('status: load-balancer ingress only for LoadBalancer', () => {
  const old = allocated({ ports: [{ port: 80 }] });
  const next = structuredClone(old);
  next.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
  assert.deepEqual(validateServiceStatusUpdate(next, old).map(errorString), [
    "status.loadBalancer.ingress: Forbidden: may only be used when `spec.type` is 'LoadBalancer'",
  ]);
});

test('printer: columns and cells as kubectl shows them', () => {
  assert.deepEqual(servicePrinter.columns.map((c) => [c.name, c.priority]), [
    ['Name', 0], ['Type', 0], ['Cluster-IP', 0], ['External-IP', 0], ['Port(s)', 0], ['Age', 0], ['Selector', 1],
  ]);
  const np = allocated({ type: 'NodePort', selector: { app: 'web', tier: 'fe' }, ports: [{ port: 80, nodePort: 30080 }, { port: 443 }] });
  assert.deepEqual(servicePrinter.row(np, now), ['web', 'NodePort', '10.96.0.5', '<none>', '80:30080/TCP,443/TCP', '10m', 'app=web,tier=fe']);
  const lb = allocated({ type: 'LoadBalancer', ports: [{ port: 80 }] });
  assert.equal(servicePrinter.row(lb, now)[3], '<pending>');
  lb.status = { loadBalancer: { ingress: [{ ip: '5.6.7.8' }, { hostname: 'lb.example.com' }] } };
  assert.equal(servicePrinter.row(lb, now)[3], '5.6.7.8,lb.example.com');
  const ext = svc({ type: 'ExternalName', externalName: 'example.com' });
  defaultService(ext);
  assert.deepEqual(servicePrinter.row(ext, now), ['web', 'ExternalName', '<none>', 'example.com', '<none>', '10m', '<none>']);
});
