import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString, type FieldError } from '../../../machinery/field-errors.js';
import { defaultHorizontalPodAutoscaler } from './defaults.js';
import { validateHorizontalPodAutoscaler } from './validation.js';
import { formatHPAMetrics, horizontalPodAutoscalerPrinter } from './printer.js';
import type { HorizontalPodAutoscaler, MetricSpec } from './hpa.js';

const msgs = (errs: FieldError[]) => errs.map(errorString);

function hpa(mut?: (h: HorizontalPodAutoscaler) => void): HorizontalPodAutoscaler {
  const h = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 } } as HorizontalPodAutoscaler;
  mut?.(h);
  defaultHorizontalPodAutoscaler(h);
  return h;
}

test('defaults: minReplicas 1 and 80% CPU; no behavior unless given', () => {
  const h = hpa();
  assert.equal(h.spec?.minReplicas, 1);
  assert.deepEqual(h.spec?.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  assert.equal(h.spec?.behavior, undefined);
  assert.deepEqual(msgs(validateHorizontalPodAutoscaler(h)), []);
});

test('defaults: a partial behavior is completed as upstream', () => {
  const h = hpa((x) => { x.spec!.behavior = { scaleDown: { stabilizationWindowSeconds: 60 } }; });
  assert.deepEqual(h.spec?.behavior, {
    scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
    scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
  });
  const empty = hpa((x) => { x.spec!.behavior = {}; });
  assert.equal(empty.spec?.behavior?.scaleDown?.stabilizationWindowSeconds, undefined);
});

test('validation: replicas bounds and the target reference', () => {
  const h = hpa((x) => { x.spec!.minReplicas = 3; x.spec!.maxReplicas = 2; x.spec!.scaleTargetRef = { kind: '', name: 'a/b' }; });
  assert.deepEqual(msgs(validateHorizontalPodAutoscaler(h)), [
    'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    'spec.scaleTargetRef.kind: Required value',
    "spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'",
  ]);
  const zero = hpa((x) => { x.spec!.minReplicas = 0; x.spec!.maxReplicas = 0; });
  assert.deepEqual(msgs(validateHorizontalPodAutoscaler(zero)), [
    'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    'spec.maxReplicas: Invalid value: 0: must be greater than 0',
  ]);
});

test('validation: metrics and behavior', () => {
  const h = hpa((x) => {
    x.spec!.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } },
      { type: 'Pods', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1Gi' } } } as MetricSpec,
    ];
    x.spec!.behavior = { scaleUp: { stabilizationWindowSeconds: 4000, policies: [{ type: 'Pods', value: 0, periodSeconds: 1801 }] } };
  });
  assert.deepEqual(msgs(validateHorizontalPodAutoscaler(h)), [
    'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    'spec.metrics[1].pods: Required value: must populate information for the given metric source',
    'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600',
    'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
    'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
  ]);
});

test('TARGETS column', () => {
  const cpu: MetricSpec = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
  const mem: MetricSpec = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
  const pods: MetricSpec = { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } };
  assert.equal(formatHPAMetrics([cpu], undefined), 'cpu: <unknown>/80%');
  assert.equal(formatHPAMetrics([cpu], [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40, averageValue: '2m' } } }]), 'cpu: 40%/80%');
  assert.equal(formatHPAMetrics([mem, cpu], [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '50Mi' } } }]), 'memory: 50Mi/100Mi, cpu: <unknown>/80%');
  assert.equal(formatHPAMetrics([cpu, mem, pods], []), 'cpu: <unknown>/80%, memory: <unknown>/100Mi + 1 more...');
  assert.equal(formatHPAMetrics([], []), '<none>');
});

test('hpa printer row', () => {
  const h = hpa();
  h.metadata!.creationTimestamp = '2024-05-01T11:00:00Z';
  h.status = { currentReplicas: 2, desiredReplicas: 2 };
  assert.deepEqual(horizontalPodAutoscalerPrinter.columns.map((c) => c.name.toUpperCase()), ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
  assert.deepEqual(horizontalPodAutoscalerPrinter.row(h, new Date('2024-05-01T12:00:00Z')), ['web', 'Deployment/web', 'cpu: <unknown>/80%', '1', 5, 2, '60m']);
});
