// core/v1 LimitRange: schema, defaults, validation, printer and registration.
import { definer, packageOf, obj, req, str, list, map, quantity, type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import { nameColumn, col } from '../../meta/v1/columns.js';
import type { Printer, ResourceInfo } from '../../scheme.js';
import { type FieldError, duplicate, forbidden, invalid, required, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { type Quantity, newQuantity } from '../../../machinery/quantity.js';
import { isQualifiedName, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { isOvercommitAllowed } from './resource-validation.js';
import { parseResourceList, validateLimitRangeResourceName } from './resource-names.js';

const def = definer(packageOf('', 'v1'));

export const LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'] as const;

export const LimitRangeItem = def('LimitRangeItem', obj({
  type: req(str('What the limits apply to: Container, Pod, PersistentVolumeClaim or a fully qualified resource name.')),
  max: map(quantity, 'The most of each resource allowed.'),
  min: map(quantity, 'The least of each resource allowed.'),
  default: map(quantity, 'Limits given to containers that set none.'),
  defaultRequest: map(quantity, 'Requests given to containers that set none.'),
  maxLimitRequestRatio: map(quantity, 'The largest allowed ratio of limit to request.'),
}, { description: 'LimitRangeItem is the limits of one kind of object.' }));
export type LimitRangeItem = Static<typeof LimitRangeItem>;

export const LimitRangeSpec = def('LimitRangeSpec', obj({
  limits: req(list(LimitRangeItem, { listType: 'atomic', description: 'The limits.' })),
}, { description: 'LimitRangeSpec holds the limits of a namespace.' }));
export type LimitRangeSpec = Static<typeof LimitRangeSpec>;

export const LimitRange = kindSchema('', 'v1', 'LimitRange', { spec: LimitRangeSpec },
  'LimitRange sets default requests and limits and bounds on resources for objects in a namespace.');
export type LimitRange = Static<typeof LimitRange>;

/**
 * SetDefaults_LimitRangeItem for Container limits: default falls back to max, then
 * defaultRequest to default, then to min.
 */
export function defaultLimitRange(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    const dflt = { ...(item.default ?? {}) };
    const dreq = { ...(item.defaultRequest ?? {}) };
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in dflt)) dflt[k] = v;
    for (const [k, v] of Object.entries(dflt)) if (!(k in dreq)) dreq[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in dreq)) dreq[k] = v;
    if (Object.keys(dflt).length) item.default = dflt;
    if (Object.keys(dreq).length) item.defaultRequest = dreq;
  }
}

const META_OPTS = { namespaced: true, nameValidator: nameIsDNSSubdomain };

