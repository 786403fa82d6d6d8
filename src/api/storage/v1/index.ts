// storage.k8s.io/v1: StorageClass.
import type { ResourceInfo } from '../../scheme.js';
import { storageClassResource } from './storageclass.js';

export const resources: ResourceInfo[] = [storageClassResource];
