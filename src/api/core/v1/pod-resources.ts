// The ResourceInfo entries of pods, podtemplates and replicationcontrollers.
import type { ResourceInfo } from '../../scheme.js';

export const podResources: ResourceInfo[] = [];
