// coordination.k8s.io/v1 Lease: a lock with a holder and a renew time, used for
// node heartbeats (kube-node-lease) and leader election.
import {
  definer, obj, str, int32, microTime, packageOf, type Static,
} from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { invalid, required, root, type FieldError } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain, NON_NEGATIVE } from '../../../machinery/validation.js';
import { age } from '../../printing.js';

const def = definer(packageOf('coordination.k8s.io', 'v1'));

export const LeaseSpec = def('LeaseSpec', obj({
  holderIdentity: str('The identity of the current holder of the lease.'),
  leaseDurationSeconds: int32('How long, in seconds, candidates wait before they may force-acquire the lease, measured from the last renewTime.'),
  acquireTime: microTime,
  renewTime: microTime,
  leaseTransitions: int32('How many times the lease changed holders.'),
  strategy: str('The strategy used to pick a holder in coordinated leader election, e.g. OldestEmulationVersion.'),
  preferredHolder: str('The holder that coordinated leader election wants to take the lease next; set only with strategy.'),
}, { description: 'LeaseSpec is the desired state of a Lease.' }));

export const Lease = kindSchema('coordination.k8s.io', 'v1', 'Lease', { spec: LeaseSpec },
  'Lease is a lightweight lock: the holder renews it periodically, and others may take it over when it expires.');
export type Lease = Static<typeof Lease>;

const STRATEGIES = ['OldestEmulationVersion'];
const opts = { namespaced: true, nameValidator: nameIsDNSSubdomain };

function validateSpec(lease: Lease): FieldError[] {
  const errs: FieldError[] = [];
  const spec = lease.spec ?? {};
  const p = root('spec');
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid(p.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(invalid(p.child('leaseTransitions'), spec.leaseTransitions, NON_NEGATIVE));
  }
  if (spec.strategy !== undefined && !STRATEGIES.includes(spec.strategy)) {
    errs.push(invalid(p.child('strategy'), spec.strategy, `must be ${STRATEGIES.join(', ')}`));
  }
  if (spec.preferredHolder && !spec.strategy) {
    errs.push(required(p.child('strategy'), 'must be specified when preferredHolder is set'));
  }
  return errs;
}

export function validateLease(lease: Lease): FieldError[] {
  return [...validateObjectMeta(lease.metadata, opts), ...validateSpec(lease)];
}

export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata, opts), ...validateSpec(lease)];
}

export const leasePrinter: Printer<Lease> = {
  columns: [nameColumn, col('Holder', 'The identity of the holder of the lease.'), ageColumn],
  row: (l, now) => [l.metadata?.name ?? '', l.spec?.holderIdentity ?? '', age(l.metadata?.creationTimestamp, now)],
};

export const leaseResource: ResourceInfo<Lease> = {
  group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', resource: 'leases', singular: 'lease',
  namespaced: true, shortNames: [], categories: [], subresources: [],
  schema: Lease, validate: validateLease, validateUpdate: validateLeaseUpdate, printer: leasePrinter,
  strategy: { allowCreateOnUpdate: true },
};
