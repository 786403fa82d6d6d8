import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../../machinery/errors.js';
import { namespaceLifecycle } from './namespace-lifecycle.js';
import { attrs, pod, testCluster, type TestCluster } from './testing.js';

describe('NamespaceLifecycle', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster(['default', 'kube-system', 'gone']);
    await t.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dying' }, spec: {}, status: { phase: 'Terminating' } });
  });
  after(() => t.close());
  const pods = () => t.info('v1', 'Pod');
  const ns = () => t.info('v1', 'Namespace');

  it('refuses a create in a namespace that does not exist with 404', async () => {
    const p = namespaceLifecycle(t);
    await assert.rejects(p.admit!(attrs(pod('web'), pods(), { namespace: 'nope' })), (e: StatusError) => {
      assert.equal(e.code, 404);
      assert.equal(e.reason, 'NotFound');
      assert.equal(e.message, 'namespaces "nope" not found');
      return true;
    });
  });

  it('refuses a create in a terminating namespace with 403', async () => {
    const p = namespaceLifecycle(t);
    await assert.rejects(p.admit!(attrs(pod('web'), pods(), { namespace: 'dying' })), (e: StatusError) => {
      assert.equal(e.code, 403);
      assert.equal(e.message, 'pods "web" is forbidden: unable to create new content in namespace dying because it is being terminated');
      assert.equal(e.details?.causes?.[0]?.reason, 'NamespaceTerminating');
      return true;
    });
  });

  it('lets updates and deletes through in a terminating namespace, creates in an active one', async () => {
    const p = namespaceLifecycle(t);
    await p.admit!(attrs(pod('web'), pods(), { namespace: 'dying', operation: 'UPDATE' }));
    await p.admit!(attrs(undefined, pods(), { namespace: 'dying', operation: 'DELETE', name: 'web' }));
    await p.admit!(attrs(undefined, pods(), { namespace: 'nope', operation: 'DELETE', name: 'web' }));
    await p.admit!(attrs(pod('web'), pods(), { namespace: 'default' }));
  });

  it('protects default, kube-system and kube-public from deletion', async () => {
    const p = namespaceLifecycle(t);
    for (const name of ['default', 'kube-system', 'kube-public']) {
      await assert.rejects(p.admit!(attrs(undefined, ns(), { operation: 'DELETE', name })), (e: StatusError) => {
        assert.equal(e.code, 403);
        assert.equal(e.message, `namespaces "${name}" is forbidden: this namespace may not be deleted`);
        return true;
      });
    }
    await p.admit!(attrs(undefined, ns(), { operation: 'DELETE', name: 'gone' }));
  });

  it('ignores cluster-scoped kinds and namespaces themselves', async () => {
    const p = namespaceLifecycle(t);
    await p.admit!(attrs({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }, t.info('v1', 'Node')));
    await p.admit!(attrs({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'new' } }, ns()));
  });
});
