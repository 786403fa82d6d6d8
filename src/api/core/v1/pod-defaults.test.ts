import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPod, defaultPodTemplateSpec } from './pod-defaults.js';
import { imagePullPolicyFor, imageTag, parseImageReference } from './image-reference.js';
import type { Pod, PodTemplateSpec } from './pod.js';

test('a minimal pod (kubectl run web --image=nginx) gets the defaults a real API server adds', () => {
  const pod: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', labels: { run: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  };
  defaultPod(pod);
  // What `kubectl get pod web -o yaml` shows, minus what admission plugins add
  // (serviceAccountName, tolerations, the token volume, priority, preemptionPolicy).
  assert.deepEqual(pod.spec, {
    containers: [{
      image: 'nginx',
      imagePullPolicy: 'Always',
      name: 'web',
      resources: {},
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    }],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  });
});

test('imagePullPolicy: Always for :latest or no tag, IfNotPresent for other tags and digests', () => {
  const cases: [string, string][] = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['docker.io/library/nginx', 'Always'],
    ['localhost:5000/nginx', 'Always'],
    ['localhost:5000/nginx:2', 'IfNotPresent'],
    ['registry.k8s.io/pause:3.10', 'IfNotPresent'],
    [`nginx@sha256:${'a'.repeat(64)}`, 'IfNotPresent'],
    [`nginx:latest@sha256:${'a'.repeat(64)}`, 'Always'],
    ['NGINX', 'IfNotPresent'], // not a valid reference: no tag is reported
    ['', 'IfNotPresent'],
  ];
  for (const [image, policy] of cases) assert.equal(imagePullPolicyFor(image), policy, image);
  assert.equal(imageTag('myregistry.io:8443/team/app:v1'), 'v1');
  assert.deepEqual(parseImageReference('myregistry.io:8443/team/app:v1'), { domain: 'myregistry.io:8443', path: 'team/app', tag: 'v1', digest: '' });
});

test('an explicit imagePullPolicy is kept', () => {
  const pod: Pod = { spec: { containers: [{ name: 'a', image: 'nginx', imagePullPolicy: 'Never' }] } };
  defaultPod(pod);
  assert.equal(pod.spec!.containers[0].imagePullPolicy, 'Never');
});

test('ports, probes, lifecycle hooks and env field references are defaulted', () => {
  const pod: Pod = {
    spec: {
      containers: [{
        name: 'a', image: 'nginx:1',
        ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
        livenessProbe: { httpGet: { port: 80 } },
        readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5 },
        lifecycle: { preStop: { httpGet: { port: 'http', path: '/stop' } } },
        env: [
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        ],
      }],
    },
  };
  defaultPod(pod);
  const c = pod.spec!.containers[0];
  assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }]);
  assert.deepEqual(c.livenessProbe, {
    httpGet: { port: 80, path: '/', scheme: 'HTTP' },
    timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3,
  });
  assert.deepEqual(c.readinessProbe, {
    grpc: { port: 9000, service: '' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3,
  });
  assert.deepEqual(c.lifecycle?.preStop?.httpGet, { port: 'http', path: '/stop', scheme: 'HTTP' });
  assert.deepEqual(c.env?.[0].valueFrom?.fieldRef, { fieldPath: 'metadata.name', apiVersion: 'v1' });
  assert.deepEqual(c.env?.[1].valueFrom?.resourceFieldRef, { resource: 'limits.cpu', divisor: '0' });
});

