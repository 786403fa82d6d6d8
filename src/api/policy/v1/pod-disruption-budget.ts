// policy/v1 PodDisruptionBudget: how many pods of a set voluntary disruptions (evictions) may take down.
import { definer, packageOf, obj, req, int32, int64, list, map, oneOf, intOrString, time, type Static } from '../../schema.js';
import { Condition, kindSchema, LabelSelector } from '../../meta/v1/types.js';
import { type FieldError, type Path, invalid, notSupported, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsPathSegment } from '../../../machinery/validation.js';
import type { Printer } from '../../scheme.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import { age } from '../../printing.js';
import { withPatchStrategy } from '../../apps/v1/schema-helpers.js';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from '../../apps/v1/workload-validation.js';
import { validateLabelSelector } from '../../meta/v1/label-selector.js';

const def = definer(packageOf('policy', 'v1'));

export const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;

export const PodDisruptionBudgetSpec = def('PodDisruptionBudgetSpec', obj({
  minAvailable: intOrString,
  selector: withPatchStrategy(LabelSelector, 'replace'),
  maxUnavailable: intOrString,
  unhealthyPodEvictionPolicy: oneOf(UNHEALTHY_POD_EVICTION_POLICIES, 'Whether running but not ready pods may be evicted: IfHealthyBudget (the default) or AlwaysAllow.'),
}, { description: 'The desired protection: minAvailable or maxUnavailable (a number or a percentage) of the selected pods.' }));
export type PodDisruptionBudgetSpec = Static<typeof PodDisruptionBudgetSpec>;

export const PodDisruptionBudgetStatus = def('PodDisruptionBudgetStatus', obj({
  observedGeneration: int64('The generation the controller last acted on.'),
  disruptedPods: map(time, 'Pods evicted but not yet gone, with the time of the eviction.'),
  disruptionsAllowed: req(int32('Disruptions currently allowed.')),
  currentHealthy: req(int32('Healthy pods now.')),
  desiredHealthy: req(int32('Healthy pods wanted at least.')),
  expectedPods: req(int32('Pods counted by the budget.')),
  conditions: list(Condition, { mergeKey: 'type', strategy: 'merge', listType: 'map', mapKeys: ['type'] }),
}, { description: 'The observed state of a PodDisruptionBudget.' }));
export type PodDisruptionBudgetStatus = Static<typeof PodDisruptionBudgetStatus>;

export const PodDisruptionBudget = kindSchema('policy', 'v1', 'PodDisruptionBudget',
  { spec: PodDisruptionBudgetSpec, status: PodDisruptionBudgetStatus },
  'PodDisruptionBudget limits how many pods of a set may be down at once because of voluntary disruptions.');
export type PodDisruptionBudget = Static<typeof PodDisruptionBudget>;

// Upstream's PDB validation does not check the name beyond what every object gets (a path segment).
const META = { namespaced: true, nameValidator: nameIsPathSegment };

function validateSpec(spec: PodDisruptionBudgetSpec | undefined, p: Path): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (s.minAvailable !== undefined && s.maxUnavailable !== undefined) {
    errs.push(invalid(p, s, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const key of ['minAvailable', 'maxUnavailable'] as const) {
    const v = s[key];
    if (v === undefined) continue;
    errs.push(...validatePositiveIntOrPercent(v, p.child(key)));
    errs.push(...notMoreThan100Percent(v, p.child(key)));
  }
  errs.push(...validateLabelSelector(s.selector, p.child('selector')));
  const policy: string | undefined = s.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !(UNHEALTHY_POD_EVICTION_POLICIES as readonly string[]).includes(policy)) {
    errs.push(notSupported(p.child('unhealthyPodEvictionPolicy'), policy, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return errs;
}

export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): FieldError[] {
  return [...validateObjectMeta(pdb.metadata, META), ...validateSpec(pdb.spec, root('spec'))];
}

/** The spec is mutable; the create rules apply again. */
export function validatePodDisruptionBudgetUpdate(pdb: PodDisruptionBudget, old: PodDisruptionBudget): FieldError[] {
  return [...validateObjectMetaUpdate(pdb.metadata, old.metadata, META), ...validateSpec(pdb.spec, root('spec'))];
}


export const podDisruptionBudgetPrinter: Printer<PodDisruptionBudget> = {
  columns: [
    nameColumn,
    col('Min Available', 'The minimum number of pods that must be available.', 'string'),
    col('Max Unavailable', 'The maximum number of pods that may be unavailable.', 'string'),
    col('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', 'integer'),
    ageColumn,
  ],
  row(pdb, now) {
    const text = (v: number | string | undefined) => (v === undefined ? 'N/A' : String(v));
    return [
      pdb.metadata?.name ?? '', text(pdb.spec?.minAvailable), text(pdb.spec?.maxUnavailable),
      pdb.status?.disruptionsAllowed ?? 0, age(pdb.metadata?.creationTimestamp, now),
    ];
  },
};
