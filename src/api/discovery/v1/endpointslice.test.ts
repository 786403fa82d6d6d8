import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultEndpointSlice, endpointSlicePrinter, validateEndpointSlice, validateEndpointSliceUpdate, type EndpointSlice,
} from './endpointslice.js';
import { errorString } from '../../../machinery/field-errors.js';

const slice = (): EndpointSlice => ({
  metadata: { name: 'web-abc12', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true }, nodeName: 'node-1' }],
  ports: [{ port: 80 }],
});

test('defaults: port name "" and protocol TCP', () => {
  const s = slice();
  defaultEndpointSlice(s);
  assert.deepEqual(s.ports, [{ port: 80, name: '', protocol: 'TCP' }]);
  assert.deepEqual(validateEndpointSlice(s), []);
});

test('validation: address type, addresses, ports', () => {
  const s = slice();
  defaultEndpointSlice(s);
  s.endpoints.push({ addresses: [] }, { addresses: ['10.0.0.300'] });
  s.ports!.push({ name: '', protocol: 'ICMP', port: 81 });
  assert.deepEqual(validateEndpointSlice(s).map(errorString), [
    'endpoints[1].addresses: Required value: must contain at least 1 address',
    'endpoints[2].addresses[0]: Invalid value: "10.0.0.300": must be a valid IPv4 address',
    'ports[1].name: Duplicate value: ""',
    'ports[1].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
  ]);
  const bad = { ...slice(), addressType: 'IPv5' } as unknown as EndpointSlice;
  defaultEndpointSlice(bad);
  assert.deepEqual(validateEndpointSlice(bad).map(errorString).slice(0, 1),
    ['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"']);
  const v6 = { ...slice(), addressType: 'IPv6' as const };
  defaultEndpointSlice(v6);
  assert.deepEqual(validateEndpointSliceUpdate(v6, (() => { const o = slice(); defaultEndpointSlice(o); return o; })()).map(errorString), [
    'endpoints[0].addresses[0]: Invalid value: "10.0.0.1": must be a valid IPv6 address',
    'addressType: Invalid value: "IPv6": field is immutable',
  ]);
});

test('printer: NAME ADDRESSTYPE PORTS ENDPOINTS AGE', () => {
  assert.deepEqual(endpointSlicePrinter.columns.map((c) => c.name), ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
  const s = slice();
  s.endpoints = [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2'] }, { addresses: ['10.0.0.3'] }, { addresses: ['10.0.0.4', '10.0.0.5'] }];
  s.ports = [{ port: 80 }, { port: 443 }];
  assert.deepEqual(endpointSlicePrinter.row(s, new Date()).slice(0, 4), ['web-abc12', 'IPv4', '80,443', '10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...']);
  s.ports = [];
  s.endpoints = [];
  assert.deepEqual(endpointSlicePrinter.row(s, new Date()).slice(2, 4), ['<unset>', '<unset>']);
});
