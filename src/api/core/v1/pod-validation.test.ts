import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString, root } from '../../../machinery/field-errors.js';
import { defaultPod, defaultPodTemplateSpec } from './pod-defaults.js';
import { validatePod, validatePodSpec, validatePodTemplateSpec } from './pod-validation.js';
import type { Container, Pod, PodSpec, PodTemplateSpec } from './pod.js';

function pod(spec: Partial<PodSpec> & { containers?: Container[] }, name = 'web'): Pod {
  const p: Pod = {
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec },
  };
  defaultPod(p);
  return p;
}

const messages = (p: Pod): string[] => validatePod(p).map(errorString);

test('a defaulted minimal pod is valid', () => {
  assert.deepEqual(messages(pod({})), []);
});

test('container name: required, DNS-1123 label, unique', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: '', image: 'nginx' }] })), ['spec.containers[0].name: Required value']);
  assert.deepEqual(messages(pod({ containers: [{ name: 'Web', image: 'nginx' }] })), [
    'spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x' }, { name: 'a', image: 'y' }] })), ['spec.containers[1].name: Duplicate value: "a"']);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x' }], initContainers: [{ name: 'a', image: 'y' }] })), ['spec.initContainers[0].name: Duplicate value: "a"']);
});

test('image and containers are required', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: 'a' }] })), ['spec.containers[0].image: Required value']);
  assert.deepEqual(messages(pod({ containers: [] })), ['spec.containers: Required value']);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: ' nginx' }] })), ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']);
});

test('ports: range, required containerPort, IANA names unique, protocol, host port conflicts', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }] }] })), [
    'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 0 }] }] })), [
    'spec.containers[0].ports[0].containerPort: Required value',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 70000 }] }] })), [
    'spec.containers[0].ports[0].hostPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' }] }] })), [
    'spec.containers[0].ports[1].name: Duplicate value: "http"',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, name: 'HTTP' }] }] })), [
    'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, protocol: 'HTTP' as never }] }] })), [
    'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "TCP", "UDP", "SCTP"',
  ]);
  assert.deepEqual(messages(pod({ containers: [
    { name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080 }] },
    { name: 'b', image: 'x', ports: [{ containerPort: 81, hostPort: 8080 }] },
  ] })), ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']);
});

test('host network pods must use hostPort = containerPort', () => {
  const p: Pod = { metadata: { name: 'h', namespace: 'default' }, spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 81 }] }] } };
  defaultPod(p);
  assert.deepEqual(messages(p), ['spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true']);
});

test('restartPolicy, dnsPolicy and imagePullPolicy take only supported values', () => {
  assert.deepEqual(messages(pod({ restartPolicy: 'Sometimes' as never })), [
    'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  ]);
  assert.deepEqual(messages(pod({ dnsPolicy: 'Cluster' as never })), [
    'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', imagePullPolicy: 'Maybe' as never }] })), [
    'spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"',
  ]);
  const raw: Pod = { metadata: { name: 'r', namespace: 'default' }, spec: { containers: [{ name: 'a', image: 'x' }] } };
  assert.deepEqual(validatePod(raw).map(errorString), [
    'spec.terminationGracePeriodSeconds: Required value',
    'spec.containers[0].terminationMessagePolicy: Required value',
    'spec.containers[0].imagePullPolicy: Required value',
    'spec.restartPolicy: Required value',
    'spec.dnsPolicy: Required value',
  ]);
});

test('resources: requests may not exceed limits; quantities are checked', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } }] })), [
    'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { memory: '-1Mi' } } }] })), [
    'spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: 'lots' } } }] })), [
    'spec.containers[0].resources.requests[cpu]: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { 'example.com/gpu': '1' }, requests: { 'example.com/gpu': '2' } } }] })), [
    'spec.containers[0].resources.requests: Invalid value: "2": must be equal to example.com/gpu limit of 1',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { 'example.com/gpu': '500m' } } }] })), [
    'spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "500m": must be an integer',
    'spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "500m": must be an integer',
  ]);
  const t: PodTemplateSpec = { spec: { containers: [{ name: 'a', image: 'x', resources: { requests: { 'example.com/gpu': '1' } } }] } };
  defaultPodTemplateSpec(t);
  assert.deepEqual(validatePodTemplateSpec(t, root('spec', 'template')).map(errorString), [
    'spec.template.spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { disk: '1' } } }] })), [
    'spec.containers[0].resources.limits[disk]: Invalid value: "disk": must be a standard resource type or fully qualified',
    'spec.containers[0].resources.requests[disk]: Invalid value: "disk": must be a standard resource type or fully qualified',
  ]);
});

