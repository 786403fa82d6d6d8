// core/v1 kinds other than Pod, PodTemplate and ReplicationController:
// the ResourceInfo entries that index.ts spreads into core/v1's list.
import type { ResourceInfo } from '../../scheme.js';
import { namespaceResource } from './namespace.js';
import { configMapResource } from './configmap.js';
import { secretResource } from './secret.js';
import { serviceAccountResource } from './service-account.js';

export const otherResources: ResourceInfo[] = [
  namespaceResource,
  configMapResource,
  secretResource,
  serviceAccountResource,
];
