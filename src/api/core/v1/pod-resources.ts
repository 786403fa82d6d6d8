// The ResourceInfo entries of pods, podtemplates and replicationcontrollers.
import type { DeleteOptions } from '../../meta/v1/types.js';
import type { ResourceInfo } from '../../scheme.js';
import { type ObjectSubresource, type ProxySubresource, keepAllBut, statusSubresource } from '../../strategy.js';
import { bindPod, validateBinding, type Binding } from './binding.js';
import { preparePodForCreate, preparePodForUpdate, preparePodStatusUpdate } from './pod-status.js';
import { Pod } from './pod.js';
import { defaultPod } from './pod-defaults.js';
import { validatePod } from './pod-validation.js';
import { validatePodEphemeralContainersUpdate, validatePodStatusUpdate, validatePodUpdate } from './pod-update-validation.js';
import { podPrinter } from './pod-printer.js';
import { PodTemplate, defaultPodTemplate, validatePodTemplate, validatePodTemplateUpdate, podTemplatePrinter } from './pod-template.js';
import {
  ReplicationController, defaultReplicationController, validateReplicationController,
  validateReplicationControllerUpdate, replicationControllerPrinter, prepareReplicationControllerForCreate,
  validateReplicationControllerStatusUpdate,
} from './replication-controller.js';

const PROXY: ProxySubresource = { type: 'proxy' };

/** The grace period a pod's deletion gets: the request's, else the pod's own, else 30; none when it never ran. */
export function podGracePeriod(pod: Pod, opts: DeleteOptions): number {
  const phase = pod.status?.phase;
  if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  return Math.max(0, opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30);
}

/**
 * pods/ephemeralcontainers (upstream's podEphemeralContainersStrategy): a write changes
 * spec.ephemeralContainers and nothing else — the rest, metadata included but for name,
 * namespace, uid and resourceVersion, comes from the stored pod; validated by
 * ValidatePodEphemeralContainersUpdate (only additions; names unique across all containers).
 */
const ephemeralContainersSubresource: ObjectSubresource<Pod> = {
  type: 'object',
  verbs: ['get', 'patch', 'update'],
  prepareForUpdate(pod, old) {
    const ephemeral = pod.spec?.ephemeralContainers;
    const { name, namespace, uid, resourceVersion } = pod.metadata ?? {};
    keepAllBut(pod, old, 'metadata');
    pod.metadata = { ...structuredClone(old.metadata), name, namespace, uid, resourceVersion };
    pod.spec = { ...structuredClone(old.spec), ephemeralContainers: ephemeral } as Pod['spec'];
    if (!ephemeral) delete pod.spec?.ephemeralContainers;
  },
  validateUpdate: validatePodEphemeralContainersUpdate,
};

export const podResource: ResourceInfo<Pod> = {
  group: '', version: 'v1', kind: 'Pod', resource: 'pods', singular: 'pod',
  namespaced: true, shortNames: ['po'], categories: ['all'],
  // pods/resize is left out until in-place resize is served (upstream's rules for resources)
  subresources: ['status', 'binding', 'eviction', 'log', 'exec', 'attach', 'portforward', 'proxy', 'ephemeralcontainers'],
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
  strategy: {
    // preparePodForCreate/preparePodForUpdate keep metadata.generation
    generation: false,
    returnDeletedObject: true,
    gracePeriod: podGracePeriod,
    prepareForCreate: preparePodForCreate,
    prepareForUpdate: preparePodForUpdate,
    subresources: {
      // pods/status may not touch owner references (old kubelets corrupted them)
      status: statusSubresource(validatePodStatusUpdate, { keepMeta: ['ownerReferences'], prepare: preparePodStatusUpdate }),
      binding: { type: 'action', kind: 'Binding', validate: (b) => validateBinding(b as Binding), apply: bindPod },
      eviction: { type: 'eviction' },
      ephemeralcontainers: ephemeralContainersSubresource,
      log: PROXY, exec: PROXY, attach: PROXY, portforward: PROXY, proxy: PROXY,
    },
  },
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
  strategy: {
    prepareForCreate: prepareReplicationControllerForCreate,
    subresources: { status: statusSubresource(validateReplicationControllerStatusUpdate), scale: { type: 'scale' } },
  },
};

export const podResources: ResourceInfo[] = [podResource, podTemplateResource, replicationControllerResource];
