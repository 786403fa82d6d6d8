// scheduling/v1: the kinds this group/version serves.
import type { ResourceInfo } from '../../scheme.js';

export const resources: ResourceInfo[] = [];
