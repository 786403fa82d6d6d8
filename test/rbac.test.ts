// RBAC end to end with the real kubectl 1.33 and 1.27: a user certificate "jane" without
// bindings is refused with upstream's message, gains exactly what a Role grants, `kubectl auth
// can-i` agrees with what really happens, escalation is refused, and the default roles exist.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueCert } from '../src/cluster/pki.js';
import { writeKubeconfig } from '../src/cluster/kubeconfig.js';
import { startServer, kubectl, hasKubectl, type TestCluster } from './cluster.js';

const MINORS = [33, 27].filter(hasKubectl);

let cluster: TestCluster;
let janeConfig: string;
let nodeConfig: string;

before(async () => {
  cluster = await startServer();
  const pki = join(cluster.dataDir, 'pki');
  const ca = { cert: readFileSync(join(pki, 'ca.crt'), 'utf8'), key: readFileSync(join(pki, 'ca.key'), 'utf8') };
  const jane = await issueCert(ca, { cn: 'jane', usage: 'client' });
  janeConfig = join(cluster.dataDir, 'jane.conf');
  writeKubeconfig(janeConfig, { server: cluster.url, caCert: ca.cert, clientCert: jane.cert, clientKey: jane.key, userName: 'jane' });
  const node = await issueCert(ca, { cn: 'system:node:n1', groups: ['system:nodes'], usage: 'client' });
  nodeConfig = join(cluster.dataDir, 'node.conf');
  writeKubeconfig(nodeConfig, { server: cluster.url, caCert: ca.cert, clientCert: node.cert, clientKey: node.key, userName: 'system:node:n1' });
});

after(async () => {
  await cluster?.stop();
});

/** kubectl as the kubelet of node n1 */
function asNode(minor: number, args: string[]) {
  return kubectl(cluster, minor, ['--kubeconfig', nodeConfig, ...args], { env: { KUBECONFIG: nodeConfig } });
}

/** kubectl as jane (her own kubeconfig) */
function asJane(minor: number, args: string[]) {
  return kubectl(cluster, minor, ['--kubeconfig', janeConfig, ...args], { env: { KUBECONFIG: janeConfig } });
}

function admin(minor: number, args: string[]) {
  const r = kubectl(cluster, minor, args);
  assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r;
}

const forbidden = (verb: string, resource: string, ns: string, group = ''): string =>
  `Error from server (Forbidden): ${group ? `${resource}.${group}` : resource} is forbidden: User "jane" cannot ${verb} resource "${resource}" in API group "${group}" in the namespace "${ns}"`;