test('volumes: unique DNS labels, exactly one source; mounts refer to existing volumes', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] })), [
    'spec.containers[0].volumeMounts[0].name: Not found: "data"',
  ]);
  assert.deepEqual(messages(pod({ volumes: [{ name: 'd', emptyDir: {} }, { name: 'd', emptyDir: {} }] })), ['spec.volumes[1].name: Duplicate value: "d"']);
  assert.deepEqual(messages(pod({ volumes: [{ name: 'd', emptyDir: {}, hostPath: { path: '/x' } }] })), [
    'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
  ]);
  assert.deepEqual(messages(pod({ volumes: [{ name: 'D_1', emptyDir: {} }] })).length, 1);
  assert.deepEqual(messages(pod({ volumes: [{ name: 'c', configMap: { name: '', defaultMode: 0o1000 } }] })), [
    'spec.volumes[0].configMap.name: Required value',
    'spec.volumes[0].configMap.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive',
  ]);
  assert.deepEqual(messages(pod({ volumes: [{ name: 'h', hostPath: { path: '/a/../b' } }] })), [
    'spec.volumes[0].hostPath.path: Invalid value: "/a/../b": must not contain \'..\'',
  ]);
  assert.deepEqual(messages(pod({ volumes: [{ name: 'n', nfs: { server: 'nfs', path: 'rel' } }] })), [
    'spec.volumes[0].nfs.path: Invalid value: "rel": must be an absolute path',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: '/d' }, { name: 'v', mountPath: '/d' }] }], volumes: [{ name: 'v', emptyDir: {} }] })), [
    'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique',
  ]);
  const noSource: Pod = { metadata: { name: 'x', namespace: 'default' }, spec: { containers: [{ name: 'a', image: 'x' }], volumes: [{ name: 'v' }] } };
  assert.deepEqual(validatePodSpec(noSource.spec!, root('spec')).map(errorString).filter((m) => m.includes('volumes')), [
    'spec.volumes[0]: Required value: must specify a volume type',
  ]);
});

test('env: names, exactly one valueFrom source, field paths', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'A=B', value: '1' }] }] })), [
    'spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', env: [{ name: '' }] }] })), ['spec.containers[0].env[0].name: Required value']);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'X', value: 'v', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] }] })), [
    'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'X', valueFrom: {} }] }] })), [
    'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.nodeNme' } } }] }] })), [
    'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.nodeNme": error converting fieldPath: field label not supported: spec.nodeNme',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } }] }] })), [
    'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', env: [{ name: 'L', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }] }] })), []);
});

test('probes: exactly one handler, liveness successThreshold 1', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', livenessProbe: {} }] })), ['spec.containers[0].livenessProbe: Required value: must specify a handler type']);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', readinessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } }] })), [
    'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }] })), [
    'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', readinessProbe: { httpGet: { port: 0 } } }] })), [
    'spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
  ]);
  assert.deepEqual(messages(pod({ initContainers: [{ name: 'i', image: 'x', livenessProbe: { exec: { command: ['true'] } } }] })), [
    'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
  ]);
});

test('spec-level rules: activeDeadlineSeconds, grace period, nodeName, hostname', () => {
  assert.deepEqual(messages(pod({ activeDeadlineSeconds: 0 })), ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']);
  assert.deepEqual(messages(pod({ nodeName: 'Node_1' })), [
    'spec.nodeName: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
  ]);
  assert.equal(messages(pod({ hostname: 'a.b' })).length, 1);
  assert.deepEqual(messages(pod({ nodeSelector: { 'kubernetes.io/os': 'linux' } })), []);
});

test('tolerations: operator and effect rules', () => {
  assert.deepEqual(messages(pod({ tolerations: [{ key: '', operator: 'Equal', value: 'x' }] })), [
    'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
  ]);
  assert.deepEqual(messages(pod({ tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] })), [
    'spec.tolerations[0].operator: Invalid value: "v": value must be empty when `operator` is \'Exists\'',
  ]);
  assert.deepEqual(messages(pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] })), [
    'spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
  ]);
  assert.deepEqual(messages(pod({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoRun' as never }] })), [
    'spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
  ]);
  assert.deepEqual(messages(pod({ tolerations: [{ operator: 'Exists' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] })), []);
});

test('affinity and topology spread constraints', () => {
  assert.deepEqual(messages(pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] } } } })), [
    "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
  ]);
  assert.deepEqual(messages(pod({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } } })), [
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
  ]);
  assert.deepEqual(messages(pod({ topologySpreadConstraints: [
    { maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
    { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
  ] })), [
    'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"',
  ]);
});

