import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { validateDeploymentStatusUpdate, validateStatefulSetStatusUpdate } from './status-validation.js';
import type { Deployment } from './deployment.js';
import type { StatefulSet } from './stateful-set.js';

const meta = { name: 'web', namespace: 'default' };

test('deployment status: counts within replicas, collisionCount not decremented', () => {
  const old = { metadata: meta, status: { replicas: 2, collisionCount: 2 } } as Deployment;
  const d = { metadata: meta, status: { replicas: 2, readyReplicas: 3, availableReplicas: -1, collisionCount: 1 } } as Deployment;
  assert.deepEqual(validateDeploymentStatusUpdate(d, old).map(errorString), [
    'status.availableReplicas: Invalid value: -1: must be greater than or equal to 0',
    'status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas',
    'status.collisionCount: Invalid value: 1: cannot be decremented',
  ]);
});

test('statefulset status: available not above ready', () => {
  const ss = { metadata: meta, status: { replicas: 3, readyReplicas: 1, availableReplicas: 2 } } as StatefulSet;
  assert.deepEqual(validateStatefulSetStatusUpdate(ss, ss).map(errorString), [
    'status.availableReplicas: Invalid value: 2: cannot be greater than status.readyReplicas',
  ]);
});
