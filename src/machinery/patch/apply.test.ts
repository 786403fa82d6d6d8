import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPatch } from './apply.js';
import { updateManagedFields } from './managed-fields.js';
import { BadRequestError, StatusError } from '../errors.js';
import { Deployment } from './test-fixtures.js';

type Obj = Record<string, any>;
const T1 = new Date('2024-01-02T15:04:05.123Z');
const T2 = new Date('2024-01-02T16:00:00Z');

const config = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] },
    },
  },
});

function conflict(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof StatusError);
    assert.equal(e.code, 409);
    assert.equal(e.reason, 'Conflict');
    assert.equal(e.message, message);
    return true;
  });
}

test('apply on create records an Apply entry with the applied fields', () => {
  const out = applyPatch(undefined, config(), 'kubectl', Deployment, false, { now: T1 });
  const { managedFields, ...meta } = out.metadata;
  assert.deepEqual(meta, config().metadata);
  assert.deepEqual(out.spec, config().spec);
  assert.deepEqual(managedFields, [{
    manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: '2024-01-02T15:04:05Z', fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {}, 'f:env': {
                  'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} },
                  'k:{"name":"B"}': { '.': {}, 'f:name': {}, 'f:value': {} },
                },
                'f:image': {}, 'f:name': {},
              },
            },
          },
        },
      },
    },
  }]);
});

