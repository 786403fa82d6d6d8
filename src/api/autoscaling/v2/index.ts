// The kinds of autoscaling/v2: what the scheme registers for this group/version.
import type { ResourceInfo } from '../../scheme.js';
import { HorizontalPodAutoscaler } from './hpa.js';
import { defaultHorizontalPodAutoscaler } from './defaults.js';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate } from './validation.js';
import { horizontalPodAutoscalerPrinter } from './printer.js';

export const resources: ResourceInfo[] = [
  {
    group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], subresources: ['status'],
    schema: HorizontalPodAutoscaler, defaults: defaultHorizontalPodAutoscaler,
    validate: validateHorizontalPodAutoscaler, validateUpdate: validateHorizontalPodAutoscalerUpdate,
    printer: horizontalPodAutoscalerPrinter,
  },
];
