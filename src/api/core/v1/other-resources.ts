// core/v1 kinds other than Pod, PodTemplate and ReplicationController:
// the ResourceInfo entries that index.ts spreads into core/v1's list.
import type { ResourceInfo } from '../../scheme.js';

export const otherResources: ResourceInfo[] = [];
