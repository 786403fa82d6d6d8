// events.k8s.io/v1: Event.
import type { ResourceInfo } from '../../scheme.js';
import { eventResource } from './event.js';

export const resources: ResourceInfo[] = [eventResource];
