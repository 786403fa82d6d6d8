// The kubectl scenario of the API server issue, run unchanged with the real kubectl 1.33 and 1.27.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, kubectl, kubectlPath, hasKubectl, writeManifest, type TestCluster } from './cluster.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: front}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app: web}
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 8080
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: box
  labels: {app: box, tier: back}
spec:
  containers:
  - name: main
    image: busybox
    command: [sleep, "3600"]
`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  labels: {app: web}
data:
  color: blue
`;

const RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: old
spec:
  replicas: 1
  selector: {tier: back, app: old}
  template:
    metadata:
      labels: {app: old, tier: back}
    spec:
      containers:
      - name: main
        image: busybox
`;

for (const minor of [33, 27]) {
  describe(`kubectl 1.${minor}`, { skip: !hasKubectl(minor) && `kubectl 1.${minor} is not installed` }, () => {
    let cluster: TestCluster;
    let dir: string;
    const k = (...args: string[]) => kubectl(cluster, minor, args);
    const ok = (...args: string[]) => {
      const r = k(...args);
      assert.equal(r.status, 0, `kubectl ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
      return r.stdout;
    };

    // the server runs the controller manager (no scheduler, no kubelet): what the controllers
    // write shows up a moment after the request that causes it
    const eventually = async (what: string, fn: () => boolean, ms = 30_000): Promise<void> => {
      const end = Date.now() + ms;
      while (!fn()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const names = (...args: string[]): string[] => ok(...args, '-o', 'name').trim().split('\n').filter(Boolean);

    before(async () => {
      cluster = await startServer();
      dir = mkdtempSync(join(tmpdir(), 'kubets-manifests-'));
      writeManifest(dir, 'deploy.yaml', DEPLOYMENT);
      writeManifest(dir, 'svc.yaml', SERVICE);
      writeManifest(dir, 'pod.yaml', POD);
      writeManifest(dir, 'cm.yaml', CONFIGMAP);
    });
    after(async () => {
      await cluster?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('version, cluster-info, readyz, api-versions', () => {
      assert.match(ok('version'), /Server Version: .*v1\.33\.0\+kubets/);
      // kubectl 1.27 colours this output even when it is not a terminal
      assert.match(ok('cluster-info').replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), ''), /Kubernetes control plane is running at https:\/\/127\.0\.0\.1:\d+/);
      assert.equal(ok('get', '--raw', '/readyz').trim(), 'ok');
      const versions = ok('api-versions').split('\n');
      for (const v of ['v1', 'apps/v1', 'batch/v1', 'rbac.authorization.k8s.io/v1', 'coordination.k8s.io/v1', 'autoscaling/v2']) {
        assert.ok(versions.includes(v), `api-versions lacks ${v}`);
      }
    });

    test('api-resources lists kinds with short names and scope', () => {
      const out = ok('api-resources');
      assert.match(out, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND/m);
      assert.match(out, /^pods\s+po\s+v1\s+true\s+Pod$/m);
      assert.match(out, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
      assert.match(out, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    });

    test('built-in namespaces and the kubernetes service exist', () => {
      const ns = ok('get', 'ns', '-o', 'name').trim().split('\n').sort();
      assert.deepEqual(ns, ['namespace/default', 'namespace/kube-node-lease', 'namespace/kube-public', 'namespace/kube-system']);
      assert.match(ok('get', 'svc', 'kubernetes'), /kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
    });

    test('create -f, then create again is AlreadyExists', () => {
      assert.equal(ok('create', '-f', join(dir, 'pod.yaml')).trim(), 'pod/box created');
      const again = k('create', '-f', join(dir, 'pod.yaml'));
      assert.notEqual(again.status, 0);
      assert.match(again.stderr, /Error from server \(AlreadyExists\): error when creating ".*pod\.yaml": pods "box" already exists/);
    });

    test('apply -f twice is created then unchanged; a change is configured', async () => {
      assert.equal(ok('apply', '-f', join(dir, 'deploy.yaml')).trim(), 'deployment.apps/web created');
      // the deployment controller's first ReplicaSet and its 2 pods, before the template changes
      await eventually('the first ReplicaSet with 2 pods', () => names('get', 'rs', '-l', 'app=web').length === 1 && names('get', 'pods', '-l', 'app=web').length === 2);
      assert.equal(ok('apply', '-f', join(dir, 'deploy.yaml')).trim(), 'deployment.apps/web unchanged');
      assert.equal(ok('apply', '-f', join(dir, 'svc.yaml')).trim(), 'service/web created');
      // drop env B and change the image: the list merge must remove exactly B
      writeFileSync(join(dir, 'deploy2.yaml'), DEPLOYMENT.replace('nginx:1.25', 'nginx:1.26').replace('        - {name: B, value: "2"}\n', ''));
      assert.equal(ok('apply', '-f', join(dir, 'deploy2.yaml')).trim(), 'deployment.apps/web configured');
      const d = JSON.parse(ok('get', 'deploy', 'web', '-o', 'json'));
      assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.26');
      assert.deepEqual(d.spec.template.spec.containers[0].env, [{ name: 'A', value: '1' }]);
      assert.equal(d.spec.strategy.rollingUpdate.maxSurge, '25%');
      assert.equal(d.metadata.generation, 2);
    });

    test('apply --server-side', () => {
      assert.equal(ok('apply', '--server-side', '-f', join(dir, 'cm.yaml')).trim(), 'configmap/settings serverside-applied');
      const cm = JSON.parse(ok('get', 'cm', 'settings', '-o', 'json', '--show-managed-fields'));
      assert.equal(cm.data.color, 'blue');
      assert.ok(cm.metadata.managedFields.some((m: { manager: string; operation: string }) => m.manager === 'kubectl' && m.operation === 'Apply'));
    });

    test('get: tables, wide, several kinds, -A, selectors, output formats', async () => {
      // with no node, no pod gets Ready: the rolling update to the changed template surges one
      // pod (maxSurge 25% of 2 rounds up to 1, maxUnavailable down to 0) and stops there, so
      // the old ReplicaSet keeps 2 pods and the new one has 1, all Pending
      await eventually('the rollout to stall at 2 old + 1 new pod', () => /^web\s+0\/2\s+1\s+0\s/.test(ok('get', 'deploy', 'web', '--no-headers')) &&
        names('get', 'pods', '-l', 'app=web').length === 3);
      const pod = '\\s+0\\/1\\s+Pending\\s+0\\s+\\S+\\n';
      assert.match(ok('get', 'pods'), new RegExp(`^NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\nbox${pod}(web-[a-z0-9]+-[a-z0-9]{5}${pod}){3}$`));
      assert.match(ok('get', 'pods', '-o', 'wide'), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
      const multi = ok('get', 'deployment,pod,svc');
      assert.match(multi, /deployment\.apps\/web\s+0\/2\s+1\s+0/);
      assert.match(multi, /pod\/box\s+0\/1\s+Pending/);
      assert.match(multi, /service\/web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/);
      assert.match(ok('get', 'pods', '-A'), /^NAMESPACE\s+NAME\s+READY/);
      assert.match(ok('get', 'ns', 'kube-system', '-o', 'yaml'), /^apiVersion: v1\nkind: Namespace\n/);
      assert.equal(ok('get', 'pod', 'box', '-o', 'jsonpath={.spec.containers[0].image}'), 'busybox');
      const webPods = names('get', 'pods', '-l', 'app=web');
      assert.equal(webPods.filter((n) => /^pod\/web-[a-z0-9]+-[a-z0-9]{5}$/.test(n)).length, 3);
      assert.deepEqual(names('get', 'pods,deploy,svc,cm', '-l', 'app in (web,box),tier!=none').sort(),
        ['configmap/settings', 'deployment.apps/web', 'pod/box', ...webPods, 'service/web'].sort());
      // the Deployment's pods carry only the template's labels (app, pod-template-hash): no tier
      assert.deepEqual(names('get', 'pods', '-l', '!tier').sort(), [...webPods].sort());
      assert.equal(ok('get', 'pods', '--field-selector', 'status.phase=Pending,metadata.name=box', '-o', 'name').trim(), 'pod/box');
      assert.equal(ok('get', 'pods', '--field-selector', 'status.phase!=Pending', '-o', 'name').trim(), '');
      assert.match(ok('get', 'ns', '-n', 'kube-system'), /kube-system\s+Active/);
    });

    test('describe', () => {
      const out = ok('describe', 'pod', 'box');
      assert.match(out, /^Name:\s+box$/m);
      assert.match(out, /^Namespace:\s+default$/m);
      assert.match(out, /^Status:\s+Pending$/m);
      assert.match(out, /Image:\s+busybox/);
      assert.match(ok('describe', 'deploy', 'web'), /Replicas:\s+2 desired/);
    });

    test('label, annotate, scale', () => {
      assert.equal(ok('label', 'pod', 'box', 'color=red').trim(), 'pod/box labeled');
      // kubectl 1.27 prints "annotate" here (its own bug), later versions "annotated"
      assert.match(ok('annotate', 'pod', 'box', 'note=hello').trim(), /^pod\/box annotated?$/);
      const p = JSON.parse(ok('get', 'pod', 'box', '-o', 'json'));
      assert.equal(p.metadata.labels.color, 'red');
      assert.equal(p.metadata.annotations.note, 'hello');
      assert.equal(ok('scale', 'deploy', 'web', '--replicas=5').trim(), 'deployment.apps/web scaled');
      assert.equal(ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'), '5');
    });

    test('kubectl debug adds an ephemeral container through pods/ephemeralcontainers', () => {
      ok('run', 'dbgpod', '--image=busybox', '--restart=Never', '--', 'sleep', '3600');
      ok('debug', 'dbgpod', '--image=busybox', '-c', 'dbg', '--target=dbgpod');
      assert.equal(ok('get', 'pod', 'dbgpod', '-o', 'jsonpath={.spec.ephemeralContainers[0].name} {.spec.ephemeralContainers[0].targetContainerName}'), 'dbg dbgpod');
      ok('delete', 'pod', 'dbgpod');
    });

    test('scale a ReplicationController (its Scale reports the selector string)', async () => {
      writeManifest(dir, 'rc.yaml', RC);
      ok('apply', '-f', join(dir, 'rc.yaml'));
      assert.equal(ok('scale', 'rc', 'old', '--replicas=3').trim(), 'replicationcontroller/old scaled');
      assert.equal(ok('get', 'rc', 'old', '-o', 'jsonpath={.spec.replicas}'), '3');
      await eventually('the RC\'s 3 pods', () => /^old\s+3\s+3\s+0\s/.test(ok('get', 'rc', 'old', '--no-headers')));
      const scale = JSON.parse(ok('get', '--raw', '/api/v1/namespaces/default/replicationcontrollers/old/scale'));
      assert.equal(scale.status.selector, 'app=old,tier=back');
    });

    test('patch with each patch type', () => {
      assert.equal(ok('patch', 'deploy', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}').trim(),
        'deployment.apps/web patched');
      const d = JSON.parse(ok('get', 'deploy', 'web', '-o', 'json'));
      assert.equal(d.spec.template.spec.containers[0].image, 'nginx:1.27');
      assert.equal(d.spec.template.spec.containers[0].ports[0].containerPort, 80, 'strategic merge keeps the rest of the container');
      ok('patch', 'cm', 'settings', '--type', 'merge', '-p', '{"data":{"size":"L"}}');
      ok('patch', 'cm', 'settings', '--type', 'json', '-p', '[{"op":"replace","path":"/data/color","value":"green"}]');
      const cm = JSON.parse(ok('get', 'cm', 'settings', '-o', 'json'));
      assert.deepEqual(cm.data, { color: 'green', size: 'L' });
      const bad = k('patch', 'cm', 'settings', '--type', 'json', '-p', '[{"op":"test","path":"/data/color","value":"blue"}]');
      assert.notEqual(bad.status, 0);
    });

    test('edit with a scripted editor', () => {
      const editor = join(dir, 'editor.sh');
      writeFileSync(editor, '#!/bin/sh\nsed -i "s/color: green/color: purple/" "$1"\n');
      chmodSync(editor, 0o755);
      const r = kubectl(cluster, minor, ['edit', 'cm', 'settings'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /configmap\/settings edited/);
      assert.equal(ok('get', 'cm', 'settings', '-o', 'jsonpath={.data.color}'), 'purple');
    });

    test('explain reads the OpenAPI documents', () => {
      const out = ok('explain', 'pod.spec.containers');
      assert.match(out, /KIND:\s+Pod/);
      assert.match(out, /FIELD:\s+containers/);
      assert.match(out, /image\b/);
      assert.match(ok('explain', 'deployment.spec.strategy'), /rollingUpdate/);
    });

    test('get --watch sees a change', async () => {
      const child = spawn(kubectlPath(minor), ['--kubeconfig', cluster.kubeconfig, 'get', 'cm', '--watch', '-o', 'name'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      try {
        const deadline = Date.now() + 15_000;
        while (!out.includes('configmap/settings') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        ok('create', 'configmap', 'watched', '--from-literal=a=b');
        while (!out.includes('configmap/watched') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        assert.match(out, /configmap\/watched/);
      } finally {
        child.kill();
      }
    });

    test('delete by name, -l, -f and --all; a bare pod does not come back', async () => {
      assert.match(ok('delete', 'pod', 'box'), /pod "box" deleted/);
      // what is left is the controllers' pods: the Deployment's (through its ReplicaSets) and the RC's
      const left = ok('get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.metadata.ownerReferences[0].kind}{"\\n"}{end}').trim().split('\n');
      for (const l of left) assert.match(l, /^(web-[a-z0-9]+-[a-z0-9]{5} ReplicaSet|old-[a-z0-9]{5} ReplicationController)$/);
      assert.equal(left.filter((l) => l.endsWith(' ReplicationController')).length, 3);
      assert.match(ok('delete', 'cm', '-l', 'app=web'), /configmap "settings" deleted/);
      assert.match(ok('delete', '-f', join(dir, 'svc.yaml')), /service "web" deleted/);
      assert.match(ok('delete', 'deploy', '--all'), /deployment.apps "web" deleted/);
      // the garbage collector takes the Deployment's ReplicaSets and their pods; the RC's stay
      await eventually('the Deployment\'s ReplicaSets and pods collected', () => names('get', 'rs').length === 0 && names('get', 'pods').every((n) => /^pod\/old-[a-z0-9]{5}$/.test(n)));
      assert.equal(names('get', 'pods').length, 3);
      assert.equal(ok('get', 'deploy,cm', '-o', 'name').trim().split('\n').filter((l) => !l.startsWith('configmap/kube-root-ca.crt') && l).join(' '), 'configmap/watched');
      const missing = k('get', 'pod', 'box');
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /Error from server \(NotFound\): pods "box" not found/);
    });
  });
}
