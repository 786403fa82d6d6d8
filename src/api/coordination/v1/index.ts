// coordination.k8s.io/v1: Lease.
import type { ResourceInfo } from '../../scheme.js';
import { leaseResource } from './lease.js';

export const resources: ResourceInfo[] = [leaseResource];