test('a field owned by another manager with a different value conflicts; force takes it', () => {
  const live = updateManagedFields(undefined, config(), 'kubectl-client-side-apply', 'Update', Deployment, { now: T1 });
  const next = config();
  next.spec.replicas = 3;
  conflict(() => applyPatch(live, next, 'kubectl', Deployment),
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  try {
    applyPatch(live, next, 'kubectl', Deployment);
  } catch (e) {
    assert.deepEqual((e as StatusError).details?.causes, [
      { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
    ]);
  }
  const forced = applyPatch(live, next, 'kubectl', Deployment, true, { now: T2 });
  assert.equal(forced.spec.replicas, 3);
  const byManager = Object.fromEntries(forced.metadata.managedFields.map((e: Obj) => [e.manager, e]));
  assert.equal('f:replicas' in byManager.kubectl.fieldsV1['f:spec'], true);
  assert.equal('f:replicas' in byManager['kubectl-client-side-apply'].fieldsV1['f:spec'], false);
  assert.deepEqual(forced.metadata.managedFields.map((e: Obj) => e.operation), ['Apply', 'Update']);
});

test('several conflicts are listed per manager', () => {
  const live = updateManagedFields(undefined, config(), 'x', 'Update', Deployment, { now: T1 });
  const next = config();
  next.spec.replicas = 3;
  next.spec.template.spec.containers[0].image = 'nginx:2';
  conflict(() => applyPatch(live, next, 'kubectl', Deployment),
    'Apply failed with 2 conflicts: conflicts with "x" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image');
});

test('the same value is shared without conflict', () => {
  const live = updateManagedFields(undefined, config(), 'kubectl-client-side-apply', 'Update', Deployment, { now: T1 });
  const out = applyPatch(live, config(), 'kubectl', Deployment, false, { now: T2 });
  assert.deepEqual(out.metadata.managedFields.map((e: Obj) => [e.manager, 'f:replicas' in e.fieldsV1['f:spec']]),
    [['kubectl', true], ['kubectl-client-side-apply', true]]);
});

test('fields dropped from the configuration are removed unless someone else owns them', () => {
  const first = config();
  first.metadata.labels.tier = 'fe';
  let live = applyPatch(undefined, first, 'kubectl', Deployment, false, { now: T1 });
  // another manager adds a label and sets paused
  const edited = structuredClone(live);
  edited.metadata.labels.owner = 'team-b';
  edited.spec.paused = true;
  live = updateManagedFields(live, edited, 'kubectl-edit', 'Update', Deployment, { now: T1 });

  const next = config();
  next.spec.template.spec.containers[0].env = [{ name: 'B', value: '2' }];
  delete next.spec.replicas;
  const out = applyPatch(live, next, 'kubectl', Deployment, false, { now: T2 });
  assert.deepEqual(out.metadata.labels, { app: 'web', owner: 'team-b' });
  assert.equal(out.spec.paused, true);
  assert.equal('replicas' in out.spec, false);
  assert.deepEqual(out.spec.template.spec.containers[0].env, [{ name: 'B', value: '2' }]);
});

test('a container added or removed in the configuration is added or removed', () => {
  const live = applyPatch(undefined, config(), 'kubectl', Deployment, false, { now: T1 });
  const two = config();
  two.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
  const added = applyPatch(live, two, 'kubectl', Deployment, false, { now: T2 });
  assert.deepEqual(added.spec.template.spec.containers.map((c: Obj) => c.name), ['nginx', 'sidecar']);
  const removed = applyPatch(added, config(), 'kubectl', Deployment, false, { now: T2 });
  assert.deepEqual(removed.spec.template.spec.containers.map((c: Obj) => c.name), ['nginx']);
});

test('a plain update takes the fields it changes; re-applying then conflicts with it', () => {
  const live = applyPatch(undefined, config(), 'kubectl', Deployment, false, { now: T1 });
  const scaled = structuredClone(live);
  scaled.spec.replicas = 5;
  const after = updateManagedFields(live, scaled, 'kubectl-scale', 'Update', Deployment, { now: T2 });
  const entries = after.metadata.managedFields;
  assert.deepEqual(entries.map((e: Obj) => [e.manager, e.operation, e.time]), [
    ['kubectl', 'Apply', '2024-01-02T15:04:05Z'], ['kubectl-scale', 'Update', '2024-01-02T16:00:00Z'],
  ]);
  assert.deepEqual(entries[1].fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  assert.equal('f:replicas' in entries[0].fieldsV1['f:spec'], false);
  conflict(() => applyPatch(after, config(), 'kubectl', Deployment),
    'Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas');
});

test('objects without managed fields belong to before-first-apply', () => {
  const live = config();
  const next = config();
  next.spec.replicas = 4;
  conflict(() => applyPatch(live, next, 'kubectl', Deployment),
    'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
});

test('update keeps the managed fields a request sends, and [{}] resets them', () => {
  const live = applyPatch(undefined, config(), 'kubectl', Deployment, false, { now: T1 });
  const sent = structuredClone(live);
  delete sent.metadata.managedFields;
  sent.metadata.labels.x = '1';
  const kept = updateManagedFields(live, sent, 'm', 'Update', Deployment, { now: T2 });
  assert.deepEqual(kept.metadata.managedFields.map((e: Obj) => e.manager), ['kubectl', 'm']);
  const reset = structuredClone(live);
  reset.metadata.managedFields = [{}];
  const cleared = updateManagedFields(live, reset, 'm', 'Update', Deployment, { now: T2 });
  assert.equal('managedFields' in cleared.metadata, false);
});

test('bad apply requests are 400s', () => {
  const withFields = config();
  withFields.metadata.managedFields = [{ manager: 'x' }];
  assert.throws(() => applyPatch(undefined, withFields, 'kubectl', Deployment), (e: unknown) =>
    e instanceof BadRequestError && e.message === 'metadata.managedFields must be nil');
  assert.throws(() => applyPatch(undefined, config(), '', Deployment), BadRequestError);
});

test('ignored fields (status through the main resource) are neither applied nor owned', () => {
  const cfg = config();
  cfg.status = { replicas: 9 };
  const out = applyPatch({ ...config(), status: { replicas: 1 } }, cfg, 'kubectl', Deployment, true, { now: T1, ignoredFields: ['status'] });
  assert.deepEqual(out.status, { replicas: 1 });
  assert.equal(out.metadata.managedFields.some((e: Obj) => 'f:status' in e.fieldsV1), false);
});

test('re-applying the same configuration changes nothing, not even the time', () => {
  const live = applyPatch(undefined, config(), 'kubectl', Deployment, false, { now: T1 });
  const again = applyPatch(live, config(), 'kubectl', Deployment, false, { now: T2 });
  assert.deepEqual(again, live);
  const noop = updateManagedFields(live, structuredClone(live), 'other', 'Update', Deployment, { now: T2 });
  assert.deepEqual(noop.metadata.managedFields, live.metadata.managedFields);
});

test('kubectl server-side apply keeps an existing last-applied annotation in step', () => {
  const key = 'kubectl.kubernetes.io/last-applied-configuration';
  const live = config();
  live.metadata.annotations = { [key]: '{"old":true}' };
  const created = updateManagedFields(undefined, live, 'kubectl-client-side-apply', 'Update', Deployment, { now: T1 });
  const next = config();
  next.metadata.labels.tier = 'fe';
  const out = applyPatch(created, next, 'kubectl', Deployment, false, { now: T2 });
  const last = JSON.parse(out.metadata.annotations[key]);
  assert.deepEqual(last, next);
  assert.equal(out.metadata.annotations[key].startsWith('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web","tier":"fe"}'), true);
  // other managers leave it alone
  const other = applyPatch(created, next, 'helm', Deployment, false, { now: T2 });
  assert.equal(other.metadata.annotations[key], '{"old":true}');
});

test('more than ten Update managers: the oldest merge into ancient-changes', () => {
  let obj: Obj = updateManagedFields(undefined, config(), 'creator', 'Update', Deployment, { now: new Date(Date.UTC(2024, 0, 1)) });
  for (let i = 1; i <= 11; i++) {
    const next = structuredClone(obj);
    next.metadata.labels[`l${i}`] = 'x';
    obj = updateManagedFields(obj, next, `m${i}`, 'Update', Deployment, { now: new Date(Date.UTC(2024, 0, 1, i)) });
  }
  const managers = obj.metadata.managedFields.map((e: Obj) => e.manager);
  assert.equal(managers.length, 10);
  assert.equal(managers.includes('ancient-changes'), true);
  assert.equal(managers.includes('creator'), false);
  assert.equal(managers.includes('m1'), false);
  assert.equal(managers.includes('m2'), false);
  const ancient = obj.metadata.managedFields.find((e: Obj) => e.manager === 'ancient-changes');
  assert.equal('f:replicas' in ancient.fieldsV1['f:spec'], true);
  assert.equal('f:l1' in ancient.fieldsV1['f:metadata']['f:labels'], true);
  assert.equal('f:l2' in ancient.fieldsV1['f:metadata']['f:labels'], true);
  assert.equal(ancient.time, '2024-01-01T02:00:00Z');
});
