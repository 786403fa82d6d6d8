import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../machinery/field-errors.js';
import { otherResources } from './other-resources.js';
import { podResources } from './pod-resources.js';
import type { KubeObject } from '../../meta/v1/types.js';
import type { ObjectSubresource, Strategy } from '../../strategy.js';

const info = (resource: string) => otherResources.find((r) => r.resource === resource)!;
const strategy = (resource: string) => {
  const s = info(resource).strategy as Strategy;
  const subs = s.subresources as Record<string, ObjectSubresource>;
  return { ...s, subresources: subs };
};

test('every subresource strategy belongs to a served subresource', () => {
  for (const r of [...otherResources, ...podResources]) {
    for (const sub of Object.keys(r.strategy?.subresources ?? {})) assert.ok(r.subresources.includes(sub), `${r.resource}/${sub}`);
  }
});

test('namespace create: defaults, then the kubernetes finalizer and an Active status', () => {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, status: { phase: 'Terminating' } };
  info('namespaces').defaults?.(ns);
  strategy('namespaces').prepareForCreate?.(ns, new Date());
  assert.deepEqual(ns, {
    apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
    status: { phase: 'Active' }, spec: { finalizers: ['kubernetes'] },
  });
});

test('service status writes keep the spec; spec writes keep the status', () => {
  const old: KubeObject = {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'default' },
    spec: { type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30001 }], clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'] },
    status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }] } },
  };
  info('services').defaults?.(old);
  const statusWrite = structuredClone(old);
  (statusWrite.spec as { type: string }).type = 'ClusterIP';
  (statusWrite.status as { loadBalancer: unknown }).loadBalancer = { ingress: [{ ip: '5.6.7.8', ipMode: 'Proxy' }] };
  const status = strategy('services').subresources!.status;
  status.prepareForUpdate(statusWrite, old);
  assert.equal((statusWrite.spec as { type: string }).type, 'LoadBalancer');
  assert.deepEqual(status.validateUpdate(statusWrite, old), []);

  const specWrite = structuredClone(old);
  delete specWrite.status;
  strategy('services').prepareForUpdate?.(specWrite, old);
  assert.deepEqual(specWrite.status, old.status);
  assert.deepEqual(info('services').validateUpdate?.(specWrite, old), []);
});

test('resource quota status writes are validated', () => {
  const old: KubeObject = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default', resourceVersion: '5' }, spec: { hard: { pods: '2' } } };
  const next = structuredClone(old);
  next.status = { hard: { pods: '2' }, used: { pods: '-1' } };
  assert.deepEqual(strategy('resourcequotas').subresources!.status.validateUpdate(next, old).map(errorString), [
    'status.used[pods]: Invalid value: "-1": must be greater than or equal to 0',
  ]);
});