test('volumes: a volume without a source becomes emptyDir, modes default to 0644 (420)', () => {
  const pod: Pod = {
    spec: {
      containers: [{ name: 'a', image: 'b' }],
      volumes: [
        { name: 'scratch' },
        { name: 'cfg', configMap: { name: 'cfg' } },
        { name: 'sec', secret: { secretName: 's' } },
        { name: 'host', hostPath: { path: '/var/log' } },
        { name: 'down', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
    },
  };
  defaultPod(pod);
  const v = pod.spec!.volumes!;
  assert.deepEqual(v[0], { name: 'scratch', emptyDir: {} });
  assert.equal(v[1].configMap?.defaultMode, 420);
  assert.equal(v[2].secret?.defaultMode, 420);
  assert.deepEqual(v[3].hostPath, { path: '/var/log', type: '' });
  assert.equal(v[4].downwardAPI?.defaultMode, 420);
  assert.equal(v[4].downwardAPI?.items?.[0].fieldRef?.apiVersion, 'v1');
  assert.equal(v[5].projected?.defaultMode, 420);
  assert.equal(v[5].projected?.sources?.[0].serviceAccountToken?.expirationSeconds, 3600);
});

test('requests default to limits on pods, and quantities are stored in canonical form', () => {
  const pod: Pod = {
    spec: {
      containers: [{ name: 'a', image: 'b', resources: { limits: { cpu: '0.5', memory: '128Mi' }, requests: { memory: '64Mi' } } }],
      initContainers: [{ name: 'i', image: 'b', resources: { limits: { cpu: '1000m' } } }],
    },
  };
  defaultPod(pod);
  assert.deepEqual(pod.spec!.containers[0].resources, { limits: { cpu: '500m', memory: '128Mi' }, requests: { memory: '64Mi', cpu: '500m' } });
  assert.deepEqual(pod.spec!.initContainers![0].resources, { limits: { cpu: '1' }, requests: { cpu: '1' } });
});

test('quantities finer than a milli-unit are rounded up (SetDefaults_ResourceList)', () => {
  const pod: Pod = { spec: { containers: [{ name: 'a', image: 'b', resources: { requests: { cpu: '0.0001' } } }] } };
  defaultPod(pod);
  assert.equal(pod.spec!.containers[0].resources?.requests?.cpu, '1m');
});

test('pod templates get spec defaults but not the pod-only ones (service links, requests from limits)', () => {
  const tpl: PodTemplateSpec = {
    metadata: { labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx', resources: { limits: { cpu: '1' } } }] },
  };
  defaultPodTemplateSpec(tpl);
  assert.equal(tpl.spec!.enableServiceLinks, undefined);
  assert.deepEqual(tpl.spec!.containers[0].resources, { limits: { cpu: '1' } });
  assert.equal(tpl.spec!.restartPolicy, 'Always');
  assert.equal(tpl.spec!.terminationGracePeriodSeconds, 30);
  const empty: PodTemplateSpec = {};
  defaultPodTemplateSpec(empty);
  assert.equal(empty.spec?.dnsPolicy, 'ClusterFirst');
});

test('host network pods get hostPort = containerPort', () => {
  const pod: Pod = { spec: { hostNetwork: true, containers: [{ name: 'a', image: 'b', ports: [{ containerPort: 8080 }] }] } };
  defaultPod(pod);
  assert.deepEqual(pod.spec!.containers[0].ports, [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
});

test('the deprecated serviceAccount field mirrors serviceAccountName', () => {
  const a: Pod = { spec: { serviceAccountName: 'builder', containers: [] } };
  defaultPod(a);
  assert.equal(a.spec!.serviceAccount, 'builder');
  const b: Pod = { spec: { serviceAccount: 'old', containers: [] } };
  defaultPod(b);
  assert.equal(b.spec!.serviceAccountName, 'old');
  const c: Pod = { spec: { serviceAccount: 'old', serviceAccountName: 'new', containers: [] } };
  defaultPod(c);
  assert.equal(c.spec!.serviceAccount, 'new');
});

test('defaulting is idempotent', () => {
  const pod: Pod = { spec: { containers: [{ name: 'a', image: 'b', resources: { limits: { cpu: '2' } }, livenessProbe: { exec: { command: ['true'] } } }] } };
  defaultPod(pod);
  const once = structuredClone(pod);
  defaultPod(pod);
  assert.deepEqual(pod, once);
});
