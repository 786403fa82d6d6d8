// kube-apiserver's flags on a real `kubets server`, each shown by what it changes:
// --disable-admission-plugins, --service-node-port-range, --anonymous-auth, --authorization-mode.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientFromKubeconfig, type ApiClient } from './api-client.js';
import { startServer, type TestCluster } from './cluster.js';

const nodePortService = (name: string, nodePort?: number) => JSON.stringify({
  apiVersion: 'v1', kind: 'Service', metadata: { name },
  spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 80, ...(nodePort ? { nodePort } : {}) }] },
});
const configMapIn = (ns: string) => [`/api/v1/namespaces/${ns}/configmaps`, JSON.stringify({ metadata: { name: 'c' }, data: { a: 'b' } })] as const;

describe('kubets server flags', () => {
  const clusters: TestCluster[] = [];
  let defaults: { admin: ApiClient; anonymous: ApiClient };
  let tuned: { admin: ApiClient; anonymous: ApiClient };
  const clients = (c: TestCluster) => ({ admin: clientFromKubeconfig(c.kubeconfig), anonymous: clientFromKubeconfig(c.kubeconfig, { anonymous: true }) });
  before(async () => {
    const d = await startServer();
    clusters.push(d);
    defaults = clients(d);
    const t = await startServer({ extraArgs: ['--anonymous-auth', '--disable-admission-plugins=NamespaceLifecycle', '--service-node-port-range', '31000-31001'] });
    clusters.push(t);
    tuned = clients(t);
  });
  after(async () => {
    await Promise.all(clusters.map((c) => c.stop()));
  });

  it('--disable-admission-plugins=NamespaceLifecycle: a write into a namespace that does not exist is no longer refused', async () => {
    const refused = await defaults.admin.request('POST', ...configMapIn('nowhere'));
    assert.equal(refused.status, 404, refused.body);
    assert.equal(refused.json().message, 'namespaces "nowhere" not found');
    const accepted = await tuned.admin.request('POST', ...configMapIn('nowhere'));
    assert.equal(accepted.status, 201, accepted.body);
  });

  it('--service-node-port-range: node ports come from the range; a port outside it is refused with upstream\'s message', async () => {
    assert.equal((await defaults.admin.request('POST', '/api/v1/namespaces/default/services', nodePortService('web', 30080))).status, 201);
    const outside = await tuned.admin.request('POST', '/api/v1/namespaces/default/services', nodePortService('web', 30080));
    assert.equal(outside.status, 422, outside.body);
    assert.equal(outside.json().message,
      'Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is not in the valid range. The range of valid ports is 31000-31001');
    const allocated = await tuned.admin.request('POST', '/api/v1/namespaces/default/services', nodePortService('auto'));
    assert.equal(allocated.status, 201, allocated.body);
    assert.equal(allocated.json().spec.ports[0].nodePort, 31000);
  });

  it('--anonymous-auth: without credentials a request is system:anonymous, authorized by RBAC; off (the default) it is 401', async () => {
    assert.equal((await defaults.anonymous.request('GET', '/api')).status, 401);
    assert.equal((await defaults.anonymous.request('GET', '/version')).status, 401);
    const api = await tuned.anonymous.request('GET', '/api');
    assert.equal(api.status, 403, api.body);
    assert.equal(api.json().message, 'forbidden: User "system:anonymous" cannot get path "/api"');
    // system:public-info-viewer is bound to system:unauthenticated
    assert.equal((await tuned.anonymous.request('GET', '/version')).status, 200);
    const bad = await tuned.anonymous.request('GET', '/version', undefined, { Authorization: 'Bearer not-a-token' });
    assert.equal(bad.status, 401, 'bad credentials stay a 401 with anonymous auth on');
  });

  it('--authorization-mode: AlwaysDeny refuses all but system:masters; AlwaysAllow lets anyone', async () => {
    const deny = await startServer({ extraArgs: ['--anonymous-auth', '--authorization-mode=AlwaysDeny'] });
    clusters.push(deny);
    const d = clients(deny);
    const refused = await d.anonymous.request('GET', '/version');
    assert.equal(refused.status, 403, refused.body);
    assert.equal(refused.json().message, 'forbidden: User "system:anonymous" cannot get path "/version": Everything is forbidden.');
    assert.equal((await d.admin.request('GET', '/api/v1/namespaces')).status, 200);
    const allow = await startServer({ extraArgs: ['--anonymous-auth', '--authorization-mode=AlwaysAllow'] });
    clusters.push(allow);
    const a = clients(allow);
    assert.equal((await a.anonymous.request('GET', '/api/v1/namespaces')).status, 200);
    // no RBAC mode: the default roles are not written, as upstream
    const roles = await a.admin.request('GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles');
    assert.deepEqual(roles.json().items, []);
  });
});
