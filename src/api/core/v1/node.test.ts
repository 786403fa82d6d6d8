import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { type Node, defaultNode } from './node.js';
import { validateNode, validateNodeUpdate } from './node-validation.js';
import { nodePrinter } from './node-printer.js';

const node = (n: Partial<Node> = {}): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', creationTimestamp: '2024-01-01T00:00:00Z' }, ...n,
});
const msgs = (n: Node) => validateNode(n).map(errorString);

test('allocatable defaults to capacity; there is no phase', () => {
  const n = node({ status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } } });
  defaultNode(n);
  assert.deepEqual(n.status?.allocatable, { cpu: '4', memory: '8Gi', pods: '110' });
  assert.equal(n.status?.phase, undefined);
  assert.deepEqual(validateNode(n), []);
});

test('names are DNS subdomains; nodes are cluster-scoped', () => {
  const n = node();
  n.metadata!.name = 'Node_1';
  assert.match(msgs(n)[0], /^metadata\.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain/);
});

test('taints: key, value, effect and uniqueness (reported under metadata.taints as upstream does)', () => {
  const n = node({ spec: { taints: [
    { key: 'a b', effect: 'NoSchedule' },
    { key: 'k', value: 'v', effect: '' as 'NoSchedule' },
    { key: 'k', effect: 'Sometimes' as 'NoSchedule' },
    { key: 'dup', effect: 'NoExecute' },
    { key: 'dup', value: 'x', effect: 'NoExecute' },
  ] } });
  const m = msgs(n);
  assert.match(m[0], /^metadata\.taints\[0\]\.key: Invalid value: "a b": name part must consist of alphanumeric characters/);
  assert.deepEqual(m.slice(1), [
    'metadata.taints[1].effect: Required value',
    'metadata.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    'metadata.taints[4]: Duplicate value: {"key":"dup","value":"x","effect":"NoExecute"}: taints must be unique by key and effect pair',
  ]);
});

test('capacity must be non-negative and pods a whole number', () => {
  const n = node({ status: { capacity: { cpu: '-1', pods: '1.5' }, allocatable: { memory: 'lots' } } });
  assert.deepEqual(msgs(n), [
    'status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0',
    'status.capacity.pods: Invalid value: "1500m": must be an integer',
    "status.allocatable.memory: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  ]);
});

test('podCIDRs must be CIDRs, one per family; they and providerID are set once', () => {
  const n = node({ spec: { podCIDRs: ['10.244.0.0/24', '10.245.0.0/24'] } });
  assert.deepEqual(msgs(n), ['spec.podCIDRs: Invalid value: ["10.244.0.0/24","10.245.0.0/24"]: may specify no more than one CIDR for each IP family']);
  const old = node({ spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], providerID: 'kind://a' } });
  const next = node({ spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], providerID: 'kind://b', unschedulable: true } });
  assert.deepEqual(validateNodeUpdate(next, old).map(errorString), [
    'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
  ]);
  const assign = node({ spec: { podCIDRs: ['10.244.1.0/24'], unschedulable: true } });
  assert.deepEqual(validateNodeUpdate(assign, node()), []);
});

test('printer: status, roles and wide columns', () => {
  const n = node({
    metadata: { name: 'cp', creationTimestamp: '2024-01-01T00:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'master' } },
    spec: { unschedulable: true },
    status: {
      conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
      addresses: [{ type: 'Hostname', address: 'cp' }, { type: 'InternalIP', address: '172.18.0.2' }],
      nodeInfo: {
        machineID: '', systemUUID: '', bootID: '', kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.13', kubeletVersion: 'v1.33.0', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
      },
    },
  });
  assert.deepEqual(nodePrinter.columns.map((c) => c.name), ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']);
  assert.deepEqual(nodePrinter.row(n, new Date('2024-01-01T03:00:00Z')), [
    'cp', 'Ready,SchedulingDisabled', 'control-plane,master', '3h', 'v1.33.0', '172.18.0.2', '<none>',
    'Debian GNU/Linux 12 (bookworm)', '6.1.0', 'containerd://1.7.13',
  ]);
  const bare = node();
  assert.deepEqual(nodePrinter.row(bare, new Date('2024-01-01T00:00:05Z')).slice(0, 5), ['node-1', 'Unknown', '<none>', '5s', '']);
  const notReady = node({ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } });
  assert.equal(nodePrinter.row(notReady, new Date())[1], 'NotReady');
});
