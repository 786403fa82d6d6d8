// The ResourceInfo entries of pods, podtemplates and replicationcontrollers.
import type { ResourceInfo } from '../../scheme.js';
import { Pod } from './pod.js';
import { defaultPod } from './pod-defaults.js';
import { validatePod } from './pod-validation.js';
import { validatePodUpdate } from './pod-update-validation.js';
import { podPrinter } from './pod-printer.js';
import { PodTemplate, defaultPodTemplate, validatePodTemplate, validatePodTemplateUpdate, podTemplatePrinter } from './pod-template.js';
import {
  ReplicationController, defaultReplicationController, validateReplicationController,
  validateReplicationControllerUpdate, replicationControllerPrinter,
} from './replication-controller.js';

export const podResource: ResourceInfo<Pod> = {
  group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod',
  namespaced: true, shortNames: ['po'], categories: ['all'],
  subresources: ['status', 'binding', 'eviction', 'log', 'exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers', 'resize'],
  schema: Pod,
  defaults: defaultPod,
  validate: validatePod,
  validateUpdate: validatePodUpdate,
  selectableFields: (pod) => ({
    'spec.nodeName': pod.spec?.nodeName ?? '',
    'spec.restartPolicy': pod.spec?.restartPolicy ?? '',
    'spec.schedulerName': pod.spec?.schedulerName ?? '',
    'spec.serviceAccountName': pod.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': String(pod.spec?.hostNetwork ?? false),
    'status.phase': pod.status?.phase ?? '',
    'status.podIP': pod.status?.podIPs?.[0]?.ip ?? '',
    'status.nominatedNodeName': pod.status?.nominatedNodeName ?? '',
  }),
  printer: podPrinter,
};

export const podTemplateResource: ResourceInfo<PodTemplate> = {
  group: '', version: 'v1', kind: 'PodTemplate', resource: 'podtemplates', singular: 'podtemplate',
  namespaced: true, shortNames: [], categories: [], subresources: [],
  schema: PodTemplate,
  defaults: defaultPodTemplate,
  validate: validatePodTemplate,
  validateUpdate: validatePodTemplateUpdate,
  printer: podTemplatePrinter,
};

export const replicationControllerResource: ResourceInfo<ReplicationController> = {
  group: '', version: 'v1', kind: 'ReplicationController', resource: 'replicationcontrollers', singular: 'replicationcontroller',
  namespaced: true, shortNames: ['rc'], categories: ['all'], subresources: ['status', 'scale'],
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' },
  schema: ReplicationController,
  defaults: defaultReplicationController,
  validate: validateReplicationController,
  validateUpdate: validateReplicationControllerUpdate,
  selectableFields: (rc) => ({ 'status.replicas': String(rc.status?.replicas ?? 0) }),
  printer: replicationControllerPrinter,
};

export const podResources: ResourceInfo[] = [podResource, podTemplateResource, replicationControllerResource];
