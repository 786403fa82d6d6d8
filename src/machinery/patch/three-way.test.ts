import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './three-way.js';
import { strategicMergePatch } from './strategic.js';
import { StatusError } from '../errors.js';
import { Deployment, Pod } from './test-fixtures.js';

type Obj = Record<string, any>;

const config = (): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['example.com/a', 'example.com/b'] },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
          { name: 'sidecar', image: 'busybox' },
        ],
      },
    },
  },
});

/** The live object: the config plus what the server and other clients added. */
function liveOf(cfg: Obj): Obj {
  const live = structuredClone(cfg);
  live.metadata.uid = 'u-1';
  live.metadata.labels.owner = 'team-b';
  live.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
  live.spec.template.spec.restartPolicy = 'Always';
  live.status = { replicas: 2 };
  return live;
}

function apply(original: Obj, modified: Obj, current: Obj): Obj {
  const patch = createThreeWayMergePatch(original, modified, current, Deployment, { overwrite: true });
  return strategicMergePatch(current, patch, Deployment);
}

const names = (o: Obj) => o.spec.template.spec.containers.map((c: Obj) => c.name);

test('a changed image produces an element patch with $setElementOrder, like kubectl', () => {
  const last = config();
  const next = config();
  next.spec.template.spec.containers[0].image = 'nginx:1.26';
  const patch = createThreeWayMergePatch(last, next, liveOf(last), Deployment);
  assert.deepEqual(patch, {
    spec: {
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
          containers: [{ name: 'nginx', image: 'nginx:1.26' }],
        },
      },
    },
  });
});

test('no change gives an empty patch', () => {
  assert.deepEqual(createThreeWayMergePatch(config(), config(), liveOf(config()), Deployment), {});
});

test('a container added to the config is added; live-only fields survive', () => {
  const last = config();
  const next = config();
  next.spec.template.spec.containers.push({ name: 'redis', image: 'redis' });
  const out = apply(last, next, liveOf(last));
  assert.deepEqual(names(out), ['nginx', 'sidecar', 'redis']);
  assert.equal(out.metadata.labels.owner, 'team-b');
  assert.equal(out.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  assert.deepEqual(out.status, { replicas: 2 });
});

test('a container removed from the config is removed with $patch: delete', () => {
  const last = config();
  const next = config();
  next.spec.template.spec.containers.pop();
  const patch = createThreeWayMergePatch(last, next, liveOf(last), Deployment);
  assert.deepEqual(patch.spec, {
    template: {
      spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }],
        containers: [{ name: 'sidecar', $patch: 'delete' }],
      },
    },
  });
  assert.deepEqual(names(strategicMergePatch(liveOf(last), patch, Deployment)), ['nginx']);
});

test('an env var removed from the config is removed, a field removed is nulled', () => {
  const last = config();
  const next = config();
  next.spec.template.spec.containers[0].env = [{ name: 'B', value: '2' }];
  delete next.spec.replicas;
  delete next.metadata.labels.app;
  const out = apply(last, next, liveOf(last));
  assert.deepEqual(out.spec.template.spec.containers[0].env, [{ name: 'B', value: '2' }]);
  assert.equal('replicas' in out.spec, false);
  assert.deepEqual(out.metadata.labels, { owner: 'team-b' });
});

test('a label added by someone else on live survives; one changed on live is set back', () => {
  const last = config();
  const live = liveOf(last);
  live.metadata.labels.app = 'changed';
  const next = config();
  next.metadata.labels.tier = 'fe';
  const out = apply(last, next, live);
  assert.deepEqual(out.metadata.labels, { app: 'web', owner: 'team-b', tier: 'fe' });
});

test('a finalizer removed from the config uses $deleteFromPrimitiveList', () => {
  const last = config();
  const next = config();
  next.metadata.finalizers = ['example.com/b'];
  const live = liveOf(last);
  live.metadata.finalizers.push('other.io/x');
  const patch = createThreeWayMergePatch(last, next, live, Deployment);
  assert.deepEqual(patch.metadata, {
    '$deleteFromPrimitiveList/finalizers': ['example.com/a'],
    '$setElementOrder/finalizers': ['example.com/b'],
  });
  assert.deepEqual(strategicMergePatch(live, patch, Deployment).metadata.finalizers, ['example.com/b', 'other.io/x']);
});

