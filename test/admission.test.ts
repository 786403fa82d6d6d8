// Admission end to end: the real kubectl against `kubets server` with the admission chain on.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { issueCert } from '../src/cluster/pki.js';
import { writeKubeconfig } from '../src/cluster/kubeconfig.js';
import { clientFromKubeconfig } from './api-client.js';
import { startServer, kubectl, hasKubectl, type TestCluster } from './cluster.js';

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata: {name: root, namespace: locked}
spec:
  containers:
  - name: c
    image: nginx
    securityContext: {privileged: true}
`;

describe('admission with the real kubectl', { skip: !hasKubectl(33) && 'kubectl 1.33 not installed' }, () => {
  let c: TestCluster;
  const k = (args: string[], input?: string) => kubectl(c, 33, args, { input });

  before(async () => {
    c = await startServer();
  });
  after(async () => {
    await c?.stop();
  });

  test('a create in a missing namespace fails with upstream\'s message', () => {
    const r = k(['create', 'configmap', 'cm', '-n', 'nope', '--from-literal=a=b']);
    assert.notEqual(r.status, 0);
    assert.equal(r.stderr, 'error: failed to create configmap: namespaces "nope" not found\n');
    const p = k(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: nope}\nspec: {containers: [{name: c, image: nginx}]}\n');
    assert.notEqual(p.status, 0);
    assert.match(p.stderr, /Error from server \(NotFound\): error when creating "STDIN": namespaces "nope" not found/);
  });

  test('kubectl delete ns default is refused', () => {
    const r = k(['delete', 'ns', 'default']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Error from server \(Forbidden\): namespaces "default" is forbidden: this namespace may not be deleted/);
    assert.equal(k(['get', 'ns', 'default']).status, 0);
  });

  test('a restricted namespace refuses a privileged pod', () => {
    assert.equal(k(['create', 'ns', 'locked']).status, 0);
    assert.equal(k(['label', 'ns', 'locked', 'pod-security.kubernetes.io/enforce=restricted']).status, 0);
    const r = k(['apply', '-f', '-'], PRIVILEGED_POD);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /pods "root" is forbidden: violates PodSecurity "restricted:latest": privileged \(container "c" must not set securityContext.privileged=true\), allowPrivilegeEscalation != false \(container "c" must set securityContext.allowPrivilegeEscalation=false\), unrestricted capabilities \(container "c" must set securityContext.capabilities.drop=\["ALL"\]\), runAsNonRoot != true \(pod or container "c" must set securityContext.runAsNonRoot=true\), seccompProfile \(pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"\)/);
  });

  test('a restricted namespace only warns about a Deployment\'s template', () => {
    const r = k(['create', 'deployment', 'web', '-n', 'locked', '--image=nginx']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(container "nginx" must set securityContext.allowPrivilegeEscalation=false\)/);
  });

  test('a terminating namespace takes nothing new', () => {
    // a finalizer nobody removes keeps the namespace terminating
    assert.equal(k(['apply', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: leaving, finalizers: [example.com/hold]}\n').status, 0);
    assert.equal(k(['delete', 'ns', 'leaving', '--wait=false']).status, 0);
    const r = k(['create', 'configmap', 'late', '-n', 'leaving']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /configmaps "late" is forbidden: unable to create new content in namespace leaving because it is being terminated/);
  });

  test('a warn label shows up as a kubectl warning', () => {
    assert.equal(k(['create', 'ns', 'watched']).status, 0);
    assert.equal(k(['label', 'ns', 'watched', 'pod-security.kubernetes.io/warn=restricted']).status, 0);
    const r = k(['run', 'w', '-n', 'watched', '--image=nginx']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /Warning: would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false/);
  });

  test('a LimitRange default appears on a pod, with the default SA token volume', () => {
    assert.equal(k(['create', 'ns', 'limits']).status, 0);
    const lr = `apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: limits}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m, memory: 128Mi}
