// scheduling.k8s.io/v1: PriorityClass.
import type { ResourceInfo } from '../../scheme.js';
import { priorityClassResource } from './priorityclass.js';

export const resources: ResourceInfo[] = [priorityClassResource];
