// Required fields left out (issue 15 item 3) used to crash validation with 500 TypeError; each is
// a 422 naming the field as upstream, whose validators see Go's zero value ("" or port 0).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { podSpec } from './fuzz-samples.js';
import { startTestServer, type TestServer } from './testing.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(async () => {
  await t.close();
});

type Json = Record<string, unknown>;
const labels = { app: 'web' };

/** Where a pod spec sits in each kind, and the URL that creates it. */
const HOLDERS: Array<{ kind: string; url: string; prefix: string; wrap(spec: Json): Json }> = [
  { kind: 'Pod', url: '/api/v1/namespaces/default/pods', prefix: 'spec', wrap: (spec) => ({ apiVersion: 'v1', spec }) },
  {
    kind: 'Deployment', url: '/apis/apps/v1/namespaces/default/deployments', prefix: 'spec.template.spec',
    wrap: (spec) => ({ apiVersion: 'apps/v1', spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } }),
  },
  {
    kind: 'DaemonSet', url: '/apis/apps/v1/namespaces/default/daemonsets', prefix: 'spec.template.spec',
    wrap: (spec) => ({ apiVersion: 'apps/v1', spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } } }),
  },
  {
    kind: 'CronJob', url: '/apis/batch/v1/namespaces/default/cronjobs', prefix: 'spec.jobTemplate.spec.template.spec',
    wrap: (spec) => ({ apiVersion: 'batch/v1', spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { ...spec, restartPolicy: 'OnFailure' } } } } } }),
  },
];

/** A change to a valid pod spec that leaves one required field out, and the cause upstream gives. */
const CASES: Array<{ what: string; change(spec: Json): void; cause: (prefix: string) => string }> = [
  {
    what: 'a volume without name',
    change: (s) => { delete (s.volumes as Json[])[0].name; (s.containers as Json[])[0].volumeMounts = []; },
    cause: (p) => `${p}.volumes[0].name: Required value`,
  },
  {
    what: 'an httpGet probe without port',
    change: (s) => { delete (((s.containers as Json[])[0].livenessProbe as Json).httpGet as Json).port; },
    cause: (p) => `${p}.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive`,
  },
  {
    what: 'a tcpSocket probe without port',
    change: (s) => { delete (((s.containers as Json[])[0].readinessProbe as Json).tcpSocket as Json).port; },
    cause: (p) => `${p}.containers[0].readinessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive`,
  },
  {
    what: 'a grpc probe without port',
    change: (s) => { delete (((s.containers as Json[])[0].startupProbe as Json).grpc as Json).port; },
    cause: (p) => `${p}.containers[0].startupProbe.grpc.port: Invalid value: 0: must be between 1 and 65535, inclusive`,
  },
  {
    what: 'a node affinity requirement without key',
    change: (s) => { delete nodeRequirement(s).key; },
    cause: (p) => `${p}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: Invalid value: "": name part must be non-empty`,
  },
  {
    what: 'a pod affinity term requirement without key',
    change: (s) => { delete podAffinitySelector(s).key; },
    cause: (p) => `${p}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].key: Invalid value: "": name part must be non-empty`,
  },
  {
    what: 'a readiness gate without conditionType',
    change: (s) => { delete (s.readinessGates as Json[])[0].conditionType; },
    cause: (p) => `${p}.readinessGates[0].conditionType: Invalid value: "": name part must be non-empty`,
  },
];

function nodeRequirement(s: Json): Json {
  const required = ((s.affinity as Json).nodeAffinity as Json).requiredDuringSchedulingIgnoredDuringExecution as Json;
  return ((required.nodeSelectorTerms as Json[])[0].matchExpressions as Json[])[0];
}

function podAffinitySelector(s: Json): Json {
  const term = (((s.affinity as Json).podAffinity as Json).requiredDuringSchedulingIgnoredDuringExecution as Json[])[0];
  return ((term.labelSelector as Json).matchExpressions as Json[])[0];
}

for (const holder of HOLDERS) {
  for (const c of CASES) {
    test(`${holder.kind}: ${c.what} is 422 with the field path`, async () => {
      const spec = podSpec();
      c.change(spec);
      const body = { ...holder.wrap(spec), kind: holder.kind, metadata: { name: 'missing' } };
      const r = await t.request('POST', `${holder.url}?dryRun=All`, { body });
      assert.equal(r.status, 422, r.text.slice(0, 400));
      const status = r.json<{ reason: string; message: string }>();
      assert.equal(status.reason, 'Invalid');
      assert.ok(status.message.includes(c.cause(holder.prefix)), status.message);
    });
  }
}

test('a PersistentVolume node affinity requirement without key is 422 with the field path', async () => {
  const r = await t.request('POST', '/api/v1/persistentvolumes?dryRun=All', {
    body: {
      apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' },
      spec: {
        capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ operator: 'In', values: ['n1'] }] }] } },
      },
    },
  });
  assert.equal(r.status, 422, r.text.slice(0, 400));
  assert.match(r.json<{ message: string }>().message, /spec\.nodeAffinity\.required\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.key: Invalid value: "": name part must be non-empty/);
});