`;
    assert.equal(k(['apply', '-f', '-'], lr).status, 0);
    const run = k(['run', 'web', '-n', 'limits', '--image=nginx']);
    assert.equal(run.status, 0, run.stderr);
    const got = k(['get', 'pod', 'web', '-n', 'limits', '-o', 'yaml']);
    assert.equal(got.status, 0, got.stderr);
    const pod = parse(got.stdout);
    const ctr = pod.spec.containers[0];
    assert.deepEqual(ctr.resources, { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    assert.equal(pod.metadata.annotations['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web');
    assert.equal(pod.spec.serviceAccountName, 'default');
    const vol = pod.spec.volumes.find((v: { name: string }) => v.name.startsWith('kube-api-access-'));
    assert.ok(vol, got.stdout);
    assert.equal(vol.projected.sources[0].serviceAccountToken.expirationSeconds, 3607);
    assert.deepEqual(ctr.volumeMounts, [{ name: vol.name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }]);
    assert.deepEqual(pod.spec.tolerations.map((t: { key: string }) => t.key), ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
    assert.equal(pod.spec.priority, 0);
  });

  test('a kubelet may register only its own Node, without the reserved labels, and it starts tainted not-ready', async () => {
    const pki = join(c.dataDir, 'pki');
    const ca = { cert: readFileSync(join(pki, 'ca.crt'), 'utf8'), key: readFileSync(join(pki, 'ca.key'), 'utf8') };
    const cert = await issueCert(ca, { cn: 'system:node:n1', groups: ['system:nodes'], usage: 'client' });
    const conf = join(c.dataDir, 'n1.conf');
    writeKubeconfig(conf, { server: c.url, caCert: ca.cert, clientCert: cert.cert, clientKey: cert.key, userName: 'system:node:n1' });
    const asNode = (args: string[], input?: string) => kubectl(c, 33, ['--kubeconfig', conf, ...args], { input, env: { KUBECONFIG: conf } });
    const node = (name: string, labels: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: ${name}, labels: {${labels}}}\n`;
    const reserved = asNode(['create', '-f', '-'], node('n1', 'node-restriction.kubernetes.io/pool: a'));
    assert.notEqual(reserved.status, 0);
    assert.match(reserved.stderr, /nodes "n1" is forbidden: node "n1" is not allowed to set the following labels: node-restriction.kubernetes.io\/pool/);
    const other = asNode(['create', '-f', '-'], node('n2', 'a: b'));
    assert.notEqual(other.status, 0);
    assert.match(other.stderr, /nodes "n2" is forbidden: node "n1" is not allowed to modify node "n2"/);
    const own = asNode(['create', '-f', '-'], node('n1', 'kubernetes.io/hostname: n1'));
    assert.equal(own.status, 0, own.stderr);
    const got = parse(k(['get', 'node', 'n1', '-o', 'yaml']).stdout);
    assert.deepEqual(got.spec.taints, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
  });

  test('a full quota refuses the next pod with upstream\'s message', () => {
    assert.equal(k(['create', 'ns', 'quota']).status, 0);
    assert.equal(k(['create', 'quota', 'q', '-n', 'quota', '--hard=pods=2']).status, 0);
    assert.deepEqual(parse(k(['get', 'quota', 'q', '-n', 'quota', '-o', 'yaml']).stdout).status, { hard: { pods: '2' }, used: { pods: '0' } });
    for (const name of ['a', 'b']) {
      const r = k(['run', name, '-n', 'quota', '--image=nginx']);
      assert.equal(r.status, 0, r.stderr);
    }
    const r = k(['run', 'c', '-n', 'quota', '--image=nginx']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Error from server \(Forbidden\): pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2/);
    const q = parse(k(['get', 'quota', 'q', '-n', 'quota', '-o', 'yaml']).stdout);
    assert.deepEqual(q.status.used, { pods: '2' });
    assert.equal(k(['delete', 'pod', 'a', '-n', 'quota', '--wait=false']).status, 0);
    const again = k(['run', 'c', '-n', 'quota', '--image=nginx']);
    assert.equal(again.status, 0, again.stderr);
  });

  test('20 concurrent pod creates against a quota of 5: exactly 5 get through', async () => {
    assert.equal(k(['create', 'ns', 'race']).status, 0);
    assert.equal(k(['create', 'quota', 'five', '-n', 'race', '--hard=pods=5']).status, 0);
    const api = clientFromKubeconfig(c.kubeconfig);
    const body = (i: number) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}` }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      api.request('POST', '/api/v1/namespaces/race/pods', body(i), { 'content-type': 'application/json' })));
    assert.equal(results.filter((r) => r.status === 201).length, 5, results.map((r) => r.body).join('\n'));
    for (const r of results.filter((x) => x.status !== 201)) {
      assert.equal(r.status, 403);
      assert.match(r.json().message, /exceeded quota: five, requested: pods=1, used: pods=5, limited: pods=5/);
    }
    assert.equal(parse(k(['get', 'quota', 'five', '-n', 'race', '-o', 'yaml']).stdout).status.used.pods, '5');
    assert.equal(k(['get', 'pods', '-n', 'race', '-o', 'name']).stdout.trim().split('\n').length, 5);
  });
});
