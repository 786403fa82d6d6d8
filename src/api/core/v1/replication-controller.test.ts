import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import {
  type ReplicationController, defaultReplicationController, prepareReplicationControllerForCreate,
  replicationControllerPrinter, validateReplicationController, validateReplicationControllerStatusUpdate,
  validateReplicationControllerUpdate,
} from './replication-controller.js';
import { type PodTemplate, defaultPodTemplate, podTemplatePrinter, validatePodTemplate } from './pod-template.js';
import { podResources } from './pod-resources.js';

function rc(): ReplicationController {
  return {
    apiVersion: 'v1', kind: 'ReplicationController',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: {
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

test('defaults: replicas 1, selector and labels from the template, template spec defaulted', () => {
  const r = rc();
  defaultReplicationController(r);
  assert.equal(r.spec!.replicas, 1);
  assert.deepEqual(r.spec!.selector, { app: 'nginx' });
  assert.deepEqual(r.metadata!.labels, { app: 'nginx' });
  const c = r.spec!.template!.spec!.containers[0];
  assert.equal(c.imagePullPolicy, 'IfNotPresent');
  assert.equal(c.ports![0].protocol, 'TCP');
  assert.equal(r.spec!.template!.spec!.restartPolicy, 'Always');
  assert.equal(r.spec!.template!.spec!.enableServiceLinks, undefined);
  prepareReplicationControllerForCreate(r);
  assert.deepEqual(r.status, { replicas: 0 });
  assert.deepEqual(validateReplicationController(r), []);
});

test('an explicit selector and labels are kept', () => {
  const r = rc();
  r.spec!.selector = { app: 'nginx' };
  r.metadata!.labels = { team: 'web' };
  r.spec!.replicas = 0;
  defaultReplicationController(r);
  assert.deepEqual(r.metadata!.labels, { team: 'web' });
  assert.equal(r.spec!.replicas, 0);
});

test('validation: selector must match the template, restartPolicy Always, no activeDeadlineSeconds', () => {
  const r = rc();
  r.spec!.selector = { app: 'other' };
  r.spec!.template!.spec!.restartPolicy = 'OnFailure';
  r.spec!.template!.spec!.activeDeadlineSeconds = 30;
  defaultReplicationController(r);
  assert.deepEqual(validateReplicationController(r).map(errorString), [
    'spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`',
    'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
  ]);
  const noTemplate: ReplicationController = { metadata: { name: 'x', namespace: 'default' }, spec: { replicas: -1 } };
  assert.deepEqual(validateReplicationController(noTemplate).map(errorString), [
    'spec.selector: Required value',
    'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    'spec.template: Required value',
  ]);
});

test('updates may change the template and replicas; status counts are bounded by replicas', () => {
  const old = rc();
  defaultReplicationController(old);
  const now = structuredClone(old);
  now.spec!.replicas = 5;
  now.spec!.template!.spec!.containers[0].image = 'nginx:1.26';
  assert.deepEqual(validateReplicationControllerUpdate(now, old), []);
  now.status = { replicas: 2, readyReplicas: 3, availableReplicas: 1 };
  assert.deepEqual(validateReplicationControllerStatusUpdate(now, old).map(errorString), [
    'status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas',
  ]);
});

test('printer: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR', () => {
  const r = rc();
  defaultReplicationController(r);
  r.metadata!.creationTimestamp = '2026-01-01T00:00:00Z';
  r.spec!.replicas = 3;
  r.status = { replicas: 3, readyReplicas: 2 };
  assert.deepEqual(replicationControllerPrinter.columns.map((c) => c.name), ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']);
  assert.deepEqual(replicationControllerPrinter.row(r, new Date('2026-01-01T02:00:00Z')), ['nginx', 3, 3, 2, '120m', 'nginx', 'nginx:1.25', 'app=nginx']);
});

test('PodTemplate: defaults, validation and printer', () => {
  const pt: PodTemplate = {
    metadata: { name: 'tpl', namespace: 'default' },
    template: { metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y:1' }] } },
  };
  defaultPodTemplate(pt);
  assert.equal(pt.template!.spec!.dnsPolicy, 'ClusterFirst');
  assert.deepEqual(validatePodTemplate(pt), []);
  assert.deepEqual(podTemplatePrinter.columns.map((c) => c.name), ['Name', 'Containers', 'Images', 'Pod Labels']);
  assert.deepEqual(podTemplatePrinter.row(pt, new Date()), ['tpl', 'a,b', 'x,y:1', 'a=1,b=2']);
  pt.template!.spec!.containers[0].name = '';
  assert.deepEqual(validatePodTemplate(pt).map(errorString), ['template.spec.containers[0].name: Required value']);
});

test('resource registrations', () => {
  assert.deepEqual(podResources.map((r) => [r.resource, r.kind, r.shortNames, r.categories, r.namespaced]), [
    ['pods', 'Pod', ['po'], ['all'], true],
    ['podtemplates', 'PodTemplate', [], [], true],
    ['replicationcontrollers', 'ReplicationController', ['rc'], ['all'], true],
  ]);
  const pod = podResources[0];
  assert.deepEqual(pod.selectableFields!({ spec: { containers: [], nodeName: 'n1' }, status: { phase: 'Running', podIPs: [{ ip: '10.0.0.1' }] } }), {
    'spec.nodeName': 'n1', 'spec.restartPolicy': '', 'spec.schedulerName': '', 'spec.serviceAccountName': '',
    'spec.hostNetwork': 'false', 'status.phase': 'Running', 'status.podIP': '10.0.0.1', 'status.nominatedNodeName': '',
  });
  assert.deepEqual(podResources[2].scale, { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' });
});
