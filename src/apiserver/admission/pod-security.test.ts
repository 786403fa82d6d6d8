import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/core/v1/pod.js';
import { StatusError } from '../../machinery/errors.js';
import { evaluatePod, formatViolations } from './pod-security-checks.js';
import { podSecurity, policyOf } from './pod-security.js';
import { attrs, pod, testCluster, type TestCluster } from './testing.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const WARN = 'pod-security.kubernetes.io/warn';

const restrictedOk = (): Pod => pod('good', ['c'], {
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
}) as Pod;

describe('Pod Security Standards checks', () => {
  it('lists a plain pod\'s restricted violations in upstream\'s order and words', () => {
    const p = pod('web', ['c']) as Pod;
    assert.equal(formatViolations(evaluatePod('restricted', p.metadata, p.spec)),
      'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), '
      + 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), '
      + 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), '
      + 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")');
    assert.deepEqual(evaluatePod('baseline', p.metadata, p.spec), []);
  });

  it('finds the baseline violations', () => {
    const p = pod('web', ['a', 'b'], {
      hostNetwork: true, hostPID: true,
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
      securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }, { name: 'net.ipv4.tcp_syncookies', value: '1' }] },
    }) as Pod;
    const [a, b] = p.spec!.containers;
    a.securityContext = { privileged: true, capabilities: { add: ['NET_ADMIN', 'CHOWN', 'SYS_TIME'] }, procMount: 'Unmasked' };
    b.securityContext = { privileged: true, seccompProfile: { type: 'Unconfined' }, seLinuxOptions: { type: 'spc_t' } };
    b.ports = [{ containerPort: 80, hostPort: 8080 }];
    assert.equal(formatViolations(evaluatePod('baseline', p.metadata, p.spec)),
      'non-default capabilities (container "a" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add), '
      + 'host namespaces (hostNetwork=true, hostPID=true), '
      + 'hostPath volumes (volume "root"), '
      + 'hostPort (container "b" uses hostPort 8080), '
      + 'privileged (containers "a", "b" must not set securityContext.privileged=true), '
      + 'procMount (container "a" must not set securityContext.procMount to "Unmasked"), '
      + 'seLinuxOptions (container "b" set forbidden securityContext.seLinuxOptions: type "spc_t"), '
      + 'seccompProfile (container "b" must not set securityContext.seccompProfile.type to "Unconfined"), '
      + 'forbidden sysctls (kernel.msgmax)');
  });

  it('restricted replaces the baseline hostPath, capability and seccomp checks by its own', () => {
    const p = restrictedOk();
    p.spec!.volumes = [{ name: 'root', hostPath: { path: '/' } }, { name: 'tmp', emptyDir: {} }];
    p.spec!.containers[0].securityContext = { allowPrivilegeEscalation: false, runAsUser: 0, capabilities: { drop: ['ALL'], add: ['SYS_ADMIN', 'NET_BIND_SERVICE'] } };
    assert.equal(formatViolations(evaluatePod('restricted', p.metadata, p.spec)),
      'unrestricted capabilities (container "c" must not include "SYS_ADMIN" in securityContext.capabilities.add), '
      + 'restricted volume types (volume "root" uses restricted volume type "hostPath"), '
      + 'runAsUser=0 (container "c" must not set runAsUser=0)');
  });

  it('passes a pod written for restricted', () => {
    const p = restrictedOk();
    p.spec!.containers[0].securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } };
    assert.deepEqual(evaluatePod('restricted', p.metadata, p.spec), []);
  });

  it('applies the checks of the version the label names', () => {
    const p = restrictedOk();
    p.spec!.containers[0].securityContext = { allowPrivilegeEscalation: false, runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } };
    p.spec!.securityContext!.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }];
    const ids = (version: string) => evaluatePod('restricted', p.metadata, p.spec, version).map((v) => v.reason);
    assert.deepEqual(ids('latest'), ['unrestricted capabilities', 'runAsUser=0']);
    assert.deepEqual(ids('v1.22'), ['forbidden sysctls', 'unrestricted capabilities']);
    assert.deepEqual(ids('v1.21'), ['non-default capabilities', 'forbidden sysctls']);
    assert.deepEqual(ids('v1.99'), ids('latest'));
  });

  it('reads the namespace labels, reporting bad values', () => {
    const { policy, errs } = policyOf({ [ENFORCE]: 'baseline', [`${ENFORCE}-version`]: 'v1.30', [WARN]: 'strict' });
    assert.deepEqual(policy.enforce, { level: 'baseline', version: 'v1.30' });
    assert.deepEqual(policy.audit, { level: 'privileged', version: 'latest' });
    assert.equal(errs.length, 1);
    assert.equal(String(errs[0].field), 'metadata.labels[pod-security.kubernetes.io/warn]');
  });
});

