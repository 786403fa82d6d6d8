import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { AuthorizationAttributes, UserInfo } from '../chain.js';
import { NodeGraph, podReferences } from './node-graph.js';
import { NodeAuthorizer, nodeIdentity } from './node.js';
import { fixture } from './testing.js';

const node1: UserInfo = { name: 'system:node:node1', groups: ['system:nodes', 'system:authenticated'] };

function a(user: UserInfo, verb: string, resource: string, namespace: string, name: string, extra: Partial<AuthorizationAttributes> = {}): AuthorizationAttributes {
  return { user, verb, isResourceRequest: true, path: '', apiGroup: '', apiVersion: 'v1', resource, subresource: '', namespace, name, ...extra };
}

function pod(name: string, nodeName: string | undefined, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName, containers: [{ name: 'c', image: 'x' }], ...spec } };
}

const webSpec = {
  serviceAccountName: 'web-sa',
  imagePullSecrets: [{ name: 'pull' }],
  containers: [{
    name: 'c', image: 'x',
    env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'env-secret', key: 'k' } } }, { name: 'B', valueFrom: { configMapKeyRef: { name: 'env-cm', key: 'k' } } }],
    envFrom: [{ configMapRef: { name: 'all-cm' } }],
  }],
  volumes: [
    { name: 'v1', secret: { secretName: 'vol-secret' } },
    { name: 'v2', projected: { sources: [{ configMap: { name: 'proj-cm' } }] } },
    { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
    { name: 'csi', csi: { driver: 'd', nodePublishSecretRef: { name: 'csi-secret' } } },
    { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } },
  ],
};

test('the pod references cover env, envFrom, volumes, projections, pull secrets, claims and the service account', () => {
  assert.deepEqual(podReferences(pod('web', 'node1', webSpec)).sort(), [
    'configmap/default/all-cm', 'configmap/default/env-cm', 'configmap/default/proj-cm',
    'pod/default/web', 'pvc/default/data', 'pvc/default/web-scratch',
    'secret/default/csi-secret', 'secret/default/env-secret', 'secret/default/pull', 'secret/default/vol-secret',
    'serviceaccount/default/web-sa',
  ]);
});

test('node identity: the system:node: prefix and the system:nodes group', () => {
  assert.equal(nodeIdentity(node1), 'node1');
  assert.equal(nodeIdentity({ name: 'system:node:node1', groups: [] }), undefined);
  assert.equal(nodeIdentity({ name: 'jane', groups: ['system:nodes'] }), undefined);
});

test('a node reads only what its pods use, and loses it when the pod goes', async () => {
  const f = await fixture();
  const graph = new NodeGraph(f.cache, { pods: '/registry/pods/', persistentVolumeClaims: '/registry/persistentvolumeclaims/', volumeAttachments: '/registry/volumeattachments/' });
  graph.start();
  const z = new NodeAuthorizer(graph);
  try {
    const web = pod('web', 'node1', webSpec);
    await f.put(web);
    await f.put(pod('other', 'node2', { volumes: [{ name: 'v', secret: { secretName: 'node2-secret' } }] }));
    await f.put({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv-1' } });
    await f.put({ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'va-1' }, spec: { nodeName: 'node1' } });

    assert.deepEqual(await z.authorize(a(node1, 'get', 'secrets', 'default', 'vol-secret')), { decision: 'allow', reason: '' });
    assert.equal((await z.authorize(a(node1, 'watch', 'configmaps', 'default', 'proj-cm'))).decision, 'allow');
    assert.deepEqual(await z.authorize(a(node1, 'get', 'secrets', 'default', 'node2-secret')),
      { decision: 'noOpinion', reason: "no relationship found between node 'node1' and this object" });
    assert.deepEqual(await z.authorize(a(node1, 'list', 'secrets', 'default', '')), { decision: 'noOpinion', reason: 'No Object name found' });
    assert.deepEqual(await z.authorize(a(node1, 'update', 'secrets', 'default', 'vol-secret')), { decision: 'noOpinion', reason: 'can only read resources of this type' });
    assert.equal((await z.authorize(a(node1, 'get', 'persistentvolumeclaims', 'default', 'data'))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'get', 'persistentvolumes', '', 'pv-1'))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'get', 'persistentvolumes', '', 'pv-2'))).decision, 'noOpinion');
    assert.equal((await z.authorize(a(node1, 'get', 'volumeattachments', '', 'va-1', { apiGroup: 'storage.k8s.io' }))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'create', 'serviceaccounts', 'default', 'web-sa', { subresource: 'token' }))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'create', 'serviceaccounts', 'default', 'default', { subresource: 'token' }))).decision, 'noOpinion');
    // pod status: only its own pods
    assert.equal((await z.authorize(a(node1, 'patch', 'pods', 'default', 'web', { subresource: 'status' }))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'patch', 'pods', 'default', 'other', { subresource: 'status' }))).decision, 'noOpinion');

    await f.del(web);
    assert.equal((await z.authorize(a(node1, 'get', 'secrets', 'default', 'vol-secret'))).decision, 'noOpinion');
    assert.equal((await z.authorize(a(node1, 'get', 'persistentvolumes', '', 'pv-1'))).decision, 'noOpinion');
  } finally {
    graph.stop();
    await f.close();
  }
});

test('a node writes its own Node, lease and CSINode; the static node rules decide the rest; others get no opinion', async () => {
  const f = await fixture();
  const graph = new NodeGraph(f.cache, { pods: '/registry/pods/', persistentVolumeClaims: '/registry/persistentvolumeclaims/' });
  graph.start();
  const z = new NodeAuthorizer(graph);
  try {
    assert.equal((await z.authorize(a(node1, 'patch', 'nodes', '', 'node1', { subresource: 'status' }))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'update', 'nodes', '', 'node1'))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'patch', 'nodes', '', 'node2', { subresource: 'status' }))).decision, 'noOpinion');
    assert.equal((await z.authorize(a(node1, 'get', 'nodes', '', 'node2'))).decision, 'allow');
    const lease = { apiGroup: 'coordination.k8s.io' };
    assert.equal((await z.authorize(a(node1, 'update', 'leases', 'kube-node-lease', 'node1', lease))).decision, 'allow');
    assert.deepEqual(await z.authorize(a(node1, 'update', 'leases', 'kube-node-lease', 'node2', lease)),
      { decision: 'noOpinion', reason: 'can only access node lease with the same name as the requesting node' });
    assert.deepEqual(await z.authorize(a(node1, 'get', 'leases', 'kube-system', 'node1', lease)),
      { decision: 'noOpinion', reason: 'can only access leases in the "kube-node-lease" system namespace' });
    assert.equal((await z.authorize(a(node1, 'create', 'events', 'default', ''))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'list', 'services', '', ''))).decision, 'allow');
    assert.equal((await z.authorize(a(node1, 'delete', 'namespaces', '', 'default'))).decision, 'noOpinion');
    assert.deepEqual(await z.authorize(a({ name: 'jane', groups: ['system:authenticated'] }, 'list', 'services', '', '')), { decision: 'noOpinion', reason: '' });
    assert.deepEqual(z.rulesFor(node1), { resourceRules: [], nonResourceRules: [], incomplete: true, evaluationError: 'node authorizer does not support user rule resolution' });
  } finally {
    graph.stop();
    await f.close();
  }
});
