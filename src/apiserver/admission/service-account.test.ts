import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import { StatusError } from '../../machinery/errors.js';
import { serviceAccount, TOKEN_MOUNT_PATH } from './service-account.js';
import { attrs, pod, testCluster, type TestCluster } from './testing.js';

describe('ServiceAccount', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster(['default', 'empty', 'other']);
    await t.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
    await t.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' }, imagePullSecrets: [{ name: 'regcred' }] });
    await t.put({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'quiet', namespace: 'default' }, automountServiceAccountToken: false });
  });
  after(() => t.close());
  const pods = () => t.info('v1', 'Pod');

  it('defaults to the "default" account and projects its token into every container', async () => {
    const p = serviceAccount(t);
    const obj = pod('web', ['a', 'b']) as Pod;
    obj.spec!.initContainers = [{ name: 'init', image: 'busybox' }];
    await p.admit!(attrs(obj, pods()));
    await p.validate!(attrs(obj, pods()));
    const spec = obj.spec!;
    assert.equal(spec.serviceAccountName, 'default');
    assert.equal(spec.serviceAccount, 'default');
    assert.equal(spec.volumes?.length, 1);
    const vol = spec.volumes![0];
    assert.match(vol.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(vol.projected, {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    });
    for (const c of [...spec.initContainers!, ...spec.containers]) {
      assert.deepEqual(c.volumeMounts, [{ name: vol.name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }]);
    }
  });

  it('does not mount when the pod or the account turns automounting off, and keeps existing mounts', async () => {
    const p = serviceAccount(t);
    const off = pod('a', ['c'], { automountServiceAccountToken: false }) as Pod;
    await p.admit!(attrs(off, pods()));
    assert.equal(off.spec!.volumes, undefined);
    const quiet = pod('b', ['c'], { serviceAccountName: 'quiet' }) as Pod;
    await p.admit!(attrs(quiet, pods()));
    assert.equal(quiet.spec!.volumes, undefined);
    const forced = pod('c', ['c'], { serviceAccountName: 'quiet', automountServiceAccountToken: true }) as Pod;
    await p.admit!(attrs(forced, pods()));
    assert.equal(forced.spec!.volumes?.length, 1);
    const own = pod('d', ['x', 'y']) as Pod;
    own.spec!.containers[0].volumeMounts = [{ name: 'mine', mountPath: TOKEN_MOUNT_PATH }];
    await p.admit!(attrs(own, pods()));
    assert.deepEqual(own.spec!.containers[0].volumeMounts, [{ name: 'mine', mountPath: TOKEN_MOUNT_PATH }]);
    assert.equal(own.spec!.containers[1].volumeMounts?.length, 1);
  });

  it('copies the account\'s imagePullSecrets onto a pod that has none', async () => {
    const p = serviceAccount(t);
    const obj = pod('web', ['c'], { serviceAccountName: 'builder' }) as Pod;
    await p.admit!(attrs(obj, pods()));
    assert.deepEqual(obj.spec!.imagePullSecrets, [{ name: 'regcred' }]);
    const own = pod('web', ['c'], { serviceAccountName: 'builder', imagePullSecrets: [{ name: 'mine' }] }) as Pod;
    await p.admit!(attrs(own, pods()));
    assert.deepEqual(own.spec!.imagePullSecrets, [{ name: 'mine' }]);
  });

  it('refuses a pod whose account does not exist with upstream\'s message', async () => {
    const p = serviceAccount(t);
    await assert.rejects(p.admit!(attrs(pod('web', ['c'], { serviceAccountName: 'ghost' }), pods())), (e: StatusError) => {
      assert.equal(e.code, 403);
      assert.equal(e.message, 'pods "web" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found');
      return true;
    });
    await assert.rejects(p.admit!(attrs(pod('web'), pods(), { namespace: 'empty' })), /error looking up service account empty\/default: serviceaccount "default" not found/);
  });

  it('creates a missing "default" account when asked to stand in for the controller', async () => {
    const p = serviceAccount(t, { createDefault: true });
    const dry = pod('web') as Pod;
    await p.admit!(attrs(dry, pods(), { namespace: 'other', dryRun: true }));
    await p.validate!(attrs(dry, pods(), { namespace: 'other', dryRun: true }));
    assert.equal(dry.spec!.volumes?.length, 1);
    await assert.rejects(t.registry.get(t.info('v1', 'ServiceAccount'), 'other', 'default'), /not found/);
    const obj = pod('web') as Pod;
    await p.admit!(attrs(obj, pods(), { namespace: 'other' }));
    const sa = await t.registry.get(t.info('v1', 'ServiceAccount'), 'other', 'default');
    assert.ok(sa.metadata?.uid);
    assert.equal(obj.spec!.volumes?.length, 1);
  });

  it('refuses mirror pods that reference service accounts and leaves others untouched', async () => {
    const p = serviceAccount(t);
    const mirror = pod('static', ['c']) as Pod;
    mirror.metadata!.annotations = { 'kubernetes.io/config.mirror': 'hash' };
    await p.admit!(attrs(mirror, pods()));
    await p.validate!(attrs(mirror, pods()));
    assert.equal(mirror.spec!.serviceAccountName, undefined);
    mirror.spec!.serviceAccountName = 'default';
    await assert.rejects(p.validate!(attrs(mirror, pods())), /a mirror pod may not reference service accounts/);
  });
});