test('retainKeys: switching the strategy type drops the old type\'s fields', () => {
  const last = config();
  last.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } };
  const live = liveOf(last);
  live.spec.strategy.rollingUpdate.maxUnavailable = '25%';
  const next = config();
  next.spec.strategy = { type: 'Recreate' };
  const patch = createThreeWayMergePatch(last, next, live, Deployment);
  assert.deepEqual((patch as Obj).spec.strategy, { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' });
  assert.deepEqual(strategicMergePatch(live, patch, Deployment).spec.strategy, { type: 'Recreate' });
});

test('reordering containers in the config reorders them on live', () => {
  const last = config();
  const next = config();
  next.spec.template.spec.containers.reverse();
  assert.deepEqual(names(apply(last, next, liveOf(last))), ['sidecar', 'nginx']);
});

test('without last-applied, apply only adds and changes', () => {
  const next = config();
  next.spec.replicas = 3;
  const out = apply({}, next, liveOf(config()));
  assert.equal(out.spec.replicas, 3);
  assert.equal(out.metadata.labels.owner, 'team-b');
});

test('overwrite: false refuses to change a field someone else changed', () => {
  const last = config();
  const live = liveOf(last);
  live.spec.replicas = 5;
  const next = config();
  next.spec.replicas = 3;
  assert.throws(() => createThreeWayMergePatch(last, next, live, Deployment, { overwrite: false }),
    (e: unknown) => e instanceof StatusError && e.code === 409 && e.message.startsWith('patch:\n'));
  // changes that do not touch what others changed are fine (live's extra label and defaults)
  const next2 = config();
  next2.metadata.labels.tier = 'fe';
  const patch = createThreeWayMergePatch(last, next2, liveOf(last), Deployment, { overwrite: false });
  assert.deepEqual(patch, { metadata: { labels: { tier: 'fe' } } });
});

test('two-way patch (kubectl edit) round-trips', () => {
  const before = liveOf(config());
  const after = structuredClone(before);
  after.spec.template.spec.containers.splice(1, 1);
  after.spec.template.spec.containers[0].env.push({ name: 'C', value: '3' });
  after.metadata.labels = { app: 'web', env: 'prod' };
  after.metadata.finalizers = ['example.com/b'];
  const patch = createTwoWayMergePatch(before, after, Deployment);
  assert.deepEqual(patch.metadata, {
    labels: { env: 'prod', owner: null },
    '$deleteFromPrimitiveList/finalizers': ['example.com/a'],
    '$setElementOrder/finalizers': ['example.com/b'],
  });
  assert.deepEqual(strategicMergePatch(before, patch, Deployment), after);
  assert.deepEqual(createTwoWayMergePatch(before, before, Deployment), {});
});

test('two-way patch on a pod: ports keyed by containerPort, tolerations replaced', () => {
  const before = {
    spec: {
      containers: [{ name: 'a', ports: [{ containerPort: 80 }, { containerPort: 443 }] }],
      tolerations: [{ key: 'x', operator: 'Exists' }],
    },
  };
  const after = {
    spec: {
      containers: [{ name: 'a', ports: [{ containerPort: 443 }, { containerPort: 8080 }] }],
      tolerations: [{ key: 'y', operator: 'Exists' }],
    },
  };
  const patch = createTwoWayMergePatch(before, after, Pod);
  assert.deepEqual(patch, {
    spec: {
      '$setElementOrder/containers': [{ name: 'a' }],
      containers: [{
        name: 'a',
        '$setElementOrder/ports': [{ containerPort: 443 }, { containerPort: 8080 }],
        ports: [{ containerPort: 8080 }, { containerPort: 80, $patch: 'delete' }],
      }],
      tolerations: [{ key: 'y', operator: 'Exists' }],
    },
  });
  assert.deepEqual(strategicMergePatch(before, patch, Pod), after);
});
