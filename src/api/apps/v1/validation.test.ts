import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString, type FieldError } from '../../../machinery/field-errors.js';
import { validateDeployment, validateDeploymentUpdate, validateReplicaSet } from './deployment-validation.js';
import {
  validateControllerRevision, validateControllerRevisionUpdate, validateDaemonSet, validateStatefulSet, validateStatefulSetUpdate,
} from './set-validation.js';
import { defaultDaemonSet, defaultDeployment, defaultStatefulSet } from './defaults.js';
import type { Deployment } from './deployment.js';
import type { DaemonSet } from './daemon-set.js';
import type { StatefulSet } from './stateful-set.js';
import type { ReplicaSet } from './replica-set.js';

const msgs = (errs: FieldError[]) => errs.map(errorString);

function deployment(mut?: (d: Deployment) => void): Deployment {
  const d = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
  } as Deployment;
  defaultDeployment(d);
  mut?.(d);
  return d;
}

test('a defaulted Deployment is valid', () => {
  assert.deepEqual(msgs(validateDeployment(deployment())), []);
});

test('selector must match the template labels', () => {
  const d = deployment((x) => { x.spec!.selector = { matchLabels: { app: 'x' } }; (x.spec!.template as { metadata: object }).metadata = { labels: { app: 'y' } }; });
  assert.deepEqual(msgs(validateDeployment(d)), [
    'spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`',
  ]);
});

test('a missing selector is required and selects nothing', () => {
  const d = deployment((x) => { delete (x.spec as { selector?: unknown }).selector; });
  assert.deepEqual(msgs(validateDeployment(d)), [
    'spec.selector: Required value',
    'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
  ]);
});

test('an empty selector is invalid for a deployment', () => {
  const d = deployment((x) => { x.spec!.selector = {}; });
  assert.deepEqual(msgs(validateDeployment(d)), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  ]);
});

test('selector expressions: operator and values rules', () => {
  const d = deployment((x) => {
    x.spec!.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] };
  });
  const out = msgs(validateDeployment(d));
  assert.equal(out[0], "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
  assert.ok(out.some((m) => m.startsWith('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"app", Operator:"In", Values:[]string{}}}}: invalid label selector')));
});

test('selector is immutable in apps/v1', () => {
  const old = deployment();
  const d = deployment((x) => {
    x.spec!.selector = { matchLabels: { app: 'web', tier: 'fe' } };
    (x.spec!.template as { metadata: { labels: object } }).metadata.labels = { app: 'web', tier: 'fe' };
  });
  assert.deepEqual(msgs(validateDeploymentUpdate(d, old)), [
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  ]);
  assert.deepEqual(msgs(validateDeploymentUpdate(deployment((x) => { x.spec!.replicas = 5; }), old)), []);
});

test('replicas, minReadySeconds and progressDeadlineSeconds', () => {
  const d = deployment((x) => { x.spec!.replicas = -1; x.spec!.minReadySeconds = 600; });
  assert.deepEqual(msgs(validateDeployment(d)), [
    'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
  ]);
});

test('rolling update: maxSurge and maxUnavailable may not both be 0; percentages', () => {
  const d = deployment((x) => { x.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }; });
  assert.deepEqual(msgs(validateDeployment(d)), [
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
  ]);
  const pct = deployment((x) => { x.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '110%', maxSurge: '1' } }; });
  assert.deepEqual(msgs(validateDeployment(pct)), [
    "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"1\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}: must not be greater than 100%',
  ]);
  const recreate = deployment((x) => { x.spec!.strategy = { type: 'Recreate', rollingUpdate: {} }; });
  assert.deepEqual(msgs(validateDeployment(recreate)), [
    "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
  ]);
});

test('templates of replica controllers must restart Always', () => {
  const d = deployment((x) => { (x.spec!.template as { spec: { restartPolicy: string } }).spec.restartPolicy = 'Never'; });
  assert.deepEqual(msgs(validateDeployment(d)), [
    'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  ]);
});

test('ReplicaSet: negative replicas and name', () => {
  const rs = {
    metadata: { name: 'Web', namespace: 'default' },
    spec: { replicas: -2, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { restartPolicy: 'Always', containers: [] } } },
  } as unknown as ReplicaSet;
  const out = msgs(validateReplicaSet(rs));
  assert.ok(out[0].startsWith('metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain'));
  assert.equal(out[1], 'spec.replicas: Invalid value: -2: must be greater than or equal to 0');
});

function daemonSet(mut?: (d: DaemonSet) => void): DaemonSet {
  const ds = { metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent:1' }] } } } } as DaemonSet;
  defaultDaemonSet(ds);
  mut?.(ds);
  return ds;
}

test('DaemonSet: defaulted is valid; surge and unavailable rules', () => {
  assert.deepEqual(msgs(validateDaemonSet(daemonSet())), []);
  const both = daemonSet((x) => { x.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } }; });
  assert.deepEqual(msgs(validateDaemonSet(both)), [
    'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
  ]);
  const none = daemonSet((x) => { x.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }; });
  assert.deepEqual(msgs(validateDaemonSet(none)), ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0']);
});

function statefulSet(mut?: (s: StatefulSet) => void): StatefulSet {
  const ss = { metadata: { name: 'db', namespace: 'default' },
    spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'db:1' }] } } } } as StatefulSet;
  defaultStatefulSet(ss);
  mut?.(ss);
  return ss;
}

test('StatefulSet: DNS-label names, policies, ordinals', () => {
  assert.deepEqual(msgs(validateStatefulSet(statefulSet())), []);
  const bad = statefulSet((x) => {
    x.metadata!.name = 'db.main';
    x.spec!.podManagementPolicy = 'Random' as 'Parallel';
    x.spec!.ordinals = { start: -1 };
    x.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' as 'Retain', whenScaled: 'Retain' };
  });
  const out = msgs(validateStatefulSet(bad));
  assert.ok(out[0].startsWith('metadata.name: Invalid value: "db.main": a lowercase RFC 1123 label must consist of'));
  assert.deepEqual(out.slice(1), [
    "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
    'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
    'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
  ]);
});

test('StatefulSet: only some spec fields may change', () => {
  const old = statefulSet();
  const scaled = statefulSet((x) => { x.spec!.replicas = 3; x.spec!.minReadySeconds = 5; x.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' }; });
  assert.deepEqual(msgs(validateStatefulSetUpdate(scaled, old)), []);
  const renamed = statefulSet((x) => { x.spec!.serviceName = 'other'; });
  assert.deepEqual(msgs(validateStatefulSetUpdate(renamed, old)), [
    "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  ]);
});

test('ControllerRevision: data is mandatory and immutable', () => {
  const cr = { metadata: { name: 'web-5d4f', namespace: 'default' }, revision: 1, data: { spec: {} } };
  assert.deepEqual(msgs(validateControllerRevision({ ...cr, data: undefined })), ['data: Required value: data is mandatory']);
  const changed = { ...cr, data: { spec: { x: 1 } } };
  assert.equal(msgs(validateControllerRevisionUpdate(changed, cr)).at(-1), 'data: Invalid value: {"spec":{"x":1}}: field is immutable');
});
