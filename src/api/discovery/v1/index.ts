// discovery.k8s.io/v1: EndpointSlice.
import type { ResourceInfo } from '../../scheme.js';
import { endpointSliceResource } from './endpointslice.js';

export const resources: ResourceInfo[] = [endpointSliceResource];
