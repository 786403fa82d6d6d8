import type { ResourceInfo } from '../../scheme.js';
import { podResources } from './pod-resources.js';          // pods, podtemplates, replicationcontrollers
import { otherResources } from './other-resources.js';      // the other core/v1 kinds
export const resources: ResourceInfo[] = [...podResources, ...otherResources];
