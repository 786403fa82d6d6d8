import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scheme } from '../index.js';
import { BadRequestError } from '../../machinery/errors.js';
import { decodeMessageByName, decodeProtobuf } from './decode.js';
import { encodeMessageByName, encodeProtobuf, wrapUnknown } from './encode.js';
import { MessageWriter, varintBytes } from './wire.js';

const CORE = 'io.k8s.api.core.v1';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

type Json = Record<string, any>;

function roundTrip(obj: Json): Json {
  return decodeProtobuf(encodeProtobuf(obj, scheme), scheme).object as Json;
}

/** A body whose raw message is built by hand. */
function body(apiVersion: string, kind: string, build: (w: MessageWriter) => void): Uint8Array {
  const w = new MessageWriter();
  build(w);
  return wrapUnknown(apiVersion, kind, w.finish());
}

function message(build: (w: MessageWriter) => void): Uint8Array {
  const w = new MessageWriter();
  build(w);
  return w.finish();
}

function badRequest(fn: () => unknown, message: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof BadRequestError, `not a BadRequestError: ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

test('pointer fields keep their zero values; non-pointer omitempty zeros are dropped', () => {
  const d = roundTrip({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: {
      replicas: 0, paused: false, minReadySeconds: 0, selector: { matchLabels: { app: 'web' } },
      template: { spec: { hostNetwork: false, automountServiceAccountToken: false, containers: [{ name: 'c', image: '', ports: [{ containerPort: 0 }] }] } },
    },
  });
  assert.equal(d.spec.replicas, 0);
  assert.equal('paused' in d.spec, false);
  assert.equal('minReadySeconds' in d.spec, false);
  assert.equal(d.spec.template.spec.automountServiceAccountToken, false);
  assert.equal('hostNetwork' in d.spec.template.spec, false);
  // name and containerPort have no omitempty: Go writes them even when zero
  assert.deepEqual(d.spec.template.spec.containers, [{ name: 'c', ports: [{ containerPort: 0 }], resources: {} }]);
  assert.deepEqual(d.status, {});
  assert.deepEqual(d.spec.strategy, {});
  assert.equal(d.metadata.creationTimestamp, null);
  const sa = roundTrip({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' }, automountServiceAccountToken: false });
  assert.deepEqual(sa, { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'robot', creationTimestamp: null }, automountServiceAccountToken: false });
  const absent = roundTrip({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} });
  assert.equal('replicas' in absent.spec, false);
  assert.equal(absent.spec.selector, null); // *LabelSelector without omitempty: Go writes null
});

test('negative int32 and int64 are 10-byte varints', () => {
  assert.equal(varintBytes(-1).length, 10);
  const raw = message((w) => {
    w.bytes(1, encodeMessageByName(`${META}.ObjectMeta`, { name: 'x', deletionGracePeriodSeconds: -5 }));
    w.bytes(2, message((s) => s.varint(5, -1))); // minReadySeconds
  });
  const d = decodeProtobuf(wrapUnknown('apps/v1', 'Deployment', raw), scheme).object as Json;
  assert.equal(d.metadata.deletionGracePeriodSeconds, -5);
  assert.equal(d.spec.minReadySeconds, -1);
  // a varint wider than int32 is truncated as Go's int32 conversion does
  const wide = decodeProtobuf(body('apps/v1', 'Deployment', (w) => w.bytes(2, message((s) => s.varint(5, 0x1_0000_0007n)))), scheme);
  assert.equal((wide.object as Json).spec.minReadySeconds, 7);
});

test('times: Time keeps whole seconds, MicroTime microseconds, the zero time is null', () => {
  const ev = roundTrip({
    apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e', namespace: 'default', creationTimestamp: '2024-01-02T15:04:05Z' },
    eventTime: '2024-01-02T15:04:05.123456Z', deprecatedFirstTimestamp: '1999-12-31T23:59:59Z', reportingController: 'c', reportingInstance: 'i',
  });
  assert.equal(ev.metadata.creationTimestamp, '2024-01-02T15:04:05Z');
  assert.equal(ev.eventTime, '2024-01-02T15:04:05.123456Z');
  assert.equal(ev.deprecatedFirstTimestamp, '1999-12-31T23:59:59Z');
  assert.equal(ev.deprecatedLastTimestamp, null);
  // nanos on the wire: ignored for Time, truncated to microseconds for MicroTime
  const ts = (s: number, n: number): Uint8Array => message((t) => { t.varint(1, s); t.varint(2, n); });
  const d = decodeProtobuf(body('events.k8s.io/v1', 'Event', (w) => {
    w.bytes(1, message((m) => m.bytes(8, ts(1704207845, 999_000_000))));
    w.bytes(2, ts(1704207845, 5_999));
  }), scheme).object as Json;
  assert.equal(d.metadata.creationTimestamp, '2024-01-02T15:04:05Z');
  assert.equal(d.eventTime, '2024-01-02T15:04:05.000005Z');
  // Go's zero time (year 1) written out explicitly is still the zero time
  const zero = decodeProtobuf(body('v1', 'ConfigMap', (w) => w.bytes(1, message((m) => m.bytes(8, ts(-62135596800, 0))))), scheme);
  assert.equal((zero.object as Json).metadata.creationTimestamp, null);
});

test('quantities come out canonical; IntOrString as number or string', () => {
  const q = decodeProtobuf(body('v1', 'ResourceQuota', (w) => {
    w.bytes(2, message((spec) => {
      for (const [k, v] of [['memory', '0.5Gi'], ['cpu', '1.5'], ['pods', '']] as const) {
        spec.bytes(1, message((e) => {
          e.string(1, k);
          e.bytes(2, v ? message((qm) => qm.string(1, v)) : new Uint8Array(0));
        }));
      }
    }));
  }), scheme).object as Json;
  assert.deepEqual(q.spec.hard, { cpu: '1500m', memory: '512Mi', pods: '0' });
  assert.deepEqual(Object.keys(q.spec.hard), ['cpu', 'memory', 'pods']);
  badRequest(() => decodeProtobuf(body('v1', 'ResourceQuota', (w) => w.bytes(2, message((spec) => spec.bytes(1, message((e) => {
    e.string(1, 'cpu');
    e.bytes(2, message((qm) => qm.string(1, 'lots')));
  }))))), scheme), /^unable to decode protobuf body for v1 ResourceQuota: invalid quantity "lots": /);
  const pdb = roundTrip({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: '50%', maxUnavailable: 0 } });
  assert.equal(pdb.spec.minAvailable, '50%');
  assert.equal(pdb.spec.maxUnavailable, 0);
  badRequest(() => decodeProtobuf(body('policy/v1', 'PodDisruptionBudget', (w) => w.bytes(2, message((s) => s.bytes(1, message((i) => i.varint(1, 7)))))), scheme),
    'unable to decode protobuf body for policy/v1 PodDisruptionBudget: impossible IntOrString.Type 7');
});

test('[]byte is base64, maps come out sorted, embedded JSON is parsed', () => {
  const secret = roundTrip({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { z: 'AAE=', a: Buffer.from('hi').toString('base64') } });
  assert.deepEqual(secret.data, { a: 'aGk=', z: 'AAE=' });
  assert.deepEqual(Object.keys(secret.data), ['a', 'z']);
  const rev = roundTrip({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, data: { spec: { a: [1, 'x'] } }, revision: 3 });
  assert.deepEqual(rev.data, { spec: { a: [1, 'x'] } });
  assert.equal(rev.revision, 3);
  const cm = roundTrip({
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: {
      name: 'c', managedFields: [{
        manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2024-01-02T15:04:05Z', fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:a': {} } },
      }],
    },
  });
  assert.deepEqual(cm.metadata.managedFields[0].fieldsV1, { 'f:data': { 'f:a': {} } });
  assert.equal(cm.metadata.managedFields[0].time, '2024-01-02T15:04:05Z');
});

test('wrapper messages of Go slices (ExtraValue) are arrays', () => {
  const sar = roundTrip({
    apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: {},
    spec: { user: 'alice', extra: { scopes: ['a', 'b'], empty: [] }, nonResourceAttributes: { path: '/healthz', verb: 'get' } },
  });
  assert.deepEqual(sar.spec.extra, { empty: [], scopes: ['a', 'b'] });
  assert.deepEqual(sar.spec.nonResourceAttributes, { path: '/healthz', verb: 'get' });
});

test('inline structs (VolumeSource, ProbeHandler, LocalObjectReference) merge into their parent', () => {
  const pod = {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
    spec: {
      volumes: [{ name: 'cfg', configMap: { name: 'app', defaultMode: 420, optional: false } }, { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
      containers: [{
        name: 'app', image: 'nginx',
        readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 },
        envFrom: [{ secretRef: { name: 'creds' } }],
        securityContext: { runAsUser: 0, capabilities: { drop: ['ALL'] } },
      }],
      securityContext: { supplementalGroups: [1000, -1] },
    },
  };
  const d = roundTrip(pod);
  assert.deepEqual(d.spec.volumes, [
    { name: 'cfg', configMap: { name: 'app', defaultMode: 420, optional: false } },
    { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
  ]);
  const c = d.spec.containers[0];
  assert.deepEqual(c.readinessProbe, { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 });
  assert.deepEqual(c.envFrom, [{ secretRef: { name: 'creds' } }]);
  assert.deepEqual(c.securityContext, { capabilities: { drop: ['ALL'] }, runAsUser: 0 });
  assert.deepEqual(d.spec.securityContext, { supplementalGroups: [1000, -1] });
  assert.deepEqual(d.status, {});
});

test('packed repeated integers and repeated message fields merge as protobuf says', () => {
  const packed = new Uint8Array([...varintBytes(5), ...varintBytes(70000)]);
  const d = decodeProtobuf(body('v1', 'Pod', (w) => {
    w.bytes(1, message((m) => m.string(1, 'p')));
    w.bytes(1, message((m) => m.bytes(11, message((e) => { e.string(1, 'app'); e.string(2, 'web'); }))));
    w.bytes(2, message((s) => s.bytes(14, message((sc) => sc.bytes(4, packed)))));
  }), scheme).object as Json;
  assert.deepEqual(d.metadata, { name: 'p', creationTimestamp: null, labels: { app: 'web' } });
  assert.deepEqual(d.spec.securityContext.supplementalGroups, [5, 70000]);
});

test('unknown field numbers are skipped and reported', () => {
  const container = message((c) => { c.string(1, 'app'); c.varint(99, 1); c.string(100, 'x'); });
  const r = decodeProtobuf(body('v1', 'Pod', (w) => {
    w.bytes(2, message((s) => s.bytes(2, container)));
    w.bytes(77, new Uint8Array([1, 2]));
  }), scheme);
  assert.deepEqual(r.unknownFields, ['#77', 'spec.containers[0]#99', 'spec.containers[0]#100']);
  assert.deepEqual((r.object as Json).spec.containers, [{ name: 'app', resources: {} }]);
});

test('kinds outside the scheme: subresource bodies and DeleteOptions', () => {
  const scale = roundTrip({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 0 } });
  // ScaleSpec.replicas is a plain int32 with omitempty, ScaleStatus.replicas has no omitempty
  assert.deepEqual(scale.spec, {});
  assert.deepEqual(scale.status, { replicas: 0 });
  const ev = roundTrip({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p1', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0 } });
  assert.deepEqual(ev.deleteOptions, { gracePeriodSeconds: 0 });
  const del = roundTrip({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Foreground', dryRun: ['All'] });
  assert.deepEqual(del, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground', dryRun: ['All'] });
});

test('malformed bodies are 400 Bad Request naming the problem', () => {
  const good = encodeProtobuf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2 } }, scheme);
  badRequest(() => decodeProtobuf(new TextEncoder().encode('{"kind":"Pod"}'), scheme),
    'unable to decode protobuf body: provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  badRequest(() => decodeProtobuf(good.subarray(0, good.length - 8), scheme), 'unable to decode protobuf body: truncated length-delimited field 2 in io.k8s.apimachinery.pkg.runtime.Unknown');
  // cut inside the object: the spec's own length now runs past the end of raw
  const raw = encodeMessageByName('io.k8s.api.apps.v1.Deployment', { metadata: { name: 'web' }, spec: { replicas: 2 } });
  badRequest(() => decodeProtobuf(wrapUnknown('apps/v1', 'Deployment', raw.subarray(0, raw.length - 5)), scheme),
    'unable to decode protobuf body for apps/v1 Deployment: truncated length-delimited field 3 in io.k8s.api.apps.v1.Deployment');
  badRequest(() => decodeProtobuf(body('apps/v1', 'Deployment', (w) => w.bytes(2, new Uint8Array([0x12, 0x05, 0x0a]))), scheme),
    'unable to decode protobuf body for apps/v1 Deployment: truncated length-delimited field 2 in io.k8s.api.apps.v1.DeploymentSpec');
  badRequest(() => decodeProtobuf(body('apps/v1', 'Deployment', (w) => w.bytes(2, new Uint8Array([0x08, 0xff]))), scheme),
    'unable to decode protobuf body for apps/v1 Deployment: truncated varint in field 1 of io.k8s.api.apps.v1.DeploymentSpec');
  badRequest(() => decodeProtobuf(body('apps/v1', 'Deployment', (w) => w.bytes(2, message((s) => s.varint(2, 1)))), scheme),
    'unable to decode protobuf body for apps/v1 Deployment: wrong wire type 0 for field 2 (selector) in io.k8s.api.apps.v1.DeploymentSpec');
  badRequest(() => decodeProtobuf(body('apps/v1', 'Deployment', (w) => w.bytes(2, new Uint8Array([0x03]))), scheme),
    'unable to decode protobuf body for apps/v1 Deployment: illegal field number 0 (wire type 3) in io.k8s.api.apps.v1.DeploymentSpec');
  badRequest(() => decodeProtobuf(body('apps/v1', 'Widget', () => undefined), scheme),
    'unable to decode protobuf body: no kind "Widget" is registered for version "apps/v1"');
  badRequest(() => decodeProtobuf(body('', '', () => undefined), scheme), "unable to decode protobuf body: Object 'Kind' is missing");
  const gz = new MessageWriter();
  gz.bytes(1, message((t) => { t.string(1, 'v1'); t.string(2, 'ConfigMap'); }));
  gz.bytes(2, new Uint8Array(0));
  gz.string(3, 'gzip');
  badRequest(() => decodeProtobuf(new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...gz.finish()]), scheme),
    'unable to decode protobuf body for v1 ConfigMap: unsupported content encoding "gzip"');
  const long = new Uint8Array([0x38, ...new Array<number>(10).fill(0xff), 0x01]);
  badRequest(() => decodeProtobuf(body('v1', 'ConfigMap', (w) => w.bytes(1, long)), scheme),
    'unable to decode protobuf body for v1 ConfigMap: varint overflows 64 bits in field 7 of io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
});

test('an empty object decodes to the zero struct Go would write', () => {
  const ns = decodeProtobuf(body('v1', 'Namespace', () => undefined), scheme).object;
  assert.deepEqual(ns, { kind: 'Namespace', apiVersion: 'v1', metadata: { creationTimestamp: null }, spec: {}, status: {} });
  const cm = decodeProtobuf(body('v1', 'ConfigMap', () => undefined), scheme).object;
  assert.deepEqual(cm, { kind: 'ConfigMap', apiVersion: 'v1', metadata: { creationTimestamp: null } });
  const core = encodeMessageByName(`${CORE}.ConfigMap`, {});
  // gogo writes every non-pointer scalar of ObjectMeta, zero or not, and the empty creationTimestamp
  assert.deepEqual([...core], [0x0a, 16, 0x0a, 0, 0x12, 0, 0x1a, 0, 0x22, 0, 0x2a, 0, 0x32, 0, 0x38, 0, 0x42, 0]);
});

test('lists and Status encode for responses; request decoding still refuses them', () => {
  const list = {
    apiVersion: 'apps/v1', kind: 'DeploymentList', metadata: { resourceVersion: '5' },
    items: [{ metadata: { name: 'a' }, spec: { replicas: 1 } }, { metadata: { name: 'b' } }],
  };
  const bodyBytes = encodeProtobuf(list, scheme);
  const raw = encodeMessageByName('io.k8s.api.apps.v1.DeploymentList', list);
  assert.deepEqual(bodyBytes, wrapUnknown('apps/v1', 'DeploymentList', raw));
  const back = decodeMessageByName('io.k8s.api.apps.v1.DeploymentList', raw);
  assert.deepEqual(back.object.metadata, { resourceVersion: '5' });
  assert.deepEqual((back.object.items as Json[]).map((d) => [d.metadata.name, d.spec.replicas, d.status]), [['a', 1, {}], ['b', undefined, {}]]);
  badRequest(() => decodeProtobuf(bodyBytes, scheme), 'unable to decode protobuf body: no kind "DeploymentList" is registered for version "apps/v1"');
  const status = { apiVersion: 'v1', kind: 'Status', status: 'Failure', message: 'pods "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'pods' }, code: 404 };
  const s = decodeMessageByName('io.k8s.apimachinery.pkg.apis.meta.v1.Status', encodeMessageByName('io.k8s.apimachinery.pkg.apis.meta.v1.Status', status));
  assert.deepEqual(s.object, { metadata: {}, status: 'Failure', message: 'pods "x" not found', reason: 'NotFound', details: { name: 'x', kind: 'pods' }, code: 404 });
  assert.equal(encodeProtobuf(status, scheme).length > 0, true);
});
