import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controllerRevisionPrinter, daemonSetPrinter, deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './printers.js';
import type { Deployment } from './deployment.js';
import type { DaemonSet } from './daemon-set.js';
import type { StatefulSet } from './stateful-set.js';
import type { ReplicaSet } from './replica-set.js';
import type { ControllerRevision } from './controller-revision.js';

const now = new Date('2024-05-01T12:00:00Z');
const created = '2024-05-01T11:55:00Z';
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'side', image: 'busybox' }] } };
const names = (p: { columns: { name: string; priority: number }[] }, wide: boolean) =>
  p.columns.filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase()).join(' ');

test('deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR', () => {
  assert.equal(names(deploymentPrinter, false), 'NAME READY UP-TO-DATE AVAILABLE AGE');
  assert.equal(names(deploymentPrinter, true), 'NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR');
  const d = { metadata: { name: 'web', creationTimestamp: created },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] }, template },
    status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } } as Deployment;
  assert.deepEqual(deploymentPrinter.row(d, now), ['web', '2/3', 3, 2, '5m', 'nginx,side', 'nginx:1.25,busybox', 'app=web,tier in (a,b)']);
});

test('replicasets: NAME DESIRED CURRENT READY AGE', () => {
  assert.equal(names(replicaSetPrinter, true), 'NAME DESIRED CURRENT READY AGE CONTAINERS IMAGES SELECTOR');
  const rs = { metadata: { name: 'web-5d4f', creationTimestamp: created }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 2 } } as ReplicaSet;
  assert.deepEqual(replicaSetPrinter.row(rs, now), ['web-5d4f', 2, 2, 0, '5m', 'nginx,side', 'nginx:1.25,busybox', 'app=web']);
});

test('daemonsets: node selector column', () => {
  assert.equal(names(daemonSetPrinter, false), 'NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE');
  const ds = { metadata: { name: 'kube-proxy', creationTimestamp: created },
    spec: { selector: { matchLabels: { k: 'p' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'kube-proxy', image: 'kp' }] } } },
    status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, numberMisscheduled: 0, updatedNumberScheduled: 1, numberAvailable: 1 } } as DaemonSet;
  assert.deepEqual(daemonSetPrinter.row(ds, now), ['kube-proxy', 1, 1, 1, 1, 1, 'kubernetes.io/os=linux', '5m', 'kube-proxy', 'kp', 'k=p']);
  const noSel = { ...ds, spec: { ...ds.spec, template: { spec: {} } } } as DaemonSet;
  assert.equal(daemonSetPrinter.row(noSel, now)[6], '<none>');
});

test('statefulsets: NAME READY AGE', () => {
  assert.equal(names(statefulSetPrinter, true), 'NAME READY AGE CONTAINERS IMAGES');
  const ss = { metadata: { name: 'db', creationTimestamp: created }, spec: { replicas: 3, selector: {}, template } } as StatefulSet;
  assert.deepEqual(statefulSetPrinter.row(ss, now).slice(0, 3), ['db', '0/3', '5m']);
});

test('controllerrevisions: CONTROLLER is kind.group/name', () => {
  assert.equal(names(controllerRevisionPrinter, true), 'NAME CONTROLLER REVISION AGE');
  const cr = { metadata: { name: 'web-7c9', creationTimestamp: created,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] }, revision: 2, data: {} } as ControllerRevision;
  assert.deepEqual(controllerRevisionPrinter.row(cr, now), ['web-7c9', 'statefulset.apps/web', 2, '5m']);
  assert.equal(controllerRevisionPrinter.row({ ...cr, metadata: { name: 'x' } }, now)[1], '<none>');
});
