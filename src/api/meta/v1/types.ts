// meta/v1 (k8s.io/apimachinery/pkg/apis/meta/v1): the metadata every object carries,
// list metadata, label selectors, Status and the helpers that declare top-level kinds.
import {
  definer, obj, req, str, int64, bool, list, map, time, rawExtension, oneOf, anyObject, packageOf,
  type Static, type TSchema, type TObject,
} from '../../schema.js';

const def = definer('io.k8s.apimachinery.pkg.apis.meta.v1');

export const OwnerReference = def('OwnerReference', obj({
  apiVersion: req(str('API version of the referent.')),
  kind: req(str('Kind of the referent.')),
  name: req(str('Name of the referent.')),
  uid: req(str('UID of the referent.')),
  controller: bool('If true, this reference points to the managing controller.'),
  blockOwnerDeletion: bool('If true, the owner cannot be deleted from storage until this reference is removed (foreground deletion).'),
}, { description: 'OwnerReference identifies an owning object in the same namespace.', mapType: 'atomic' }));
export type OwnerReference = Static<typeof OwnerReference>;

export const FieldsV1 = def('FieldsV1', anyObject('FieldsV1 is the set of fields a manager owns, in the fieldsV1 trie format.'));

export const ManagedFieldsEntry = def('ManagedFieldsEntry', obj({
  manager: str('The workflow that manages these fields.'),
  operation: str('The operation that created this entry: Apply or Update.'),
  apiVersion: str('The version of the object these fields describe.'),
  time: time,
  fieldsType: str('The format of fieldsV1; only "FieldsV1".'),
  fieldsV1: FieldsV1,
  subresource: str('The subresource the write went to, if any.'),
}, { description: 'ManagedFieldsEntry records which fields a manager owns.' }));
export type ManagedFieldsEntry = Static<typeof ManagedFieldsEntry>;

export const ObjectMeta = def('ObjectMeta', obj({
  name: str('Name is unique within a namespace. Cannot be updated.'),
  generateName: str('A prefix the server uses to generate a unique name when name is not given.'),
  namespace: str('The namespace the object lives in; empty for cluster-scoped objects.'),
  selfLink: str('Deprecated; not set by the server.'),
  uid: str('The unique identity of this object over its whole lifetime; set by the server.'),
  resourceVersion: str('An opaque version that changes with every write; used for optimistic concurrency and watches.'),
  generation: int64('A sequence number of the desired state (spec); set by the server.'),
  creationTimestamp: time,
  deletionTimestamp: time,
  deletionGracePeriodSeconds: int64('Seconds the object is given to terminate gracefully; set with deletionTimestamp.'),
  labels: map(str(), 'Map of string keys and values used to organize and select objects.'),
  annotations: map(str(), 'Map of string keys and values for arbitrary, non-identifying metadata.'),
  ownerReferences: list(OwnerReference, { mergeKey: 'uid', strategy: 'merge', listType: 'map', mapKeys: ['uid'], description: 'Objects this object depends on.' }),
  finalizers: list(str(), { strategy: 'merge', listType: 'set', description: 'Must be empty before the object is deleted from storage.' }),
  managedFields: list(ManagedFieldsEntry, { listType: 'atomic', description: 'Which manager owns which fields.' }),
}, { description: 'ObjectMeta is the metadata every persisted object has.' }));
export type ObjectMeta = Static<typeof ObjectMeta>;

export const ListMeta = def('ListMeta', obj({
  selfLink: str(),
  resourceVersion: str('The revision the list was read at.'),
  continue: str('Set when more items remain; pass it back to read the next page.'),
  remainingItemCount: int64('How many items remain after this page, when known.'),
}, { description: 'ListMeta is the metadata of a list.' }));
export type ListMeta = Static<typeof ListMeta>;

export const LabelSelectorRequirement = def('LabelSelectorRequirement', obj({
  key: req(str('The label key the selector applies to.')),
  operator: req(oneOf(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const, 'The relation of the key to the values.')),
  values: list(str(), { listType: 'atomic', description: 'Values for In and NotIn; empty for Exists and DoesNotExist.' }),
}, { description: 'A requirement on one label key.' }));
export type LabelSelectorRequirement = Static<typeof LabelSelectorRequirement>;

export const LabelSelector = def('LabelSelector', obj({
  matchLabels: map(str(), 'Each key/value pair must match.'),
  matchExpressions: list(LabelSelectorRequirement, { listType: 'atomic', description: 'Each requirement must match.' }),
}, { description: 'A label query over a set of objects; empty matches everything.', mapType: 'atomic' }));
export type LabelSelector = Static<typeof LabelSelector>;

export const Condition = def('Condition', obj({
  type: req(str()),
  status: req(oneOf(['True', 'False', 'Unknown'] as const)),
  observedGeneration: int64(),
  lastTransitionTime: req(time),
  reason: req(str()),
  message: req(str()),
}, { description: 'Condition is one aspect of the current state of an object.' }));
export type Condition = Static<typeof Condition>;

export const StatusCause = def('StatusCause', obj({
  reason: str('A machine-readable reason, e.g. FieldValueRequired.'),
  message: str('A description for a person.'),
  field: str('The field the cause applies to, e.g. spec.containers[0].name.'),
}));
export type StatusCause = Static<typeof StatusCause>;

export const StatusDetails = def('StatusDetails', obj({
  name: str(), group: str(), kind: str(), uid: str(),
  causes: list(StatusCause, { listType: 'atomic' }),
  retryAfterSeconds: int64(),
}));
export type StatusDetails = Static<typeof StatusDetails>;

export const Status = def('Status', obj({
  kind: str(), apiVersion: str(),
  metadata: ListMeta,
  status: str('Success or Failure.'),
  message: str(),
  reason: str(),
  details: StatusDetails,
  code: int64('The HTTP status code.'),
}, { description: 'Status is the result of an operation that returns no object, or an error.' }));
export type Status = Static<typeof Status>;

export const Preconditions = def('Preconditions', obj({ uid: str(), resourceVersion: str() }));

export const DeleteOptions = def('DeleteOptions', obj({
  kind: str(), apiVersion: str(),
  gracePeriodSeconds: int64(),
  preconditions: Preconditions,
  orphanDependents: bool(),
  propagationPolicy: oneOf(['Orphan', 'Background', 'Foreground'] as const),
  dryRun: list(str(), { listType: 'atomic' }),
}));
export type DeleteOptions = Static<typeof DeleteOptions>;

export const WatchEvent = def('WatchEvent', obj({
  type: req(str()),
  object: req(rawExtension),
}));

/** An object with apiVersion, kind and metadata — what every stored object is. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

export interface KubeList<T = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/**
 * Declares a top-level kind: apiVersion, kind and metadata plus the given fields,
 * named <package>.<Kind> with its x-kubernetes-group-version-kind.
 */
export function kindSchema<P extends Record<string, TSchema>>(
  group: string, version: string, kind: string, props: P, description: string,
) {
  const schema = obj({
    kind: str('The REST resource this object represents, in CamelCase.'),
    apiVersion: str('The versioned schema of this object, e.g. v1 or apps/v1.'),
    metadata: ObjectMeta,
    ...props,
  }, { description, 'x-kubernetes-group-version-kind': [{ group, kind, version }] });
  return definer(packageOf(group, version))(kind, schema);
}

export type KindSchema = TObject;

