// core/v1 Event: schema, defaults, validation (the legacy rules core/v1 applies),
// printer and registration.
import { definer, packageOf, obj, req, str, int32, microTime, time, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { age } from '../../printing.js';
import { type FieldError, invalid, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsPathSegment } from '../../../machinery/validation.js';
import { ObjectReference } from './object-reference.js';

const def = definer(packageOf('', 'v1'));

export const EVENT_TYPE_NORMAL = 'Normal';
export const EVENT_TYPE_WARNING = 'Warning';
const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

export const EventSource = def('EventSource', obj({
  component: str('The component that reported the event.'),
  host: str('The node that reported the event.'),
}, { description: 'EventSource names who reported an event.' }));
export type EventSource = Static<typeof EventSource>;

export const EventSeries = def('EventSeries', obj({
  count: int32('How many times the event happened in this series.'),
  lastObservedTime: microTime,
}, { description: 'EventSeries describes a series of repeated events.' }));
export type EventSeries = Static<typeof EventSeries>;

export const Event = kindSchema('', 'v1', 'Event', {
  involvedObject: req(ObjectReference),
  reason: str('A short, machine-readable reason for the event, e.g. Scheduled or BackOff.'),
  message: str('A human-readable description of what happened.'),
  source: EventSource,
  firstTimestamp: time,
  lastTimestamp: time,
  count: int32('How many times the event happened.'),
  type: str('Normal or Warning.'),
  eventTime: microTime,
  series: EventSeries,
  action: str('What was done, or failed, with the regarding object.'),
  related: ObjectReference,
  reportingComponent: str('The controller that emitted the event, e.g. kubernetes.io/kubelet.'),
  reportingInstance: str('The instance of that controller, e.g. the kubelet\'s node name.'),
}, 'Event is a report of something that happened to an object in the cluster.');
export type Event = Static<typeof Event>;

/**
 * The wire shape Go gives a decoded Event: reportingComponent and reportingInstance are
 * always present (empty strings) and source is always an object, as a cluster returns them.
 */
export function defaultEvent(ev: Event): void {
  if (ev.reportingComponent === undefined) ev.reportingComponent = '';
  if (ev.reportingInstance === undefined) ev.reportingInstance = '';
  if (ev.source === undefined) ev.source = {};
}

/** legacyValidateEvent: the rules core/v1 and events.k8s.io/v1beta1 writes must pass. */
function legacyValidateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  const nsPath = root('involvedObject', 'namespace');
  if (!ev.eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) {
      errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    const controller = ev.reportingComponent ?? '';
    if (!controller) errs.push(required(root('reportingController'), ''));
    for (const m of isQualifiedName(controller)) errs.push(invalid(root('reportingController'), controller, m));
    const instance = ev.reportingInstance ?? '';
    if (!instance) errs.push(required(root('reportingInstance'), ''));
    if (instance.length > REPORTING_INSTANCE_LIMIT) errs.push(invalid(root('reportingInstance'), '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    const action = ev.action ?? '';
    if (!action) errs.push(required(root('action'), ''));
    if (action.length > ACTION_LIMIT) errs.push(invalid(root('action'), '', `can have at most ${ACTION_LIMIT} characters`));
    const reason = ev.reason ?? '';
    if (!reason) errs.push(required(root('reason'), ''));
    if (reason.length > REASON_LIMIT) errs.push(invalid(root('reason'), '', `can have at most ${REASON_LIMIT} characters`));
    if ((ev.message ?? '').length > NOTE_LIMIT) errs.push(invalid(root('message'), '', `can have at most ${NOTE_LIMIT} characters`));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(invalid(root('namespace'), ns, m));
  return errs;
}

// the generic registry checks every object's metadata with path-segment names
const META_OPTS = { namespaced: true, nameValidator: nameIsPathSegment };

/** ValidateEventCreate for core/v1: the legacy rules, then the common metadata rules. */
export function validateEvent(ev: Event): FieldError[] {
  return [...legacyValidateEvent(ev), ...validateObjectMeta(ev.metadata, META_OPTS)];
}

/** ValidateEventUpdate for core/v1: the legacy rules on the new object plus metadata. */
export function validateEventUpdate(ev: Event, old: Event): FieldError[] {
  return [...legacyValidateEvent(ev), ...validateObjectMetaUpdate(ev.metadata, old.metadata, META_OPTS)];
}

/** formatEventSource: component (or reportingComponent), then ", host" (or reportingInstance). */
export function formatEventSource(ev: Event): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: Printer<Event> = {
  columns: [
    col('Last Seen', 'When the event was last observed.'),
    col('Type', 'Normal or Warning.'),
    col('Reason', 'Why the event happened, in short.'),
    col('Object', 'The object the event is about.'),
    col('Subobject', 'The part of the object the event is about.', 'string', 1),
    col('Source', 'Who reported the event.', 'string', 1),
    col('Message', 'What happened.'),
    col('First Seen', 'When the event was first observed.', 'string', 1),
    col('Count', 'How many times the event happened.', 'string', 1),
    { ...nameColumn, priority: 1 },
  ],
  row: (ev, now) => {
    const first = ev.firstTimestamp ? age(ev.firstTimestamp, now) : age(ev.eventTime, now);
    let last = ev.lastTimestamp ? age(ev.lastTimestamp, now) : first;
    let count = ev.count ?? 0;
    if (ev.series) {
      last = age(ev.series.lastObservedTime, now);
      count = ev.series.count ?? 0;
    } else if (count === 0) {
      count = 1;
    }
    const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
    const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
    return [
      last, ev.type ?? '', ev.reason ?? '', target, ev.involvedObject?.fieldPath ?? '', formatEventSource(ev),
      (ev.message ?? '').trim(), first, count, ev.metadata?.name ?? '',
    ];
  },
};

/** ToSelectableFields of events. */
export function eventSelectableFields(ev: Event): Record<string, string> {
  const o = ev.involvedObject ?? {};
  return {
    'involvedObject.kind': o.kind ?? '',
    'involvedObject.namespace': o.namespace ?? '',
    'involvedObject.name': o.name ?? '',
    'involvedObject.uid': o.uid ?? '',
    'involvedObject.apiVersion': o.apiVersion ?? '',
    'involvedObject.resourceVersion': o.resourceVersion ?? '',
    'involvedObject.fieldPath': o.fieldPath ?? '',
    reason: ev.reason ?? '',
    reportingComponent: ev.reportingComponent ?? '',
    source: ev.source?.component || ev.reportingComponent || '',
    type: ev.type ?? '',
  };
}

export const eventResource: ResourceInfo<Event> = {
  group: '', version: 'v1', kind: 'Event', resource: 'events', singular: 'event',
  namespaced: true, shortNames: ['ev'], categories: [], subresources: [],
  schema: Event,
  defaults: defaultEvent,
  validate: validateEvent,
  validateUpdate: validateEventUpdate,
  selectableFields: eventSelectableFields,
  printer: eventPrinter,
  strategy: { allowCreateOnUpdate: true },
};
