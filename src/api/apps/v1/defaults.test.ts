import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './defaults.js';
import type { Deployment } from './deployment.js';
import type { DaemonSet } from './daemon-set.js';
import type { StatefulSet } from './stateful-set.js';
import type { ReplicaSet } from './replica-set.js';

const template = () => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } });

test('kubectl create deployment web --image=nginx: the spec a real cluster returns', () => {
  const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template() } } as Deployment;
  defaultDeployment(d);
  assert.equal(d.spec?.replicas, 1);
  assert.deepEqual(d.spec?.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(d.spec?.revisionHistoryLimit, 10);
  assert.equal(d.spec?.progressDeadlineSeconds, 600);
  assert.deepEqual(d.spec?.template.spec, {
    containers: [{ name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File', resources: {} }],
    dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler',
  });
});

test('Deployment: Recreate gets no rollingUpdate; given values are kept', () => {
  const d = { spec: { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 2, selector: {}, template: template() } } as Deployment;
  defaultDeployment(d);
  assert.equal(d.spec?.replicas, 0);
  assert.deepEqual(d.spec?.strategy, { type: 'Recreate' });
  assert.equal(d.spec?.revisionHistoryLimit, 2);
  const partial = { spec: { strategy: { rollingUpdate: { maxSurge: 1 } }, selector: {}, template: template() } } as Deployment;
  defaultDeployment(partial);
  assert.deepEqual(partial.spec?.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
});

test('ReplicaSet: replicas 1', () => {
  const rs = { spec: { selector: {}, template: template() } } as ReplicaSet;
  defaultReplicaSet(rs);
  assert.equal(rs.spec?.replicas, 1);
});

test('DaemonSet: RollingUpdate maxUnavailable 1 maxSurge 0, revisionHistoryLimit 10', () => {
  const ds = { spec: { selector: {}, template: template() } } as DaemonSet;
  defaultDaemonSet(ds);
  assert.deepEqual(ds.spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  assert.equal(ds.spec?.revisionHistoryLimit, 10);
  const onDelete = { spec: { updateStrategy: { type: 'OnDelete' }, selector: {}, template: template() } } as DaemonSet;
  defaultDaemonSet(onDelete);
  assert.deepEqual(onDelete.spec?.updateStrategy, { type: 'OnDelete' });
});

test('StatefulSet: the defaults of a minimal object', () => {
  const ss = { spec: { selector: {}, serviceName: 'web', template: template(),
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }] } } as StatefulSet;
  defaultStatefulSet(ss);
  const spec = ss.spec!;
  assert.equal(spec.replicas, 1);
  assert.equal(spec.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.equal(spec.revisionHistoryLimit, 10);
  assert.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.deepEqual(spec.volumeClaimTemplates, [{
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }, status: { phase: 'Pending' },
  }]);
});

test('StatefulSet: an explicit RollingUpdate without rollingUpdate stays without partition, as upstream', () => {
  const ss = { spec: { updateStrategy: { type: 'RollingUpdate' }, selector: {}, template: template() } } as StatefulSet;
  defaultStatefulSet(ss);
  assert.deepEqual(ss.spec?.updateStrategy, { type: 'RollingUpdate' });
  const withRu = { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} }, selector: {}, template: template() } } as StatefulSet;
  defaultStatefulSet(withRu);
  assert.deepEqual(withRu.spec?.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
});