test('pod create: metadata and create-only rules', () => {
  const p = pod({}, 'Web');
  assert.match(messages(p)[0], /^metadata\.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/);
  assert.deepEqual(messages(pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] })), ['spec.ephemeralContainers: Forbidden: cannot be set on create']);
  assert.deepEqual(messages(pod({ nodeName: 'n1', schedulingGates: [{ name: 'example.com/gate' }] })), [
    'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
  ]);
});

test('pod templates: labels, restart policy restriction of the workload', () => {
  const tpl: PodTemplateSpec = { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'nginx' }] } };
  defaultPodTemplateSpec(tpl);
  assert.deepEqual(validatePodTemplateSpec(tpl, root('spec', 'template')).map(errorString), []);
  assert.deepEqual(validatePodTemplateSpec(tpl, root('spec', 'template'), { restartPolicies: ['Always'] }).map(errorString), [
    'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
  ]);
  const bad: PodTemplateSpec = { metadata: { labels: { 'a b': 'c' } }, spec: { containers: [{ name: 'web', image: 'nginx' }], ephemeralContainers: [{ name: 'e', image: 'x' }] } };
  defaultPodTemplateSpec(bad);
  const msgs = validatePodTemplateSpec(bad, root('spec', 'template')).map(errorString);
  assert.match(msgs[0], /^spec\.template\.labels: Invalid value: "a b": name part must consist of alphanumeric characters/);
  assert.equal(msgs.at(-1), 'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template');
});

test('lifecycle hooks: one handler, sleep within the grace period', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', lifecycle: { preStop: { sleep: { seconds: 60 } } } }] })), [
    'spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and less than terminationGracePeriodSeconds (30)',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', lifecycle: { postStart: {} } }] })), [
    'spec.containers[0].lifecycle.postStart: Required value: must specify a handler type',
  ]);
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', lifecycle: { preStop: { sleep: { seconds: 0 } } } }] })), []);
});

test('security contexts', () => {
  assert.deepEqual(messages(pod({ containers: [{ name: 'a', image: 'x', securityContext: { privileged: true, allowPrivilegeEscalation: false } }] })), [
    'spec.containers[0].securityContext: Invalid value: {"privileged":true,"allowPrivilegeEscalation":false}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
  ]);
  assert.deepEqual(messages(pod({ securityContext: { runAsUser: -1, seccompProfile: { type: 'Localhost' } } })), [
    'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    'spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
  ]);
});

test('resize policies', () => {
  assert.deepEqual(messages(pod({ restartPolicy: 'Never', containers: [{ name: 'a', image: 'x', resizePolicy: [
    { resourceName: 'cpu', restartPolicy: 'RestartContainer' },
    { resourceName: 'cpu', restartPolicy: 'NotRequired' },
    { resourceName: 'gpu', restartPolicy: 'NotRequired' },
  ] }] })), [
    'spec.containers[0].resizePolicy: Invalid value: "RestartContainer": must be \'NotRequired\' when `restartPolicy` is \'Never\'',
    'spec.containers[0].resizePolicy[1]: Duplicate value: "cpu"',
    'spec.containers[0].resizePolicy: Unsupported value: "gpu": supported values: "cpu", "memory"',
  ]);
});

test('sysctls: valid and unique names', () => {
  assert.deepEqual(messages(pod({ securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }, { name: 'net.core.somaxconn', value: '1' }, { name: 'Bad', value: '1' }] } })), [
    'spec.securityContext.sysctls[1].name: Duplicate value: "net.core.somaxconn"',
    'spec.securityContext.sysctls[2].name: Invalid value: "Bad": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$',
  ]);
});
