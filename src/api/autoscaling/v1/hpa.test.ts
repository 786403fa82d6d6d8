import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { hpaV1ToV2, hpaV2ToV1, BEHAVIOR_ANNOTATION, METRIC_SPECS_ANNOTATION } from './conversion.js';
import { resources, scaleOf, scaleSelector, applyScale, validateScale } from './index.js';
import type { HorizontalPodAutoscaler } from './hpa.js';
import type { HorizontalPodAutoscaler as V2 } from '../v2/hpa.js';
import { REPLICAS_SCALE } from '../../apps/v1/index.js';

const v1 = (spec: Partial<NonNullable<HorizontalPodAutoscaler['spec']>> = {}): HorizontalPodAutoscaler => ({
  apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, minReplicas: 1, ...spec },
});

test('v1 → v2: the CPU target, and 80% when there is none', () => {
  assert.deepEqual(hpaV1ToV2(v1({ targetCPUUtilizationPercentage: 50 })).spec?.metrics,
    [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
  assert.deepEqual(hpaV1ToV2(v1()).spec?.metrics,
    [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
});

test('v2 → v1 → v2 keeps other metrics and behavior in annotations', () => {
  const v2: V2 = {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default', annotations: { team: 'a' } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5,
      metrics: [
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
      ],
      behavior: { scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } },
    },
    status: { currentReplicas: 1, desiredReplicas: 1, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12, averageValue: '1m' } } }] },
  };
  const back = hpaV2ToV1(v2);
  assert.equal(back.spec?.targetCPUUtilizationPercentage, 70);
  assert.equal(back.status?.currentCPUUtilizationPercentage, 12);
  assert.equal(back.metadata?.annotations?.[METRIC_SPECS_ANNOTATION], '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]');
  assert.equal(back.metadata?.annotations?.[BEHAVIOR_ANNOTATION],
    '{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":null,"SelectPolicy":"Max","Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}],"Tolerance":null}}');
  const again = hpaV1ToV2(back);
  assert.deepEqual(again.spec, v2.spec);
  assert.deepEqual(again.metadata?.annotations, { team: 'a' });
  assert.deepEqual(again.status?.currentMetrics, v2.status?.currentMetrics);
});

test('v1 validation reports the internal (v2) paths; printer goes through v2', () => {
  const info = resources[0];
  const bad = v1({ targetCPUUtilizationPercentage: 0, maxReplicas: 0 });
  assert.deepEqual(info.validate!(bad).map(errorString), [
    'spec.maxReplicas: Invalid value: 0: must be greater than 0',
    'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
    'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
  ]);
  const row = info.printer!.row({ ...v1({ targetCPUUtilizationPercentage: 50 }), status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 40 } }, new Date());
  assert.equal(row[2], 'cpu: 40%/50%');
});

test('Scale: read from a Deployment and written back', () => {
  const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } }, status: { replicas: 2 } };
  const scale = scaleOf(d, REPLICAS_SCALE);
  assert.deepEqual(scale, { apiVersion: 'autoscaling/v1', kind: 'Scale',
    metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7', creationTimestamp: undefined },
    spec: { replicas: 3 }, status: { replicas: 2, selector: 'app=web' } });
  const scaled = applyScale(d, { ...scale, spec: { replicas: 5 } }, REPLICAS_SCALE);
  assert.equal(scaled.spec.replicas, 5);
  assert.equal(d.spec.replicas, 3);
  assert.deepEqual(validateScale({ ...scale, spec: { replicas: -1 } }).map(errorString), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
});

test('Scale status.selector: a label set (ReplicationController), a LabelSelector, a string', () => {
  assert.equal(scaleSelector({ tier: 'back', app: 'old' }), 'app=old,tier=back');
  assert.equal(scaleSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] }), 'app=web,x');
  assert.equal(scaleSelector('a=b'), 'a=b');
  assert.equal(scaleSelector({}), '');
  assert.equal(scaleSelector(undefined), '');
});
