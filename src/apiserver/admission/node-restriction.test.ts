import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta/v1/types.js';
import { isForbiddenNodeLabel, nodeRestriction } from './node-restriction.js';
import { attrs, pod, testCluster, type TestCluster } from './testing.js';

const kubelet = (name: string) => ({ name: `system:node:${name}`, groups: ['system:nodes', 'system:authenticated'] });
const node = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: {} });

describe('NodeRestriction', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster(['default', 'kube-node-lease']);
  });
  after(() => t.close());
  const nodes = () => t.info('v1', 'Node');
  const pods = () => t.info('v1', 'Pod');

  it('lets a node write only its own Node object', async () => {
    const p = nodeRestriction(t);
    await p.validate!(attrs(node('n1'), nodes(), { user: kubelet('n1') }));
    await assert.rejects(p.validate!(attrs(node('n2'), nodes(), { user: kubelet('n1') })),
      (e: Error) => e.message === 'nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"');
    await assert.rejects(p.validate!(attrs(node('n2'), nodes(), { user: kubelet('n1'), subresource: 'status' })), /not allowed to modify node "n2"/);
    // other users are not this plugin's business
    await p.validate!(attrs(node('n2'), nodes()));
  });

  it('keeps the reserved labels away from kubelets', async () => {
    const p = nodeRestriction(t);
    assert.equal(isForbiddenNodeLabel('node-restriction.kubernetes.io/pool'), true);
    assert.equal(isForbiddenNodeLabel('node-role.kubernetes.io/control-plane'), true);
    assert.equal(isForbiddenNodeLabel('kubernetes.io/hostname'), false);
    assert.equal(isForbiddenNodeLabel('node.kubernetes.io/instance-type'), false);
    assert.equal(isForbiddenNodeLabel('example.com/rack'), false);
    await assert.rejects(p.validate!(attrs(node('n1', { 'node-restriction.kubernetes.io/pool': 'a', 'kubernetes.io/hostname': 'n1' }), nodes(), { user: kubelet('n1') })),
      /nodes "n1" is forbidden: node "n1" is not allowed to set the following labels: node-restriction.kubernetes.io\/pool/);
    const old = node('n1', { 'example.com/a': '1' });
    const next = node('n1', { 'example.com/a': '2', 'node-restriction.kubernetes.io/pool': 'b' });
    await assert.rejects(p.validate!(attrs(next, nodes(), { user: kubelet('n1'), operation: 'UPDATE', oldObject: old })),
      /node "n1" is not allowed to modify labels: node-restriction.kubernetes.io\/pool/);
    await p.validate!(attrs(node('n1', { 'example.com/a': '3' }), nodes(), { user: kubelet('n1'), operation: 'UPDATE', oldObject: old }));
  });

  it('allows only mirror pods bound to the node, and status updates of its own pods', async () => {
    const p = nodeRestriction(t);
    const plain = pod('web', ['c'], { nodeName: 'n1' });
    await assert.rejects(p.validate!(attrs(plain, pods(), { user: kubelet('n1') })),
      /pods "web" is forbidden: pod does not have "kubernetes.io\/config.mirror" annotation, node "n1" can only create mirror pods/);
    const mirror = pod('static-n1', ['c'], { nodeName: 'n1' });
    mirror.metadata!.annotations = { 'kubernetes.io/config.mirror': 'abc' };
    await p.validate!(attrs(mirror, pods(), { user: kubelet('n1') }));
    const elsewhere = structuredClone(mirror);
    (elsewhere.spec as { nodeName: string }).nodeName = 'n2';
    await assert.rejects(p.validate!(attrs(elsewhere, pods(), { user: kubelet('n1') })), /can only create pods with spec.nodeName set to itself/);
    await p.validate!(attrs(plain, pods(), { user: kubelet('n1'), operation: 'UPDATE', subresource: 'status', oldObject: plain }));
    await assert.rejects(p.validate!(attrs(plain, pods(), { user: kubelet('n2'), operation: 'UPDATE', subresource: 'status', oldObject: plain })),
      /node "n2" can only update pod status for pods with spec.nodeName set to itself/);
    await assert.rejects(p.validate!(attrs(plain, pods(), { user: kubelet('n1'), operation: 'UPDATE', oldObject: plain })), /node "n1" can only update pod status/);
    await assert.rejects(p.validate!(attrs(undefined, pods(), { user: kubelet('n2'), operation: 'DELETE', name: 'web', oldObject: plain })),
      /node "n2" can only delete pods with spec.nodeName set to itself/);
  });

  it('limits a node to its own lease in kube-node-lease', async () => {
    const p = nodeRestriction(t);
    const leases = t.info('coordination.k8s.io/v1', 'Lease');
    const lease = (name: string, namespace = 'kube-node-lease'): KubeObject => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace } });
    await p.validate!(attrs(lease('n1'), leases, { user: kubelet('n1') }));
    await assert.rejects(p.validate!(attrs(lease('n2'), leases, { user: kubelet('n1') })), /can only access node lease with the same name as the requesting node/);
    await assert.rejects(p.validate!(attrs(lease('n1', 'default'), leases, { user: kubelet('n1') })), /can only access leases in the "kube-node-lease" namespace/);
  });
});
