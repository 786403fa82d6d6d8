// autoscaling/v1 Scale: the object of every scale subresource (deployments/scale,
// replicasets/scale, statefulsets/scale, replicationcontrollers/scale and custom resources).
import { definer, packageOf, obj, req, str, int32, type Static } from '../../schema.js';
import { kindSchema, type KubeObject } from '../../meta/v1/types.js';
import type { ScaleInfo } from '../../scheme.js';
import { type FieldError, invalid, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta } from '../../../machinery/object-meta.js';
import { NON_NEGATIVE, nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { selectorFromLabelSelector } from '../../../machinery/labels.js';
import type { LabelSelector } from '../../meta/v1/types.js';

const def = definer(packageOf('autoscaling', 'v1'));

export const ScaleSpec = def('ScaleSpec', obj({
  replicas: int32('Desired number of replicas of the scaled object.'),
}, { description: 'The desired scale.' }));
export type ScaleSpec = Static<typeof ScaleSpec>;

export const ScaleStatus = def('ScaleStatus', obj({
  replicas: req(int32('Actual number of replicas of the scaled object.')),
  selector: str('The label query over the pods counted in replicas, in the string form of a selector.'),
}, { description: 'The observed scale.' }));
export type ScaleStatus = Static<typeof ScaleStatus>;

export const Scale = kindSchema('autoscaling', 'v1', 'Scale', { spec: ScaleSpec, status: ScaleStatus },
  'Scale represents the scaling request of a resource.');
export type Scale = Static<typeof Scale>;

/** ValidateScale. */
export function validateScale(scale: Scale): FieldError[] {
  const errs = validateObjectMeta(scale.metadata, { namespaced: true, nameValidator: nameIsDNSSubdomain });
  const replicas = scale.spec?.replicas ?? 0;
  if (replicas < 0) errs.push(invalid(root('spec', 'replicas'), replicas, NON_NEGATIVE));
  return errs;
}

function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * The string form of a scaled object's selector, as Scale's status.selector: a string is kept,
 * a label set (a ReplicationController's spec.selector) or a metav1.LabelSelector (every other
 * kind's spec.selector) becomes its canonical string; '' when there is none or it does not parse.
 */
export function scaleSelector(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (!raw || typeof raw !== 'object') return '';
  const isSet = Object.values(raw).every((v) => typeof v === 'string');
  try {
    return selectorFromLabelSelector(isSet ? { matchLabels: raw as Record<string, string> } : raw as LabelSelector).toString();
  } catch {
    return '';
  }
}

/**
 * The Scale the API server returns for an object's scale subresource; status.selector is
 * scaleSelector of the selector at info.labelSelectorPath.
 */
export function scaleOf(obj: KubeObject, info: ScaleInfo): Scale {
  const meta = obj.metadata ?? {};
  const selector = info.labelSelectorPath ? scaleSelector(at(obj, info.labelSelectorPath)) : '';
  const specReplicas = at(obj, info.specReplicasPath);
  const statusReplicas = at(obj, info.statusReplicasPath);
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status: { replicas: typeof statusReplicas === 'number' ? statusReplicas : 0, ...(selector ? { selector } : {}) },
  };
}

/** Writes a Scale's spec.replicas into a copy of the object at info.specReplicasPath. */
export function applyScale<T extends KubeObject>(obj: T, scale: Scale, info: ScaleInfo): T {
  const out = structuredClone(obj);
  const parts = info.specReplicasPath.split('.');
  let cur = out as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) cur = (cur[part] ??= {}) as Record<string, unknown>;
  cur[parts[parts.length - 1]] = scale.spec?.replicas ?? 0;
  return out;
}
