import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import {
  type ResourceQuota, resourceQuotaPrinter, validateResourceQuota, validateResourceQuotaUpdate,
} from './resource-quota.js';

const rq = (spec: ResourceQuota['spec'], status?: ResourceQuota['status']): ResourceQuota => ({
  apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec, status,
});
const msgs = (q: ResourceQuota) => validateResourceQuota(q).map(errorString);

test('a typical quota is valid, object counts included', () => {
  assert.deepEqual(msgs(rq({ hard: { pods: '10', 'requests.cpu': '4', 'limits.memory': '8Gi', 'count/deployments.apps': '5', 'requests.nvidia.com/gpu': '2' } })), []);
});

test('hard values are non-negative quantities, counts are integers, names are quota resources', () => {
  assert.deepEqual(msgs(rq({ hard: { 'requests.cpu': '-1', pods: '1.5', storage: '1Gi', foo: '1' } })), [
    'spec.hard[storage]: Invalid value: "storage": must be a standard resource for quota',
    'spec.hard[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
    'spec.hard[foo]: Invalid value: "foo": must be a standard resource for quota',
    'spec.hard[requests.cpu]: Invalid value: "-1": must be greater than or equal to 0',
    'spec.hard[pods]: Invalid value: "1500m": must be an integer',
  ]);
});

test('scopes: supported, fit the resources, not conflicting, immutable', () => {
  assert.deepEqual(msgs(rq({ hard: { pods: '1', 'requests.cpu': '1' }, scopes: ['BestEffort', 'NotBestEffort'] })), [
    'spec.scopes: Invalid value: ["BestEffort","NotBestEffort"]: unsupported scope applied to resource',
    'spec.scopes: Invalid value: ["BestEffort","NotBestEffort"]: conflicting scopes',
  ]);
  const old = rq({ hard: { pods: '1' }, scopes: ['Terminating'] });
  const next = rq({ hard: { pods: '2' }, scopes: ['NotTerminating'] });
  assert.deepEqual(validateResourceQuotaUpdate(next, old).map(errorString), ['spec.scopes: Invalid value: ["NotTerminating"]: field is immutable']);
});

test('scope selector operators', () => {
  assert.deepEqual(msgs(rq({ hard: { pods: '1' }, scopeSelector: { matchExpressions: [
    { scopeName: 'PriorityClass', operator: 'In' },
    { scopeName: 'Terminating', operator: 'In', values: ['x'] },
  ] } })), [
    "spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
    "spec.scopeSelector.matchExpressions.operator: Invalid value: \"In\": must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
  ]);
});

test('printer: REQUEST and LIMIT columns as used/hard', () => {
  const q = rq({}, {
    hard: { pods: '10', 'requests.cpu': '4', 'limits.memory': '8Gi', 'limits.cpu': '8' },
    used: { pods: '3', 'requests.cpu': '500m', 'limits.cpu': '1' },
  });
  assert.deepEqual(resourceQuotaPrinter.columns.map((c) => c.name), ['Name', 'Age', 'Request', 'Limit']);
  assert.deepEqual(resourceQuotaPrinter.row(q, new Date('2024-01-01T00:00:40Z')), [
    'quota', '40s', 'pods: 3/10, requests.cpu: 500m/4', 'limits.cpu: 1/8, limits.memory: 0/8Gi',
  ]);
});
