import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { podDisruptionBudgetPrinter, validatePodDisruptionBudget, type PodDisruptionBudget } from './pod-disruption-budget.js';
import { resources, subresourceKinds, validateEviction } from './index.js';

const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' }, spec,
});
const msgs = (p: PodDisruptionBudget) => validatePodDisruptionBudget(p).map(errorString);

test('minAvailable xor maxUnavailable', () => {
  assert.deepEqual(msgs(pdb({ minAvailable: 1, selector: { matchLabels: { app: 'web' } } })), []);
  const both = msgs(pdb({ minAvailable: 1, maxUnavailable: '10%' }));
  assert.equal(both.length, 1);
  assert.match(both[0], /^spec: Invalid value: .*: minAvailable and maxUnavailable cannot be both set$/);
});

test('numbers and percentages', () => {
  assert.deepEqual(msgs(pdb({ minAvailable: -1 })), ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']);
  assert.deepEqual(msgs(pdb({ maxUnavailable: '120%' })), ['spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%']);
  assert.deepEqual(msgs(pdb({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' as 'AlwaysAllow' })),
    ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"']);
});

test('printer: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', () => {
  assert.deepEqual(podDisruptionBudgetPrinter.columns.map((c) => c.name.toUpperCase()), ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']);
  const p = { ...pdb({ maxUnavailable: '25%' }), status: { disruptionsAllowed: 1, currentHealthy: 4, desiredHealthy: 3, expectedPods: 4 } };
  assert.deepEqual(podDisruptionBudgetPrinter.row(p, new Date('2024-05-01T12:00:00Z')), ['web', 'N/A', '25%', 1, '60m']);
});

test('Eviction is the body of pods/eviction, not a policy/v1 resource', () => {
  assert.deepEqual(resources.map((r) => r.resource), ['poddisruptionbudgets']);
  assert.deepEqual(subresourceKinds.map((k) => `${k.resource}/${k.subresource}`), ['pods/eviction']);
  assert.deepEqual(validateEviction({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: {} }).map(errorString), ['metadata.name: Required value: name or generateName is required']);
});
