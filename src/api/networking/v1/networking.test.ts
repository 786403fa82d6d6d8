import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingressPrinter, validateIngress, type Ingress } from './ingress.js';
import { defaultIngressClass, ingressClassPrinter, validateIngressClass, validateIngressClassUpdate, type IngressClass } from './ingressclass.js';
import { defaultNetworkPolicy, networkPolicyPrinter, validateNetworkPolicy, type NetworkPolicy } from './networkpolicy.js';
import { errorString } from '../../../machinery/field-errors.js';

const ingress = (): Ingress => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    ingressClassName: 'nginx',
    rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
  },
});

test('a typical Ingress is valid', () => {
  assert.deepEqual(validateIngress(ingress()), []);
});

test('ingress path and backend rules', () => {
  const ing = ingress();
  const paths = ing.spec!.rules![0].http!.paths;
  paths.push(
    { path: 'api', pathType: 'Exact', backend: { service: { name: 'api', port: { name: 'http', number: 80 } } } },
    { path: '/a//b', pathType: 'Prefix', backend: {} },
    { path: '/x', pathType: 'Regex' as 'Exact', backend: { service: { name: 'x' } } },
  );
  ing.spec!.rules!.push({ host: '10.0.0.1' });
  assert.deepEqual(validateIngress(ing).map(errorString), [
    'spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path',
    'spec.rules[0].http.paths[1].backend: Invalid value: "": cannot set both port name & port number',
    "spec.rules[0].http.paths[2].path: Invalid value: \"/a//b\": must not contain '//'",
    'spec.rules[0].http.paths[2].backend: Invalid value: "": resource or service backend is required',
    'spec.rules[0].http.paths[3].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
    'spec.rules[0].http.paths[3].backend: Required value: port name or number is required',
    'spec.rules[1].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
  ]);
  const empty: Ingress = { metadata: { name: 'e', namespace: 'default' }, spec: {} };
  assert.deepEqual(validateIngress(empty).map(errorString),
    ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']);
});

test('ingress printer: NAME CLASS HOSTS ADDRESS PORTS AGE', () => {
  assert.deepEqual(ingressPrinter.columns.map((c) => c.name), ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age']);
  const ing = ingress();
  ing.spec!.tls = [{ hosts: ['example.com'], secretName: 'tls' }];
  ing.spec!.rules!.push({ host: 'b.com' }, { host: 'c.com' }, { host: 'd.com' });
  ing.status = { loadBalancer: { ingress: [{ ip: '192.168.1.10' }, { hostname: 'lb.example.com' }] } };
  assert.deepEqual(ingressPrinter.row(ing, new Date()).slice(0, 5),
    ['web', 'nginx', 'example.com,b.com,c.com + 1 more...', '192.168.1.10,lb.example.com', '80, 443']);
  const bare: Ingress = { metadata: { name: 'x' }, spec: { defaultBackend: { service: { name: 's', port: { number: 80 } } } } };
  assert.deepEqual(ingressPrinter.row(bare, new Date()).slice(0, 5), ['x', '<none>', '*', '', '80']);
});

test('IngressClass: defaults scope, controller rules, printer', () => {
  const ic: IngressClass = {
    metadata: { name: 'nginx' },
    spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
  };
  defaultIngressClass(ic);
  assert.equal(ic.spec!.parameters!.scope, 'Cluster');
  assert.deepEqual(validateIngressClass(ic), []);
  assert.deepEqual(ingressClassPrinter.row(ic, new Date()).slice(0, 3), ['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb']);
  const bad: IngressClass = { metadata: { name: 'x' }, spec: { controller: 'nginx' } };
  assert.deepEqual(validateIngressClass(bad).map(errorString), ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']);
  const changed: IngressClass = { metadata: { name: 'nginx' }, spec: { controller: 'example.com/other' } };
  assert.ok(validateIngressClassUpdate(changed, ic).map(errorString).includes('spec.controller: Invalid value: "example.com/other": field is immutable'));
});

test('NetworkPolicy: policyTypes and protocol defaults, port rules, printer', () => {
  const np: NetworkPolicy = {
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      podSelector: { matchLabels: { role: 'db' } },
      ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }], ports: [{ port: 6379 }] }],
      egress: [{ to: [{ namespaceSelector: {} }] }],
    },
  };
  defaultNetworkPolicy(np);
  assert.deepEqual(np.spec!.policyTypes, ['Ingress', 'Egress']);
  assert.equal(np.spec!.ingress![0].ports![0].protocol, 'TCP');
  assert.deepEqual(validateNetworkPolicy(np), []);
  assert.deepEqual(networkPolicyPrinter.row(np, new Date()).slice(0, 2), ['db', 'role=db']);
  const deny: NetworkPolicy = { metadata: { name: 'deny', namespace: 'default' }, spec: { podSelector: {} } };
  defaultNetworkPolicy(deny);
  assert.deepEqual(deny.spec!.policyTypes, ['Ingress']);
  assert.deepEqual(networkPolicyPrinter.row(deny, new Date()).slice(0, 2), ['deny', '<none>']);
  const bad: NetworkPolicy = {
    metadata: { name: 'bad', namespace: 'default' },
    spec: { ingress: [{ from: [{}, { ipBlock: { cidr: '10.0.0.0/33' }, podSelector: {} }], ports: [{ port: 'http', endPort: 90 }, { port: 100, endPort: 90 }] }] },
  };
  assert.deepEqual(validateNetworkPolicy(bad).map(errorString), [
    'spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric',
    'spec.ingress[0].ports[1].endPort: Invalid value: 100: must be greater than or equal to `port`',
    'spec.ingress[0].from[0]: Required value: must specify a peer',
    'spec.ingress[0].from[1].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    'spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer',
  ]);
});
