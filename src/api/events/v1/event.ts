// events.k8s.io/v1 Event: a report of something that happened to an object.
import { definer, obj, req, str, int32, microTime, time, packageOf, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { invalid, required, root, type FieldError } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { ObjectReference } from '../../core/v1/object-reference.js';
import { EventSource, eventPrinter as coreEventPrinter, type Event as CoreEvent } from '../../core/v1/event.js';
import { eventToCore } from './conversion.js';

const def = definer(packageOf('events.k8s.io', 'v1'));

export const EventSeries = def('EventSeries', obj({
  count: req(int32('How many times the event has happened in this series so far.')),
  lastObservedTime: req(microTime),
}, { description: 'EventSeries describes a series of repeated events.' }));

export const Event = kindSchema('events.k8s.io', 'v1', 'Event', {
  eventTime: req(microTime),
  series: EventSeries,
  reportingController: str('The controller that emitted the event, e.g. kubernetes.io/kubelet.'),
  reportingInstance: str('The instance of the controller that emitted the event, e.g. kubelet-node1.'),
  action: str('What action was taken or failed on the regarding object.'),
  reason: str('Why the action was taken, in UpperCamelCase.'),
  regarding: ObjectReference,
  related: ObjectReference,
  note: str('A human-readable description of the event, at most 1 kB.'),
  type: str('Normal or Warning.'),
  deprecatedSource: EventSource,
  deprecatedFirstTimestamp: time,
  deprecatedLastTimestamp: time,
  deprecatedCount: int32('Deprecated; use series.'),
}, 'Event is a report of an event somewhere in the cluster.');
export type Event = Static<typeof Event>;

const opts = { namespaced: true, nameValidator: nameIsDNSSubdomain };
const LIMIT_128 = 128;
const NOTE_LIMIT = 1024;

/** ValidateEventCreate for events.k8s.io/v1 (the strict rules of the new API). */
export function validateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  if (ev.eventTime) {
    if (!ev.regarding?.namespace && ns !== 'default' && ns !== 'kube-system') {
      errs.push(invalid(root('involvedObject', 'namespace'), ev.regarding?.namespace ?? '', 'does not match event.namespace'));
    }
    const rc = ev.reportingController ?? '';
    if (!rc) errs.push(required(root('reportingController'), ''));
    for (const m of isQualifiedName(rc)) errs.push(invalid(root('reportingController'), rc, m));
    const ri = ev.reportingInstance ?? '';
    if (!ri) errs.push(required(root('reportingInstance'), ''));
    if (ri.length > LIMIT_128) errs.push(invalid(root('reportingInstance'), '', `can have at most ${LIMIT_128} characters`));
    const action = ev.action ?? '';
    if (!action) errs.push(required(root('action'), ''));
    if (action.length > LIMIT_128) errs.push(invalid(root('action'), '', `can have at most ${LIMIT_128} characters`));
    const reason = ev.reason ?? '';
    if (!reason) errs.push(required(root('reason'), ''));
    if (reason.length > LIMIT_128) errs.push(invalid(root('reason'), '', `can have at most ${LIMIT_128} characters`));
    if ((ev.note ?? '').length > NOTE_LIMIT) errs.push(invalid(root('note'), '', `can have at most ${NOTE_LIMIT} characters`));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(invalid(root('namespace'), ns, m));
  errs.push(...validateObjectMeta(ev.metadata, opts));
  if (ev.series) {
    if ((ev.series.count ?? 0) < 2) errs.push(invalid(root('series.count'), '', 'should be at least 2'));
    if (!ev.series.lastObservedTime) errs.push(required(root('series.lastObservedTime'), ''));
  }
  if (!ev.eventTime) errs.push(required(root('eventTime'), ''));
  if (ev.type !== 'Normal' && ev.type !== 'Warning') errs.push(invalid(root('type'), '', `has invalid value: ${ev.type ?? ''}`));
  if (ev.deprecatedFirstTimestamp) errs.push(invalid(root('deprecatedFirstTimestamp'), '', 'needs to be unset'));
  if (ev.deprecatedLastTimestamp) errs.push(invalid(root('deprecatedLastTimestamp'), '', 'needs to be unset'));
  if (ev.deprecatedCount) errs.push(invalid(root('deprecatedCount'), '', 'needs to be unset'));
  if (ev.deprecatedSource?.component || ev.deprecatedSource?.host) errs.push(invalid(root('deprecatedSource'), '', 'needs to be unset'));
  return errs;
}

function immutable(a: unknown, b: unknown, field: string, errs: FieldError[]): void {
  if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) errs.push(invalid(root(field), a ?? '', 'field is immutable'));
}