/** Go's %f: six decimals. */
const goFloat = (n: number) => (Number.isFinite(n) ? n.toFixed(6) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

function validateLimits(lr: LimitRange): FieldError[] {
  const errs: FieldError[] = [];
  const seenTypes = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = root('spec', 'limits').index(i);
    const type = item.type ?? '';
    const typeErrs = isQualifiedName(type).map((m) => invalid(p.child('type'), type, m));
    if (!typeErrs.length && !type.includes('/') && !(LIMIT_TYPES as readonly string[]).includes(type)) {
      typeErrs.push(invalid(p.child('type'), type, 'must be a standard limit type or fully qualified'));
    }
    errs.push(...typeErrs);
    if (seenTypes.has(type)) errs.push(duplicate(p.child('type'), type));
    seenTypes.add(type);

    const names = (field: 'max' | 'min' | 'default' | 'defaultRequest' | 'maxLimitRequestRatio') => {
      for (const k of Object.keys(item[field] ?? {})) errs.push(...validateLimitRangeResourceName(type, k, p.child(field).key(k)));
      return parseResourceList(item[field], p.child(field), errs);
    };
    const max = names('max');
    const min = names('min');
    let dflt = new Map<string, Quantity>();
    let dreq = new Map<string, Quantity>();
    if (type === 'Pod') {
      if (Object.keys(item.default ?? {}).length) errs.push(forbidden(p.child('default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(item.defaultRequest ?? {}).length) errs.push(forbidden(p.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      dflt = names('default');
      dreq = names('defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !('storage' in (item.min ?? {})) && !('storage' in (item.max ?? {}))) {
      errs.push(required(p.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    const ratios = names('maxLimitRequestRatio');
    const keys = new Set([...max.keys(), ...min.keys(), ...dflt.keys(), ...dreq.keys(), ...ratios.keys()]);
    for (const k of keys) {
      const mn = min.get(k);
      const mx = max.get(k);
      const d = dflt.get(k);
      const dr = dreq.get(k);
      const ratio = ratios.get(k);
      if (mn && mx && mn.cmp(mx) > 0) errs.push(invalid(p.child('min').key(k), mn.toString(), `min value ${mn} is greater than max value ${mx}`));
      if (dr && mn && mn.cmp(dr) > 0) errs.push(invalid(p.child('defaultRequest').key(k), dr.toString(), `min value ${mn} is greater than default request value ${dr}`));
      if (dr && mx && dr.cmp(mx) > 0) errs.push(invalid(p.child('defaultRequest').key(k), dr.toString(), `default request value ${dr} is greater than max value ${mx}`));
      if (dr && d && dr.cmp(d) > 0) errs.push(invalid(p.child('defaultRequest').key(k), dr.toString(), `default request value ${dr} is greater than default limit value ${d}`));
      if (d && mn && mn.cmp(d) > 0) errs.push(invalid(p.child('default').key(k), mn.toString(), `min value ${mn} is greater than default value ${d}`));
      if (d && mx && d.cmp(mx) > 0) errs.push(invalid(p.child('default').key(k), mx.toString(), `default value ${d} is greater than max value ${mx}`));
      if (ratio && ratio.cmp(newQuantity(1)) < 0) errs.push(invalid(p.child('maxLimitRequestRatio').key(k), ratio.toString(), `ratio ${ratio} is less than 1`));
      if (ratio && mn && mx) {
        const limit = mx.milliValue() / mn.milliValue();
        if (ratio.milliValue() / 1000 > limit) {
          errs.push(invalid(p.child('maxLimitRequestRatio').key(k), ratio.toString(), `ratio ${ratio} is greater than max/min = ${goFloat(limit)}`));
        }
      }
      if (!isOvercommitAllowed(k) && d && dr && d.cmp(dr) !== 0) {
        errs.push(invalid(p.child('defaultRequest').key(k), dr.toString(), `default value ${d} must equal to defaultRequest value ${dr} in ${k}`));
      }
    }
  });
  return errs;
}

export function validateLimitRange(lr: LimitRange): FieldError[] {
  return [...validateObjectMeta(lr.metadata, META_OPTS), ...validateLimits(lr)];
}

export function validateLimitRangeUpdate(lr: LimitRange, old: LimitRange): FieldError[] {
  return [...validateObjectMetaUpdate(lr.metadata, old.metadata, META_OPTS), ...validateLimits(lr)];
}

/** printLimitRange: NAME and CREATED AT (the creation timestamp itself). */
export const limitRangePrinter: Printer<LimitRange> = {
  columns: [nameColumn, col('Created At', 'When the limit range was created.', 'date')],
  row: (lr) => [lr.metadata?.name ?? '', lr.metadata?.creationTimestamp ?? null],
};

export const limitRangeResource: ResourceInfo<LimitRange> = {
  group: '', version: 'v1', kind: 'LimitRange', resource: 'limitranges', singular: 'limitrange',
  namespaced: true, shortNames: ['limits'], categories: [], subresources: [],
  schema: LimitRange,
  defaults: defaultLimitRange,
  validate: validateLimitRange,
  validateUpdate: validateLimitRangeUpdate,
  printer: limitRangePrinter,
};
