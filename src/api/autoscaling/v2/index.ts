// The kinds of autoscaling/v2: what the scheme registers for this group/version.
import type { ResourceInfo } from '../../scheme.js';

export const resources: ResourceInfo[] = [];