describe('PodSecurity admission', () => {
  let t: TestCluster;
  before(async () => {
    t = await testCluster(['default']);
    await t.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'locked', labels: { [ENFORCE]: 'restricted' } }, spec: {} });
    await t.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'watched', labels: { [ENFORCE]: 'baseline', [WARN]: 'restricted', [`${WARN}-version`]: 'v1.33' } }, spec: {} });
  });
  after(() => t.close());
  const pods = () => t.info('v1', 'Pod');

  it('refuses a pod that breaks the enforce level with upstream\'s message', async () => {
    const p = podSecurity(t);
    const obj = pod('web', ['c']) as Pod;
    obj.spec!.containers[0].securityContext = { privileged: true };
    await assert.rejects(p.validate!(attrs(obj, pods(), { namespace: 'locked' })), (e: StatusError) => {
      assert.equal(e.code, 403);
      assert.equal(e.message, 'pods "web" is forbidden: violates PodSecurity "restricted:latest": '
        + 'privileged (container "c" must not set securityContext.privileged=true), '
        + 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), '
        + 'unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), '
        + 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), '
        + 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")');
      return true;
    });
    await p.validate!(attrs(obj, pods(), { namespace: 'default' }));
  });

  it('warns at the warn level and admits when enforce passes', async () => {
    const p = podSecurity(t);
    const a = attrs(pod('web', ['c']), pods(), { namespace: 'watched' });
    await p.validate!(a);
    assert.equal(a.warnings.length, 1);
    assert.match(a.warnings[0], /^would violate PodSecurity "restricted:v1\.33": allowPrivilegeEscalation != false \(container "c" must set/);
  });

  it('only warns about workload templates', async () => {
    const p = podSecurity(t);
    const deploy = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'locked' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] } } },
    };
    const a = attrs(deploy, t.info('apps/v1', 'Deployment'));
    await p.validate!(a);
    assert.equal(a.warnings.length, 1);
    assert.match(a.warnings[0], /^would violate PodSecurity "restricted:latest": privileged \(container "c" must not set securityContext.privileged=true\)/);
  });

  it('ignores pod updates that change nothing that runs', async () => {
    const p = podSecurity(t);
    const obj = pod('web', ['c']);
    const old = structuredClone(obj);
    obj.metadata!.labels = { x: 'y' };
    await p.validate!(attrs(obj, pods(), { namespace: 'locked', operation: 'UPDATE', oldObject: old }));
    (obj as Pod).spec!.containers[0].image = 'nginx:2';
    await assert.rejects(p.validate!(attrs(obj, pods(), { namespace: 'locked', operation: 'UPDATE', oldObject: old })), /violates PodSecurity/);
  });

  it('refuses bad label values on namespaces and warns about existing pods on a stricter level', async () => {
    const p = podSecurity(t);
    const nsInfo = t.info('v1', 'Namespace');
    const bad = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels: { [ENFORCE]: 'strict' } } };
    await assert.rejects(p.validate!(attrs(bad, nsInfo)), (e: StatusError) => {
      assert.equal(e.code, 422);
      assert.match(e.message, /^Namespace "x" is invalid: metadata.labels\[pod-security.kubernetes.io\/enforce\]: Invalid value: "strict": must be one of privileged, baseline, restricted/);
      return true;
    });
    await t.put(pod('old-pod'));
    const before = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } };
    const after = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { [ENFORCE]: 'restricted' } } };
    const a = attrs(after, nsInfo, { operation: 'UPDATE', oldObject: before });
    await p.validate!(a);
    assert.equal(a.warnings[0], 'existing pods in namespace "default" violate the new PodSecurity enforce level "restricted:latest"');
    assert.equal(a.warnings[1], 'old-pod: allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile');
  });
});