/** ValidateEventUpdate for events.k8s.io/v1: only the series, note and the like may change. */
export function validateEventUpdate(ev: Event, old: Event): FieldError[] {
  const errs = [...validateObjectMetaUpdate(ev.metadata, old.metadata, opts)];
  if (ev.series) {
    if ((ev.series.count ?? 0) < 2) errs.push(invalid(root('series.count'), '', 'should be at least 2'));
    if (!ev.series.lastObservedTime) errs.push(required(root('series.lastObservedTime'), ''));
  }
  immutable(ev.regarding, old.regarding, 'involvedObject', errs);
  immutable(ev.reason, old.reason, 'reason', errs);
  immutable(ev.reportingController, old.reportingController, 'reportingController', errs);
  immutable(ev.reportingInstance, old.reportingInstance, 'reportingInstance', errs);
  immutable(ev.action, old.action, 'action', errs);
  immutable(ev.type, old.type, 'type', errs);
  immutable(ev.eventTime, old.eventTime, 'eventTime', errs);
  immutable(ev.related, old.related, 'related', errs);
  return errs;
}

/** The same columns as core/v1 events: upstream prints both through one printer. */
export const eventPrinter: Printer<Event> = {
  columns: [
    col('Last Seen', 'When the event was last seen.'),
    col('Type', 'Normal or Warning.'),
    col('Reason', 'Why the action was taken.'),
    col('Object', 'The object the event is about.'),
    col('Subobject', 'The part of the object the event is about.', 'string', 1),
    col('Source', 'Who reported the event.', 'string', 1),
    col('Message', 'A description of the event.'),
    col('First Seen', 'When the event was first seen.', 'string', 1),
    col('Count', 'How many times the event happened.', 'string', 1),
    { name: 'Name', type: 'string', format: 'name', priority: 1, description: 'The name of the event object.' },
  ],
  // upstream prints both Event APIs through one printer: the core/v1 one, over the core shape
  row: (ev, now) => coreEventPrinter.row(eventToCore(ev) as CoreEvent, now),
};

export const eventResource: ResourceInfo<Event> = {
  group: 'events.k8s.io', version: 'v1', kind: 'Event', resource: 'events', singular: 'event',
  namespaced: true, shortNames: ['ev'], categories: [], subresources: [],
  schema: Event, validate: validateEvent, validateUpdate: validateEventUpdate, printer: eventPrinter,
  strategy: { allowCreateOnUpdate: true },
  selectableFields: (ev) => ({
    'involvedObject.kind': ev.regarding?.kind ?? '',
    'involvedObject.namespace': ev.regarding?.namespace ?? '',
    'involvedObject.name': ev.regarding?.name ?? '',
    'involvedObject.uid': ev.regarding?.uid ?? '',
    'involvedObject.apiVersion': ev.regarding?.apiVersion ?? '',
    'involvedObject.resourceVersion': ev.regarding?.resourceVersion ?? '',
    'involvedObject.fieldPath': ev.regarding?.fieldPath ?? '',
    reason: ev.reason ?? '',
    reportingComponent: ev.reportingController ?? '',
    source: ev.deprecatedSource?.component || ev.reportingController || '',
    type: ev.type ?? '',
  }),
};
