// What a Deployment sync needs from the outside world: writes through the API, the cache's
// view of a ReplicaSet, events, and the clock. The controller gives the real ones; the unit
// tests of the arithmetic give an in-memory one.
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';

export interface DeploymentOps {
  now(): Date;
  createReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  /** a full update carrying the resourceVersion that was read */
  updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  /** deletes; NotFound is not an error */
  deleteReplicaSet(rs: ReplicaSet): Promise<void>;
  /** the ReplicaSet as the informer cache has it */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  /** PUT …/status (which also carries metadata.annotations, as upstream's status strategy keeps them) */
  updateStatus(d: Deployment): Promise<Deployment>;
  event(d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void;
}
