// The kinds of autoscaling/v1: what the scheme registers for this group/version.
//
// For the API server: HPAs are one resource served at v1 and v2; convert with hpaV1ToV2 /
// hpaV2ToV1 (./conversion.ts), storing the v2 form. Scale (./scale.ts) is the object of the scale
// subresources of other resources; scaleOf/applyScale read and write it through a ScaleInfo.
import type { ResourceInfo } from '../../scheme.js';
import type { Printer } from '../../scheme.js';
import { HorizontalPodAutoscaler } from './hpa.js';
import type { HorizontalPodAutoscaler as HPA } from './hpa.js';
import { hpaV1ToV2 } from './conversion.js';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate } from '../v2/validation.js';
import { horizontalPodAutoscalerPrinter } from '../v2/printer.js';

export { Scale, ScaleSpec, ScaleStatus, validateScale, scaleOf, scaleSelector, applyScale } from './scale.js';
export { hpaV1ToV2, hpaV2ToV1 } from './conversion.js';

/** SetDefaults_HorizontalPodAutoscaler (v1): minReplicas 1; the CPU target default comes with conversion. */
export function defaultHorizontalPodAutoscalerV1(hpa: HPA): void {
  const spec = (hpa.spec ??= {} as NonNullable<HPA['spec']>);
  spec.minReplicas ??= 1;
}

/** v1 HPAs print through their v2 form, as upstream prints the internal one. */
export const hpaV1Printer: Printer<HPA> = {
  columns: horizontalPodAutoscalerPrinter.columns,
  row: (hpa, now) => horizontalPodAutoscalerPrinter.row(hpaV1ToV2(hpa), now),
};

export const resources: ResourceInfo[] = [
  {
    group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', resource: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler', namespaced: true, shortNames: ['hpa'], categories: ['all'], subresources: ['status'],
    schema: HorizontalPodAutoscaler, defaults: defaultHorizontalPodAutoscalerV1,
    // upstream validates the internal form, so v1 objects report the v2 field paths (spec.metrics[0]…)
    validate: (hpa: HPA) => validateHorizontalPodAutoscaler(hpaV1ToV2(hpa)),
    validateUpdate: (hpa: HPA, old: HPA) => validateHorizontalPodAutoscalerUpdate(hpaV1ToV2(hpa), hpaV1ToV2(old)),
    printer: hpaV1Printer,
  },
];
