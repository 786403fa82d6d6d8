// core/v1 kinds other than Pod, PodTemplate and ReplicationController:
// the ResourceInfo entries that index.ts spreads into core/v1's list.
import type { ResourceInfo } from '../../scheme.js';
import { type ProxySubresource, statusSubresource } from '../../strategy.js';
import { namespaceResource } from './namespace.js';
import { configMapResource } from './configmap.js';
import { secretResource } from './secret.js';
import { serviceAccountResource } from './service-account.js';
import { Service } from './service.js';
import { defaultService, prepareServiceForCreate, prepareServiceForUpdate } from './service-defaults.js';
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from './service-validation.js';
import { servicePrinter } from './service-printer.js';
import { endpointsResource } from './endpoints.js';
import { Node, defaultNode, prepareNodeForUpdate, prepareNodeStatusForUpdate } from './node.js';
import { validateNode, validateNodeUpdate } from './node-validation.js';
import { nodePrinter } from './node-printer.js';
import { eventResource } from './event.js';
import { bindingResource } from './binding.js';
import { componentStatusResource } from './component-status.js';
import { persistentVolumeResource } from './persistent-volume.js';
import { persistentVolumeClaimResource } from './persistent-volume-claim.js';
import { limitRangeResource } from './limit-range.js';
import { resourceQuotaResource } from './resource-quota.js';

const PROXY: ProxySubresource = { type: 'proxy' };

export const serviceResource: ResourceInfo<Service> = {
  group: '', version: 'v1', kind: 'Service', resource: 'services', singular: 'service',
  namespaced: true, shortNames: ['svc'], categories: ['all'], subresources: ['status', 'proxy'],
  schema: Service,
  defaults: (svc) => defaultService(svc),
  validate: validateService,
  validateUpdate: validateServiceUpdate,
  selectableFields: (svc) => ({ 'spec.clusterIP': svc.spec?.clusterIP ?? '', 'spec.type': svc.spec?.type ?? '' }),
  printer: servicePrinter,
  strategy: {
    storagePrefix: 'services/specs',
    initialStatus: () => ({ loadBalancer: {} }),
    prepareForCreate: prepareServiceForCreate,
    prepareForUpdate: prepareServiceForUpdate,
    subresources: { status: statusSubresource(validateServiceStatusUpdate), proxy: PROXY },
  },
};

export const nodeResource: ResourceInfo<Node> = {
  group: '', version: 'v1', kind: 'Node', resource: 'nodes', singular: 'node',
  namespaced: false, shortNames: ['no'], categories: [], subresources: ['status', 'proxy'],
  schema: Node,
  defaults: defaultNode,
  validate: validateNode,
  validateUpdate: validateNodeUpdate,
  selectableFields: (node) => ({ 'spec.unschedulable': String(node.spec?.unschedulable ?? false) }),
  printer: nodePrinter,
  strategy: {
    storagePrefix: 'minions',
    // a kubelet registers its Node with status
    statusOnCreate: true,
    generation: false,
    prepareForUpdate: prepareNodeForUpdate,
    subresources: {
      // upstream's node status strategy validates with the whole ValidateNodeUpdate
      status: statusSubresource(validateNodeUpdate, { prepare: prepareNodeStatusForUpdate }),
      proxy: PROXY,
    },
  },
};

export const otherResources: ResourceInfo[] = [
  namespaceResource,
  configMapResource,
  secretResource,
  serviceAccountResource,
  serviceResource,
  endpointsResource,
  nodeResource,
  eventResource,
  bindingResource,
  componentStatusResource,
  persistentVolumeResource,
  persistentVolumeClaimResource,
  limitRangeResource,
  resourceQuotaResource,
];
