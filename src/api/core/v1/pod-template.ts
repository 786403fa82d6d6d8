// core/v1 PodTemplate: a stored pod template; its defaults, validation and printer.
import { type Static } from '../../schema.js';
import { kindSchema } from '../../meta/v1/types.js';
import type { Printer } from '../../scheme.js';
import { nameColumn, col } from '../../meta/v1/columns.js';
import { type FieldError, root } from '../../../machinery/field-errors.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/object-meta.js';
import { nameIsDNSSubdomain } from '../../../machinery/validation.js';
import { PodTemplateSpec } from './pod.js';
import { defaultPodTemplateSpec } from './pod-defaults.js';
import { validatePodTemplateSpec } from './pod-validation.js';
import { containerCells, formatLabels } from '../../printing.js';

export const PodTemplate = kindSchema('', 'v1', 'PodTemplate', { template: PodTemplateSpec },
  'PodTemplate is a stored description of pods that other objects can refer to.');
export type PodTemplate = Static<typeof PodTemplate>;

/** SetObjectDefaults_PodTemplate: the template's spec is always defaulted. */
export function defaultPodTemplate(pt: PodTemplate): void {
  pt.template ??= {};
  defaultPodTemplateSpec(pt.template);
}

const META = { namespaced: true, nameValidator: nameIsDNSSubdomain };

/** ValidatePodTemplate */
export function validatePodTemplate(pt: PodTemplate): FieldError[] {
  return [...validateObjectMeta(pt.metadata, META), ...validatePodTemplateSpec(pt.template ?? {}, root('template'))];
}

/** ValidatePodTemplateUpdate: the whole template may change. */
export function validatePodTemplateUpdate(pt: PodTemplate, old: PodTemplate): FieldError[] {
  return [...validateObjectMetaUpdate(pt.metadata, old.metadata, META), ...validatePodTemplateSpec(pt.template ?? {}, root('template'))];
}

export const podTemplatePrinter: Printer<PodTemplate> = {
  columns: [
    nameColumn,
    col('Containers', 'Names of each container in the template.'),
    col('Images', 'Images referenced by each container in the template.'),
    col('Pod Labels', 'The labels for the pod template.'),
  ],
  row(pt) {
    const [names, images] = containerCells(pt.template?.spec?.containers);
    return [pt.metadata?.name ?? '', names, images, formatLabels(pt.template?.metadata?.labels)];
  },
};
