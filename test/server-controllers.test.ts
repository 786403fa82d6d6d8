// A plain `kubets server` runs the controller manager itself (as k3s does; kubeadm runs it as
// its own pod): no separate process, and a Deployment gets its ReplicaSet and pods (Pending:
// there is no scheduler or kubelet yet) and a deleted namespace goes, with the real kubectl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasKubectl, kubectl, startServer, type TestCluster } from './cluster.js';

let cluster: TestCluster;
let dir: string;

// the audit log shows as whom each write came
const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: Metadata
  verbs: [create, update, patch]
  resources:
  - {group: coordination.k8s.io, resources: [leases]}
  - {group: apps, resources: [replicasets]}
  - {group: '', resources: [pods]}
- level: None
`;

interface AuditEvent { verb: string; user: { username: string }; objectRef?: { resource?: string; subresource?: string; namespace?: string; name?: string } }

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubets-own-cm-'));
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  cluster = await startServer({ extraArgs: ['--audit-policy-file', join(dir, 'policy.yaml'), '--audit-log-path', join(dir, 'audit.log')] });
});

after(async () => {
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const audited = (): AuditEvent[] => readFileSync(join(dir, 'audit.log'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditEvent);

async function eventually(what: string, fn: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nserver:\n${cluster.logs().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

for (const minor of [33, 27]) {
  test(`kubectl 1.${minor}: the server's own controllers make a Deployment's ReplicaSet and Pending pods; delete namespace finishes`, { skip: !hasKubectl(minor) }, async () => {
    const ns = `own-${minor}`;
    const ok = (...args: string[]): string => {
      const r = kubectl(cluster, minor, args);
      assert.equal(r.status, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    ok('create', 'namespace', ns);
    assert.equal(ok('-n', ns, 'create', 'deployment', 'web', '--image=x', '--replicas=2').trim(), 'deployment.apps/web created');
    ok('-n', ns, 'create', 'configmap', 'extra', '--from-literal=a=b');
    let rs = '';
    await eventually('the ReplicaSet', () => {
      rs = kubectl(cluster, minor, ['-n', ns, 'get', 'rs', '--no-headers']).stdout;
      return /^web-[bcdfghjklmnpqrstvwxz2456789]+\s+2\s+2\s+0\s/m.test(rs);
    });
    const hash = /^web-(\w+)/m.exec(rs)![1];
    let pods: string[] = [];
    await eventually('2 Pending pods', () => {
      pods = kubectl(cluster, minor, ['-n', ns, 'get', 'pods', '--no-headers']).stdout.trim().split('\n').filter(Boolean);
      return pods.length === 2;
    });
    for (const p of pods) assert.match(p, new RegExp(`^web-${hash}-[a-z0-9]{5}\\s+0/1\\s+Pending\\s+0\\s`));
    assert.match(ok('-n', ns, 'get', 'deploy', 'web', '--no-headers'), /^web\s+0\/2\s+2\s+0\s/);
    // the controllers ran as their own service accounts under the manager's Lease, held by this server
    assert.match(ok('-n', 'kube-system', 'get', 'lease', 'kube-controller-manager', '-o', 'jsonpath={.spec.holderIdentity}'), /^.+_[0-9a-f-]{36}$/);
    assert.equal(ok('-n', ns, 'get', 'rs', `web-${hash}`, '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'), 'Deployment/web');
    assert.match(ok('delete', 'namespace', ns, '--wait=false'), new RegExp(`namespace "${ns}" deleted`));
    await eventually('the namespace gone', () => {
      const r = kubectl(cluster, minor, ['get', 'namespace', ns]);
      return r.status !== 0 && r.stderr.includes(`namespaces "${ns}" not found`);
    }, 60_000);
    assert.doesNotMatch(cluster.logs(), /forbidden/i, 'every controller stayed within its role');
    // as kubeadm runs it: the Lease as system:kube-controller-manager, each controller as its service account
    const writers = (resource: string, ns: string): Set<string> => new Set(audited().filter((e) => e.objectRef?.resource === resource && !e.objectRef.subresource && e.objectRef.namespace === ns).map((e) => e.user.username));
    assert.deepEqual([...writers('leases', 'kube-system')], ['system:kube-controller-manager']);
    assert.deepEqual([...writers('replicasets', ns)], ['system:serviceaccount:kube-system:deployment-controller']);
    assert.deepEqual([...writers('pods', ns)], ['system:serviceaccount:kube-system:replicaset-controller']);
  });
}
