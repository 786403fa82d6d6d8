import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { type Endpoints, defaultEndpoints, endpointsPrinter, formatEndpoints, validateEndpoints } from './endpoints.js';

const ep = (subsets: Endpoints['subsets']): Endpoints => ({
  apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, subsets,
});

test('ports default to TCP and a valid object passes', () => {
  const e = ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }]);
  defaultEndpoints(e);
  assert.equal(e.subsets?.[0].ports?.[0].protocol, 'TCP');
  assert.deepEqual(validateEndpoints(e), []);
});

test('addresses, IPs and ports are checked', () => {
  const e = ep([
    { ports: [{ port: 80, protocol: 'TCP' }] },
    { addresses: [{ ip: '127.0.0.1' }, { ip: 'x' }], ports: [{ port: 0, protocol: 'TCP' }, { name: 'b', port: 81, protocol: 'TCP' }] },
  ]);
  assert.deepEqual(validateEndpoints(e).map(errorString), [
    'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
    'subsets[1].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
    'subsets[1].addresses[1].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    'subsets[1].addresses[1].ip: Invalid value: "x": must be a valid IP address',
    'subsets[1].ports[0].name: Required value',
    'subsets[1].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
  ]);
});

test('ENDPOINTS column: three pairs then "+ N more..."', () => {
  const e = ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }]);
  assert.equal(formatEndpoints(e), '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...');
  assert.equal(formatEndpoints(ep([])), '<none>');
  assert.equal(formatEndpoints(ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 53 }] }])), '[fd00::1]:53');
  assert.equal(formatEndpoints(ep([{ addresses: [{ ip: '10.0.0.9' }] }])), '10.0.0.9');
  assert.deepEqual(endpointsPrinter.row(ep(undefined), new Date('2024-01-01T00:00:09Z')), ['web', '<none>', '9s']);
});
