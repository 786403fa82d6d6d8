// autoscaling/v2 defaulting (SetDefaults_HorizontalPodAutoscaler): minReplicas 1, an 80% average
// CPU utilization metric when none is given, and — only when spec.behavior is set — every unset
// part of the scale-up and scale-down rules. Scale-down's stabilization window stays unset: the
// controller applies its own default (300s) then.
import type { HorizontalPodAutoscaler, HPAScalingRules } from './hpa.js';

export const DEFAULT_CPU_UTILIZATION = 80;

function scaleUpDefaults(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

function scaleDownDefaults(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the given rules' set fields over the defaults. */
function fillRules(given: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!given) return defaults;
  const out: HPAScalingRules = { ...defaults };
  if (given.selectPolicy !== undefined) out.selectPolicy = given.selectPolicy;
  if (given.stabilizationWindowSeconds !== undefined) out.stabilizationWindowSeconds = given.stabilizationWindowSeconds;
  if (given.policies !== undefined) out.policies = given.policies;
  if (given.tolerance !== undefined) out.tolerance = given.tolerance;
  return out;
}

export function defaultHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= {} as NonNullable<HorizontalPodAutoscaler['spec']>);
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = fillRules(spec.behavior.scaleUp, scaleUpDefaults());
    spec.behavior.scaleDown = fillRules(spec.behavior.scaleDown, scaleDownDefaults());
  }
}