for (const minor of MINORS) {
  describe(`RBAC with kubectl 1.${minor}`, () => {
    const ns = `team-${minor}`;

    before(() => {
      admin(minor, ['create', 'namespace', ns]);
    });

    after(() => {
      kubectl(cluster, minor, ['delete', 'namespace', ns, '--wait=false']);
      kubectl(cluster, minor, ['delete', 'clusterrolebinding', `jane-role-maker-${minor}`, '--ignore-not-found']);
    });

    test('a user without bindings is forbidden with upstream\'s message', () => {
      const r = asJane(minor, ['get', 'pods', '-n', ns]);
      assert.notEqual(r.status, 0);
      assert.equal(r.stderr.trim(), forbidden('list', 'pods', ns));
      const d = asJane(minor, ['get', 'pods', '-n', 'default']);
      assert.equal(d.stderr.trim(), forbidden('list', 'pods', 'default'));
      const n = asJane(minor, ['get', 'nodes']);
      assert.equal(n.stderr.trim(), 'Error from server (Forbidden): nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
      const l = asJane(minor, ['logs', 'web', '-n', ns]);
      assert.match(l.stderr, /pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace/);
    });

    test('auth can-i says no, for jane herself and for the admin impersonating her', () => {
      const self = asJane(minor, ['auth', 'can-i', 'list', 'pods', '-n', ns]);
      assert.equal(self.stdout.trim(), 'no');
      assert.equal(self.status, 1);
      const as = kubectl(cluster, minor, ['auth', 'can-i', 'list', 'pods', '-n', ns, '--as', 'jane']);
      assert.equal(as.stdout.trim(), 'no');
      assert.equal(kubectl(cluster, minor, ['auth', 'can-i', 'delete', 'nodes']).stdout.trim(), 'yes');
    });

    test('a Role and RoleBinding grant exactly their rules in their namespace', () => {
      admin(minor, ['create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods', '-n', ns]);
      admin(minor, ['create', 'rolebinding', 'jane-pod-reader', '--role=pod-reader', '--user=jane', '-n', ns]);
      admin(minor, ['run', 'web', '--image=nginx', '-n', ns]);
      const r = asJane(minor, ['get', 'pods', '-n', ns]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^web\s/m);
      assert.equal(asJane(minor, ['get', 'pod', 'web', '-n', ns, '-o', 'jsonpath={.metadata.name}']).stdout, 'web');
      assert.equal(asJane(minor, ['get', 'pods', '-n', 'default']).stderr.trim(), forbidden('list', 'pods', 'default'));
      assert.equal(asJane(minor, ['get', 'secrets', '-n', ns]).stderr.trim(), forbidden('list', 'secrets', ns));
      const del = asJane(minor, ['delete', 'pod', 'web', '-n', ns]);
      assert.equal(del.stderr.trim(), `Error from server (Forbidden): pods "web" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "${ns}"`);
      const dep = asJane(minor, ['get', 'deployments', '-n', ns]);
      assert.equal(dep.stderr.trim(), forbidden('list', 'deployments', ns, 'apps'));
    });

    test('auth can-i agrees with what happens, and --list shows the granted rules', () => {
      const ask = (args: string[]) => asJane(minor, ['auth', 'can-i', ...args]).stdout.trim();
      assert.equal(ask(['list', 'pods', '-n', ns]), 'yes');
      assert.equal(ask(['get', 'pods', '-n', ns]), 'yes');
      assert.equal(ask(['delete', 'pods', '-n', ns]), 'no');
      assert.equal(ask(['list', 'pods', '-n', 'default']), 'no');
      assert.equal(ask(['list', 'secrets', '-n', ns]), 'no');
      assert.equal(kubectl(cluster, minor, ['auth', 'can-i', 'list', 'pods', '-n', ns, '--as', 'jane']).stdout.trim(), 'yes');
      assert.equal(kubectl(cluster, minor, ['auth', 'can-i', 'list', 'secrets', '-n', ns, '--as', 'jane']).stdout.trim(), 'no');
      const list = asJane(minor, ['auth', 'can-i', '--list', '-n', ns]);
      assert.equal(list.status, 0, list.stderr);
      assert.match(list.stdout, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/m);
      assert.match(list.stdout, /^pods\s+\[\]\s+\[\]\s+\[get list\]$/m);
      assert.match(list.stdout, /^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m);
      assert.match(list.stdout, /^\s+\[\/api\/\*\]\s+\[\]\s+\[get\]$/m);
      assert.doesNotMatch(list.stdout, /^secrets/m);
    });

    test('escalation: jane cannot create a role granting what she lacks, nor bind cluster-admin', () => {
      admin(minor, ['create', 'clusterrole', `role-maker-${minor}`, '--verb=create,get,list', '--resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io']);
      admin(minor, ['create', 'clusterrolebinding', `jane-role-maker-${minor}`, `--clusterrole=role-maker-${minor}`, '--user=jane']);
      const r = asJane(minor, ['create', 'role', 'secret-reader', '--verb=get', '--resource=secrets', '-n', ns]);
      assert.notEqual(r.status, 0);
      assert.equal(r.stderr.trim(), 'Error from server (Forbidden): roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}');
      // what she holds she may hand on
      const ok = asJane(minor, ['create', 'role', 'pod-reader-2', '--verb=get', '--resource=pods', '-n', ns]);
      assert.equal(ok.status, 0, ok.stderr);
      const b = asJane(minor, ['create', 'rolebinding', 'jane-admin', '--clusterrole=cluster-admin', '--user=jane', '-n', ns]);
      assert.notEqual(b.status, 0);
      assert.match(b.stderr, /rolebindings\.rbac\.authorization\.k8s\.io "jane-admin" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
      assert.match(b.stderr, /\{APIGroups:\["\*"\], Resources:\["\*"\], Verbs:\["\*"\]\}/);
      assert.equal(asJane(minor, ['auth', 'can-i', 'create', 'secrets', '-n', ns]).stdout.trim(), 'no');
    });

    test('a node reads only the secrets its pods use and updates only its own lease', () => {
      admin(minor, ['create', 'secret', 'generic', 'used', '--from-literal=a=1', '-n', ns]);
      admin(minor, ['create', 'secret', 'generic', 'unused', '--from-literal=a=1', '-n', ns]);
      const pod = `apiVersion: v1
kind: Pod
metadata: {name: on-n1}
spec:
  nodeName: n1
  containers:
  - name: c
    image: busybox
    env:
    - name: A
      valueFrom: {secretKeyRef: {name: used, key: a}}
`;
      const r = kubectl(cluster, minor, ['apply', '-n', ns, '-f', '-'], { input: pod });
      assert.equal(r.status, 0, r.stderr);
      const ok = asNode(minor, ['get', 'secret', 'used', '-n', ns, '-o', 'jsonpath={.metadata.name}']);
      assert.equal(ok.stdout, 'used', ok.stderr);
      const no = asNode(minor, ['get', 'secret', 'unused', '-n', ns]);
      assert.equal(no.stderr.trim(), `Error from server (Forbidden): secrets "unused" is forbidden: User "system:node:n1" cannot get resource "secrets" in API group "" in the namespace "${ns}": no relationship found between node 'n1' and this object`);
      // what every node may do comes from the node rules: list services, but not delete namespaces
      assert.equal(asNode(minor, ['get', 'services', '-A']).status, 0);
      assert.match(asNode(minor, ['delete', 'namespace', ns]).stderr, /namespaces "team-\d+" is forbidden: User "system:node:n1" cannot delete resource "namespaces"/);
      const lease = asNode(minor, ['get', 'lease', 'n2', '-n', 'kube-node-lease']);
      assert.match(lease.stderr, /leases.coordination.k8s.io "n2" is forbidden: User "system:node:n1" cannot get resource "leases" in API group "coordination.k8s.io" in the namespace "kube-node-lease": can only access node lease with the same name as the requesting node/);
      // once the pod is gone, so is the access
      admin(minor, ['delete', 'pod', 'on-n1', '-n', ns, '--grace-period=0', '--force']);
      let gone = false;
      for (let i = 0; i < 20 && !gone; i++) gone = asNode(minor, ['get', 'secret', 'used', '-n', ns]).status !== 0;
      assert.ok(gone);
    });

    test('the default roles exist and view is aggregated', () => {
      const names = admin(minor, ['get', 'clusterroles', '-o', 'name']).stdout.split('\n');
      for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:discovery', 'system:basic-user',
        'system:public-info-viewer', 'system:kube-scheduler', 'system:kube-controller-manager', 'system:controller:deployment-controller']) {
        assert.ok(names.includes(`clusterrole.rbac.authorization.k8s.io/${n}`), n);
      }
      const view = admin(minor, ['describe', 'clusterrole', 'view']).stdout;
      assert.match(view, /^\s+pods\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
      assert.match(view, /^\s+deployments\.apps\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
      const crb = admin(minor, ['get', 'clusterrolebinding', 'cluster-admin', '-o', 'jsonpath={.subjects[0].name}']).stdout;
      assert.equal(crb, 'system:masters');
    });
  });
}
