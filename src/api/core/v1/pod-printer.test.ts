import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podPrinter, podSummary } from './pod-printer.js';
import type { ContainerStatus, Pod, PodStatus } from './pod.js';

const now = new Date('2026-01-01T12:00:00Z');
const created = '2026-01-01T11:50:00Z';

function cs(name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, ready: false, restartCount: 0, image: 'nginx', imageID: '', ...extra };
}

function pod(status: PodStatus, spec: Partial<Pod['spec']> = {}, meta: Pod['metadata'] = {}): Pod {
  return {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: created, ...meta },
    spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec },
    status,
  };
}

const row = (p: Pod): unknown[] => podPrinter.row(p, now);

test('columns are upstream\'s, wide ones with priority 1', () => {
  assert.deepEqual(podPrinter.columns.map((c) => [c.name, c.priority]), [
    ['Name', 0], ['Ready', 0], ['Status', 0], ['Restarts', 0], ['Age', 0],
    ['IP', 1], ['Node', 1], ['Nominated Node', 1], ['Readiness Gates', 1],
  ]);
  assert.equal(podPrinter.columns[0].format, 'name');
});

test('a new pod is Pending; a scheduled one waiting for its image is ContainerCreating', () => {
  assert.deepEqual(row(pod({ phase: 'Pending', qosClass: 'BestEffort' })), ['web', '0/1', 'Pending', '0', '10m', '<none>', '<none>', '<none>', '<none>']);
  const creating = pod({ phase: 'Pending', containerStatuses: [cs('web', { state: { waiting: { reason: 'ContainerCreating' } } })] }, { nodeName: 'node-1' });
  assert.deepEqual(row(creating).slice(0, 3), ['web', '0/1', 'ContainerCreating']);
  assert.equal(row(creating)[6], 'node-1');
});

test('a running ready pod, with its IP', () => {
  const p = pod({
    phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }],
    containerStatuses: [cs('web', { ready: true, started: true, state: { running: { startedAt: created } } })],
  }, { nodeName: 'node-1' });
  assert.deepEqual(row(p), ['web', '1/1', 'Running', '0', '10m', '10.244.0.5', 'node-1', '<none>', '<none>']);
});

test('CrashLoopBackOff with restarts "N (Xm ago)"', () => {
  const p = pod({
    phase: 'Running',
    containerStatuses: [cs('web', {
      restartCount: 4,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-01-01T11:57:00Z' } },
    })],
  });
  assert.deepEqual(row(p).slice(1, 4), ['0/1', 'CrashLoopBackOff', '4 (3m ago)']);
});

test('Completed, Error and exit codes without a reason', () => {
  const done = pod({ phase: 'Succeeded', containerStatuses: [cs('web', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })] });
  assert.equal(row(done)[2], 'Completed');
  const failed = pod({ phase: 'Failed', containerStatuses: [cs('web', { state: { terminated: { exitCode: 2 } } })] });
  assert.equal(row(failed)[2], 'ExitCode:2');
  const signalled = pod({ phase: 'Failed', containerStatuses: [cs('web', { state: { terminated: { exitCode: 137, signal: 9 } } })] });
  assert.equal(row(signalled)[2], 'Signal:9');
});

test('Completed with another container still running shows Running or NotReady', () => {
  const spec = { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] };
  const status: PodStatus = {
    phase: 'Running',
    containerStatuses: [
      cs('a', { ready: true, state: { running: {} } }),
      cs('b', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
    ],
  };
  assert.deepEqual(row(pod(status, spec)).slice(1, 3), ['1/2', 'NotReady']);
  const ready = { ...status, conditions: [{ type: 'Ready', status: 'True' as const }] };
  assert.deepEqual(row(pod(ready, spec)).slice(1, 3), ['1/2', 'Running']);
});

test('init containers: Init:0/1, Init:CrashLoopBackOff, Init:Error, PodInitializing', () => {
  const spec = { initContainers: [{ name: 'init', image: 'busybox' }] };
  assert.equal(row(pod({ phase: 'Pending', initContainerStatuses: [cs('init', { state: { waiting: { reason: 'PodInitializing' } } })] }, spec))[2], 'Init:0/1');
  assert.equal(row(pod({ phase: 'Pending', initContainerStatuses: [cs('init', { state: { running: {} } })] }, spec))[2], 'Init:0/1');
  const crash = pod({ phase: 'Pending', initContainerStatuses: [cs('init', { restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } })] }, spec);
  assert.deepEqual(row(crash).slice(1, 4), ['0/1', 'Init:CrashLoopBackOff', '2']);
  assert.equal(row(pod({ phase: 'Pending', initContainerStatuses: [cs('init', { state: { terminated: { exitCode: 1, reason: 'Error' } } })] }, spec))[2], 'Init:Error');
  assert.equal(row(pod({ phase: 'Pending', initContainerStatuses: [cs('init', { state: { terminated: { exitCode: 3 } } })] }, spec))[2], 'Init:ExitCode:3');
  const initDone = pod({
    phase: 'Pending',
    initContainerStatuses: [cs('init', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
    containerStatuses: [cs('web', { state: { waiting: { reason: 'PodInitializing' } } })],
  }, spec);
  assert.equal(row(initDone)[2], 'PodInitializing');
});

test('sidecar (restartable init) containers count in READY', () => {
  const spec = { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' as const }] };
  const p = pod({
    phase: 'Running',
    conditions: [{ type: 'Initialized', status: 'True' }],
    initContainerStatuses: [cs('proxy', { ready: true, started: true, restartCount: 1, state: { running: {} } })],
    containerStatuses: [cs('web', { ready: true, state: { running: {} } })],
  }, spec);
  assert.deepEqual(row(p).slice(1, 4), ['2/2', 'Running', '1']);
});

test('Terminating when deletionTimestamp is set; Unknown for NodeLost; SchedulingGated', () => {
  const deleting = pod({ phase: 'Running', containerStatuses: [cs('web', { ready: true, state: { running: {} } })] }, {}, { deletionTimestamp: '2026-01-01T11:59:00Z' });
  assert.equal(row(deleting)[2], 'Terminating');
  const finished = pod({ phase: 'Succeeded' }, {}, { deletionTimestamp: '2026-01-01T11:59:00Z' });
  assert.equal(row(finished)[2], 'Succeeded');
  const lost = pod({ phase: 'Running', reason: 'NodeLost' }, {}, { deletionTimestamp: '2026-01-01T11:59:00Z' });
  assert.equal(row(lost)[2], 'Unknown');
  const evicted = pod({ phase: 'Failed', reason: 'Evicted' });
  assert.equal(row(evicted)[2], 'Evicted');
  const gated = pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
  assert.equal(row(gated)[2], 'SchedulingGated');
});

test('readiness gates and nominated node in wide output', () => {
  const p = pod({ phase: 'Pending', nominatedNodeName: 'node-2', conditions: [{ type: 'example.com/ready', status: 'True' }] },
    { readinessGates: [{ conditionType: 'example.com/ready' }, { conditionType: 'example.com/other' }] });
  assert.deepEqual(row(p).slice(7), ['node-2', '1/2']);
  assert.equal(podSummary(p).total, 1);
});
