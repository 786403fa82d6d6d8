// The kinds of apps/v1: what the scheme registers for this group/version.
import type { ResourceInfo } from '../../scheme.js';

export const resources: ResourceInfo[] = [];
