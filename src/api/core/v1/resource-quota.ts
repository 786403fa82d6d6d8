// core/v1 ResourceQuota: schema, validation, printer and registration.
import { definer, packageOf, obj, req, str, list, map, oneOf, quantity, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, ageColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { statusSubresource } from '../../strategy.js';
import { age } from '../../printing.js';
import { type FieldError, type Path, invalid, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { IMMUTABLE, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { validateResourceQuantityValue } from './resource-validation.js';
import {
  QUOTA_SCOPES, isScopeValidForResource, isStandardQuotaResourceName, isStandardQuotaScope, parseResourceList,
  validateQuotaResourceName,
} from './resource-names.js';
import { quantityString } from './persistent-volume.js';

const def = definer(packageOf('', 'v1'));

export const SCOPE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

export const ScopedResourceSelectorRequirement = def('ScopedResourceSelectorRequirement', obj({
  scopeName: req(oneOf(QUOTA_SCOPES, 'The scope the requirement applies to.')),
  operator: req(oneOf(SCOPE_SELECTOR_OPERATORS, 'In, NotIn, Exists or DoesNotExist.')),
  values: list(str(), { listType: 'atomic', description: 'Values for In and NotIn; empty for Exists and DoesNotExist.' }),
}, { description: 'ScopedResourceSelectorRequirement is one requirement on a quota scope.' }));

export const ScopeSelector = def('ScopeSelector', obj({
  matchExpressions: list(ScopedResourceSelectorRequirement, { listType: 'atomic', description: 'Requirements by scope.' }),
}, { description: 'ScopeSelector selects the objects a quota tracks by their scopes.', mapType: 'atomic' }));

export const ResourceQuotaSpec = def('ResourceQuotaSpec', obj({
  hard: map(quantity, 'The hard limit of each named resource.'),
  scopes: list(oneOf(QUOTA_SCOPES), { listType: 'atomic', description: 'Only objects in all these scopes are tracked.' }),
  scopeSelector: ScopeSelector,
}, { description: 'ResourceQuotaSpec is the quota to enforce.' }));
export type ResourceQuotaSpec = Static<typeof ResourceQuotaSpec>;

export const ResourceQuotaStatus = def('ResourceQuotaStatus', obj({
  hard: map(quantity, 'The enforced hard limits.'),
  used: map(quantity, 'The current use of each resource in the namespace.'),
}, { description: 'ResourceQuotaStatus is the enforced quota and the current use.' }));
export type ResourceQuotaStatus = Static<typeof ResourceQuotaStatus>;

export const ResourceQuota = kindSchema('', 'v1', 'ResourceQuota', { spec: ResourceQuotaSpec, status: ResourceQuotaStatus },
  'ResourceQuota limits the total resources and object counts of a namespace.');
export type ResourceQuota = Static<typeof ResourceQuota>;

/** Create starts with an empty status; updates of the main resource keep the status. */
export function prepareResourceQuotaForCreate(rq: ResourceQuota): void {
  rq.status = {};
}

export function prepareResourceQuotaForUpdate(rq: ResourceQuota, old: ResourceQuota): void {
  rq.status = structuredClone(old.status);
}

function validateResourceList(list: Record<string, string> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const name of Object.keys(list ?? {})) errs.push(...validateQuotaResourceName(name, path.key(name)));
  for (const [name, q] of parseResourceList(list, path, errs)) errs.push(...validateResourceQuantityValue(name, q, path.key(name)));
  return errs;
}

function validateSpec(spec: ResourceQuotaSpec, path: Path): FieldError[] {
  const errs = validateResourceList(spec.hard, path.child('hard'));
  const hard = Object.keys(spec.hard ?? {}).sort();
  const scopes = spec.scopes ?? [];
  if (scopes.length) {
    const sp = path.child('scopes');
    for (const s of scopes) {
      if (!isStandardQuotaScope(s)) errs.push(invalid(sp, scopes, 'unsupported scope'));
      for (const k of hard) if (isStandardQuotaResourceName(k) && !isScopeValidForResource(s, k)) errs.push(invalid(sp, scopes, 'unsupported scope applied to resource'));
    }
    const set = new Set<string>(scopes);
    if ((set.has('BestEffort') && set.has('NotBestEffort')) || (set.has('Terminating') && set.has('NotTerminating'))) {
      errs.push(invalid(sp, scopes, 'conflicting scopes'));
    }
  }
  if (spec.scopeSelector) {
    const mp = path.child('scopeSelector', 'matchExpressions');
    const names = new Set<string>();
    for (const r of spec.scopeSelector.matchExpressions ?? []) {
      if (!isStandardQuotaScope(r.scopeName)) errs.push(invalid(mp.child('scopeName'), r.scopeName, 'unsupported scope'));
      for (const k of hard) {
        if (isStandardQuotaResourceName(k) && !isScopeValidForResource(r.scopeName, k)) errs.push(invalid(mp, spec.scopeSelector, 'unsupported scope applied to resource'));
      }
      if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(r.scopeName) && r.operator !== 'Exists') {
        errs.push(invalid(mp.child('operator'), r.operator,
          'must be \'Exists\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity'));
      }
      const values = r.values ?? [];
      if (r.operator === 'In' || r.operator === 'NotIn') {
        if (!values.length) errs.push(required(mp.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
      } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
        if (values.length) errs.push(invalid(mp.child('values'), values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
      } else {
        errs.push(invalid(mp.child('operator'), r.operator, 'not a valid selector operator'));
      }
      names.add(r.scopeName);
    }
    if ((names.has('BestEffort') && names.has('NotBestEffort')) || (names.has('Terminating') && names.has('NotTerminating'))) {
      errs.push(invalid(mp, spec.scopeSelector, 'conflicting scopes'));
    }
  }
  return errs;
}

const META_OPTS = { namespaced: true, nameValidator: nameIsDNSSubdomain };

function validateStatus(rq: ResourceQuota): FieldError[] {
  return [
    ...validateResourceList(rq.status?.hard, root('status', 'hard')),
    ...validateResourceList(rq.status?.used, root('status', 'used')),
  ];
}

export function validateResourceQuota(rq: ResourceQuota): FieldError[] {
  return [...validateObjectMeta(rq.metadata, META_OPTS), ...validateSpec(rq.spec ?? {}, root('spec')), ...validateStatus(rq)];
}

/** ValidateResourceQuotaUpdate: the spec rules, and the scopes never change. */
export function validateResourceQuotaUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = [...validateObjectMetaUpdate(rq.metadata, old.metadata, META_OPTS), ...validateSpec(rq.spec ?? {}, root('spec'))];
  const a = new Set<string>(rq.spec?.scopes ?? []);
  const b = new Set<string>(old.spec?.scopes ?? []);
  if (a.size !== b.size || [...a].some((s) => !b.has(s))) errs.push(invalid(root('spec', 'scopes'), rq.spec?.scopes ?? null, IMMUTABLE));
  return errs;
}

/** ValidateResourceQuotaStatusUpdate. */
export function validateResourceQuotaStatusUpdate(rq: ResourceQuota, old: ResourceQuota): FieldError[] {
  const errs = validateObjectMetaUpdate(rq.metadata, old.metadata, META_OPTS);
  if (!rq.metadata?.resourceVersion) errs.push(required(root('resourceVersion'), ''));
  errs.push(...validateStatus(rq));
  return errs;
}

/** printResourceQuota: "name: used/hard" pairs, limits.* in LIMIT and the rest in REQUEST. */
export function quotaColumns(rq: ResourceQuota): { request: string; limit: string } {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const text = `${name}: ${quantityString(used[name])}/${quantityString(hard[name])}`;
    const pieces = name.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(text);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

export const resourceQuotaPrinter: Printer<ResourceQuota> = {
  columns: [
    nameColumn,
    ageColumn,
    col('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  row: (rq, now) => {
    const { request, limit } = quotaColumns(rq);
    return [rq.metadata?.name ?? '', age(rq.metadata?.creationTimestamp, now), request, limit];
  },
};

export const resourceQuotaResource: ResourceInfo<ResourceQuota> = {
  group: '', version: 'v1', kind: 'ResourceQuota', resource: 'resourcequotas', singular: 'resourcequota',
  namespaced: true, shortNames: ['quota'], categories: [], subresources: ['status'],
  schema: ResourceQuota,
  validate: validateResourceQuota,
  validateUpdate: validateResourceQuotaUpdate,
  printer: resourceQuotaPrinter,
  strategy: {
    prepareForCreate: prepareResourceQuotaForCreate,
    prepareForUpdate: prepareResourceQuotaForUpdate,
    subresources: { status: statusSubresource(validateResourceQuotaStatusUpdate) },
  },
};
