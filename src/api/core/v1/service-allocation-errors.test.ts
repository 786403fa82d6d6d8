import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { clusterIPAllocated, clusterIPNotInRange, nodePortAllocated, nodePortNotInRange, portRangeString } from './service-allocation-errors.js';

test('allocator errors read as upstream\'s', () => {
  assert.equal(portRangeString(), '30000-32767');
  assert.equal(errorString(nodePortNotInRange(0, 80)),
    'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
  assert.equal(errorString(nodePortAllocated(1, 30080)), 'spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated');
  assert.equal(errorString(clusterIPNotInRange(['10.0.0.1'], '10.0.0.1', '10.96.0.0/12')),
    'spec.clusterIPs: Invalid value: ["10.0.0.1"]: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
  assert.equal(errorString(clusterIPAllocated(['10.96.0.10'], '10.96.0.10')),
    'spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated');
});
