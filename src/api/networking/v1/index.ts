// networking.k8s.io/v1: Ingress, IngressClass, NetworkPolicy.
import type { ResourceInfo } from '../../scheme.js';
import { ingressResource } from './ingress.js';
import { ingressClassResource } from './ingressclass.js';
import { networkPolicyResource } from './networkpolicy.js';

export const resources: ResourceInfo[] = [networkPolicyResource, ingressClassResource, ingressResource];
