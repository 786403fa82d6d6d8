// The scheme: every group/version's kinds in one registry, in the order upstream's
// discovery lists the groups (core first, then apps, events.k8s.io, … discovery.k8s.io).
// Within a group the versions come in preference order (autoscaling: v2, then v1).
import { Scheme, type ResourceInfo } from './scheme.js';
import type { TSchema } from './schema.js';
import type { FieldError } from '../machinery/field-errors.js';
import { resources as coreV1 } from './core/v1/index.js';
import { resources as appsV1 } from './apps/v1/index.js';
import { resources as eventsV1 } from './events/v1/index.js';
import { resources as authenticationV1, subresourceKinds as authenticationSubresources } from './authentication/v1/index.js';
import { resources as authorizationV1 } from './authorization/v1/index.js';
import { resources as autoscalingV2 } from './autoscaling/v2/index.js';
import { resources as autoscalingV1, Scale } from './autoscaling/v1/index.js';
import { resources as batchV1 } from './batch/v1/index.js';
import { resources as networkingV1 } from './networking/v1/index.js';
import { resources as policyV1, subresourceKinds as policySubresources } from './policy/v1/index.js';
import { resources as rbacV1 } from './rbac/v1/index.js';
import { resources as storageV1 } from './storage/v1/index.js';
import { resources as schedulingV1 } from './scheduling/v1/index.js';
import { resources as coordinationV1 } from './coordination/v1/index.js';
import { resources as discoveryV1 } from './discovery/v1/index.js';

export { Scheme, apiVersionOf, DEFAULT_VERBS } from './scheme.js';
export type { ResourceInfo, Printer, TableColumn, ScaleInfo } from './scheme.js';

/** Every group/version in discovery order; the first version of a group is its preferred one. */
export const groupVersions: { group: string; version: string; resources: ResourceInfo[] }[] = [
  { group: '', version: 'v1', resources: coreV1 },
  { group: 'apps', version: 'v1', resources: appsV1 },
  { group: 'events.k8s.io', version: 'v1', resources: eventsV1 },
  { group: 'authentication.k8s.io', version: 'v1', resources: authenticationV1 },
  { group: 'authorization.k8s.io', version: 'v1', resources: authorizationV1 },
  { group: 'autoscaling', version: 'v2', resources: autoscalingV2 },
  { group: 'autoscaling', version: 'v1', resources: autoscalingV1 },
  { group: 'batch', version: 'v1', resources: batchV1 },
  { group: 'networking.k8s.io', version: 'v1', resources: networkingV1 },
  { group: 'policy', version: 'v1', resources: policyV1 },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resources: rbacV1 },
  { group: 'storage.k8s.io', version: 'v1', resources: storageV1 },
  { group: 'scheduling.k8s.io', version: 'v1', resources: schedulingV1 },
  { group: 'coordination.k8s.io', version: 'v1', resources: coordinationV1 },
  { group: 'discovery.k8s.io', version: 'v1', resources: discoveryV1 },
];

/** A kind that is only the body of another resource's subresource (serviceaccounts/token → TokenRequest). */
export interface SubresourceKind {
  /** the resource the subresource belongs to */
  group: string;
  version: string;
  resource: string;
  subresource: string;
  /** the body's schema and its own group/version/kind */
  schema: TSchema;
  kind: { group: string; version: string; kind: string };
  defaults?(obj: any): void;
  validate?(obj: any): FieldError[];
}

export const subresourceKinds: SubresourceKind[] = [...authenticationSubresources, ...policySubresources];

/**
 * Kinds that are bodies of subresources of many resources rather than resources themselves
 * (autoscaling/v1 Scale for every scale subresource); OpenAPI describes them too.
 */
export const subresourceBodyKinds: TSchema[] = [Scale];

export const scheme: Scheme = new Scheme(groupVersions.flatMap((gv) => gv.resources));

/** The preferred version of an API group ("" for core): v1 for most, v2 for autoscaling. */
export function preferredVersion(group: string): string | undefined {
  return groupVersions.find((gv) => gv.group === group && gv.resources.length > 0)?.version
    ?? groupVersions.find((gv) => gv.group === group)?.version;
}

/** Every group/version the scheme serves as "group/version" ("v1" for core), in discovery order. */
export function servedGroupVersions(s: Scheme = scheme): string[] {
  const out: string[] = [];
  for (const [group, versions] of s.groups()) for (const v of versions) out.push(group ? `${group}/${v}` : v);
  return out;
}
