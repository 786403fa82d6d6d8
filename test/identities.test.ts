// Each identity of the control plane does what its RBAC role (or the Node authorizer)
// allows and no more, against a real `kubets server`: the controller-manager.conf and
// scheduler.conf it writes beside admin.conf, a kubelet.conf for node-1, and a controller's
// own service account (--use-service-account-credentials).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../src/api/meta/v1/types.js';
import { loadKubeconfig } from '../src/client/config.js';
import { RestClient } from '../src/client/rest.js';
import { resource } from '../src/client/resource.js';
import { serviceAccountCredentials } from '../src/client/service-account-credentials.js';
import { KUBELET_CONF, writeIdentityKubeconfigs } from '../src/cluster/identities.js';
import { issueCert, nodeUser, NODES_GROUP, type CertKey } from '../src/cluster/pki.js';
import { isStatusError } from '../src/machinery/errors.js';
import { startServer, type TestCluster } from './cluster.js';

let cluster: TestCluster;
const paths: Record<string, string> = {};
const clients: RestClient[] = [];
const as = (file: string): RestClient => {
  const c = new RestClient({ ...loadKubeconfig({ kubeconfig: paths[file] }), qps: Infinity });
  clients.push(c);
  return c;
};
const PODS = { group: '', version: 'v1', resource: 'pods' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

/** upstream's 403 for user, verb and resource */
function isForbidden(user: string, verb: string, res: string): (e: unknown) => boolean {
  return (e) => {
    const msg = new RegExp(`^${res}( "[^"]*")? is forbidden: User "${user}" cannot ${verb} resource "${res}"`);
    if (isStatusError(e) && e.code === 403 && e.reason === 'Forbidden' && msg.test(e.message)) return true;
    throw e;
  };
}

before(async () => {
  cluster = await startServer();
  for (const f of ['admin.conf', 'controller-manager.conf', 'scheduler.conf']) paths[f] = join(cluster.dataDir, f);
  const pkiFile = (n: string): CertKey => ({ cert: readFileSync(join(cluster.dataDir, 'pki', `${n}.crt`), 'utf8'), key: readFileSync(join(cluster.dataDir, 'pki', `${n}.key`), 'utf8') });
  const ca = pkiFile('ca');
  const node = await issueCert(ca, { cn: nodeUser('node-1'), groups: [NODES_GROUP], usage: 'client' });
  const out = writeIdentityKubeconfigs(join(cluster.dataDir, 'pki'), {
    dir: '', ca, serving: ca, admin: pkiFile('admin'), kubeletClient: ca, controllerManager: pkiFile('controller-manager-client'), scheduler: pkiFile('scheduler-client'), node,
  }, cluster.url, 'node-1');
  paths[KUBELET_CONF] = out[KUBELET_CONF];
});
after(async () => {
  for (const c of clients) c.close();
  await cluster?.stop();
});

test('kubets server writes controller-manager.conf and scheduler.conf beside admin.conf', () => {
  for (const f of ['controller-manager.conf', 'scheduler.conf']) assert.ok(existsSync(paths[f]), f);
});

test('the scheduler can bind pods, not delete namespaces or read secrets', async () => {
  const admin = as('admin.conf');
  await resource(admin, PODS, 'default').create({ metadata: { name: 'to-bind' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  const sched = as('scheduler.conf');
  await resource(sched, PODS, 'default').createSubresource('to-bind', 'binding', {
    apiVersion: 'v1', kind: 'Binding', metadata: { name: 'to-bind' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' },
  });
  assert.equal(((await resource(admin, PODS, 'default').get('to-bind')).spec as { nodeName: string }).nodeName, 'node-1');
  assert.ok((await resource(sched, NODES).list()).items);
  await assert.rejects(resource(sched, NAMESPACES).delete('default'), isForbidden('system:kube-scheduler', 'delete', 'namespaces'));
  await assert.rejects(resource(sched, SECRETS, 'default').list(), isForbidden('system:kube-scheduler', 'list', 'secrets'));
  await assert.rejects(resource(sched, PODS, 'default').create({ metadata: { name: 'x' } }), isForbidden('system:kube-scheduler', 'create', 'pods'));
});

test('the controller manager can watch everything and mint tokens, not write pods', async () => {
  const kcm = as('controller-manager.conf');
  assert.ok((await resource(kcm, SECRETS).list()).items, 'list/watch */*');
  await assert.rejects(resource(kcm, PODS, 'default').delete('to-bind'), isForbidden('system:kube-controller-manager', 'delete', 'pods'));
  await assert.rejects(resource(kcm, NAMESPACES).create({ metadata: { name: 'nope' } }), isForbidden('system:kube-controller-manager', 'create', 'namespaces'));
});

test('a node can register itself, not another node, and not delete namespaces', async () => {
  const node = as('kubelet.conf');
  await resource(node, NODES).create({ metadata: { name: 'node-1' } });
  await assert.rejects(resource(node, NODES).create({ metadata: { name: 'node-9' } }), (e: unknown) => (e as { code?: number }).code === 403);
  await assert.rejects(resource(node, NAMESPACES).delete('default'), isForbidden('system:node:node-1', 'delete', 'namespaces'));
});

test('--use-service-account-credentials: a controller acts as kube-system/<name>, limited by its role; the token renews', async () => {
  const kcm = as('controller-manager.conf');
  let now = Date.now();
  const cfg = await serviceAccountCredentials(kcm, 'deployment-controller', { expirationSeconds: 3600, now: () => now });
  const sa = await resource(as('admin.conf'), { group: '', version: 'v1', resource: 'serviceaccounts' }, 'kube-system').get('deployment-controller');
  assert.equal(sa.metadata?.name, 'deployment-controller');
  const dc = new RestClient(cfg);
  clients.push(dc);
  const review = await dc.json<KubeObject & { status: { userInfo: { username: string } } }>({
    method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  assert.equal(review.status.userInfo.username, 'system:serviceaccount:kube-system:deployment-controller');
  assert.ok((await resource(dc, { group: 'apps', version: 'v1', resource: 'replicasets' }).list()).items);
  await assert.rejects(resource(dc, SECRETS, 'default').list(), isForbidden('system:serviceaccount:kube-system:deployment-controller', 'list', 'secrets'));
  const first = await cfg.tokenSource!();
  assert.equal(await cfg.tokenSource!(), first, 'cached while fresh');
  now += 2900_000; // past 80% of an hour
  const second = await cfg.tokenSource!();
  assert.notEqual(second, first, 'a new token before the old one expires');
  // idempotent: the account exists already
  await serviceAccountCredentials(kcm, 'deployment-controller');
});
