// Server-side table columns of HorizontalPodAutoscalers, as upstream's printers.go (which prints
// every version through the v2 form): TARGETS such as `cpu: 40%/80%` or `cpu: <unknown>/80%`.
import type { Printer } from '../../scheme.js';
import { ageColumn, col, nameColumn } from '../../meta/v1/columns.js';
import { age } from '../../printing.js';
import { canonicalQuantity, isQuantity } from '../../../machinery/quantity.js';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from './hpa.js';


/** Quantity.String(): canonical form; a missing quantity prints as <nil>, as the Go pointer does. */
function q(v: string | undefined): string {
  if (v === undefined) return '<nil>';
  return isQuantity(v) ? canonicalQuantity(v) : v;
}

function metricText(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External': {
      const target = spec.external?.target;
      if (target?.averageValue !== undefined) {
        const cur = status?.external?.current.averageValue;
        return `${cur !== undefined ? q(cur) : '<unknown>'}/${q(target.averageValue)} (avg)`;
      }
      const cur = status?.external ? q(status.external.current.value) : '<unknown>';
      return `${cur}/${q(target?.value)}`;
    }
    case 'Pods': {
      const cur = status?.pods ? q(status.pods.current.averageValue) : '<unknown>';
      return `${cur}/${q(spec.pods?.target.averageValue)}`;
    }
    case 'Object': {
      const target = spec.object?.target;
      if (target?.averageValue !== undefined) {
        const cur = status?.object?.current.averageValue;
        return `${cur !== undefined ? q(cur) : '<unknown>'}/${q(target.averageValue)} (avg)`;
      }
      const cur = status?.object ? q(status.object.current.value) : '<unknown>';
      return `${cur}/${q(target?.value)}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
      const cur = spec.type === 'Resource' ? status?.resource : status?.containerResource;
      const name = src?.name ?? '';
      if (src?.target.averageValue !== undefined) {
        return `${name}: ${cur ? q(cur.current.averageValue) : '<unknown>'}/${q(src.target.averageValue)}`;
      }
      const current = cur?.current.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
      const target = src?.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
      return `${name}: ${current}/${target}`;
    }
    default:
      return '<unknown type>';
  }
}

/** formatHPAMetrics: the first two metrics, then "+ N more...". */
export function formatHPAMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const list = specs.map((s, i) => metricText(s, statuses?.[i]));
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

export const horizontalPodAutoscalerPrinter: Printer<HorizontalPodAutoscaler> = {
  columns: [
    nameColumn,
    col('Reference', 'reference to scaled resource', 'string'),
    col('Targets', 'the current and target metrics of the autoscaler', 'string'),
    col('MinPods', 'lower limit for the number of pods that can be set by the autoscaler, default 1.', 'string'),
    col('MaxPods', 'upper limit for the number of pods that can be set by the autoscaler; cannot be smaller than MinReplicas.', 'integer'),
    col('Replicas', 'current number of replicas of pods managed by this autoscaler.', 'integer'),
    ageColumn,
  ],
  row(hpa, now) {
    const spec = hpa.spec;
    return [
      hpa.metadata?.name ?? '', `${spec?.scaleTargetRef?.kind ?? ''}/${spec?.scaleTargetRef?.name ?? ''}`,
      formatHPAMetrics(spec?.metrics, hpa.status?.currentMetrics),
      spec?.minReplicas === undefined ? '<unset>' : String(spec.minReplicas), spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0, age(hpa.metadata?.creationTimestamp, now),
    ];
  },
};
