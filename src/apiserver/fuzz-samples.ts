// Valid sample objects, one per kind the server creates, rich enough that removing or mistyping
// any one field reaches the validation of that field (fuzz.test.ts). Kinds whose bare
// {apiVersion, kind, metadata} is already valid need no entry here.
type Json = Record<string, unknown>;

const labels = { app: 'web' };
const selectorTerm = { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] };
const podAffinityTerm = {
  labelSelector: { matchLabels: labels, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
  namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] },
  topologyKey: 'kubernetes.io/hostname', namespaces: ['default'],
};
const probe = (kind: 'httpGet' | 'tcpSocket' | 'grpc' | 'exec') => ({
  ...(kind === 'httpGet' ? { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP', httpHeaders: [{ name: 'X-A', value: 'b' }] } } : {}),
  ...(kind === 'tcpSocket' ? { tcpSocket: { port: 'http' } } : {}),
  ...(kind === 'grpc' ? { grpc: { port: 9000, service: 'health' } } : {}),
  ...(kind === 'exec' ? { exec: { command: ['true'] } } : {}),
  initialDelaySeconds: 1, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3,
});

export function podSpec(): Json {
  return {
    restartPolicy: 'Always',
    containers: [{
      name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', command: ['nginx'], args: ['-g', 'daemon off;'],
      workingDir: '/srv', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'MODE', value: 'prod' },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
        { name: 'CFG', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k', optional: true } } },
        { name: 'PASS', valueFrom: { secretKeyRef: { name: 'creds', key: 'p' } } },
      ],
      envFrom: [{ prefix: 'C_', configMapRef: { name: 'cfg' } }, { secretRef: { name: 'creds', optional: true } }],
      resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
      volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cfg', mountPath: '/etc/cfg', readOnly: true, subPath: 'app' }],
      livenessProbe: probe('httpGet'), readinessProbe: probe('tcpSocket'), startupProbe: probe('grpc'),
      lifecycle: { postStart: { exec: { command: ['true'] } }, preStop: { httpGet: { path: '/stop', port: 8080 } } },
      securityContext: { runAsUser: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }],
    initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'] }],
    volumes: [
      { name: 'data', emptyDir: { medium: '', sizeLimit: '1Gi' } },
      { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'k', path: 'app/k' }], defaultMode: 420 } },
      { name: 'sec', secret: { secretName: 'creds', optional: true } },
      { name: 'claim', persistentVolumeClaim: { claimName: 'data', readOnly: false } },
      { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
    ],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [selectorTerm] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: selectorTerm }],
      },
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [podAffinityTerm] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm }] },
    },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } }],
    nodeSelector: { disk: 'ssd' },
    securityContext: { fsGroup: 2000, runAsGroup: 3000, sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] },
    dnsPolicy: 'ClusterFirst', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['svc.local'], options: [{ name: 'ndots', value: '2' }] },
    hostAliases: [{ ip: '10.0.0.1', hostnames: ['db'] }],
    imagePullSecrets: [{ name: 'regcred' }],
    terminationGracePeriodSeconds: 30, priority: 0, serviceAccountName: 'default',
    readinessGates: [{ conditionType: 'example.com/ready' }],
  };
}

const template = (): Json => ({ metadata: { labels }, spec: podSpec() });
const jobTemplate = (): Json => ({ metadata: { labels }, spec: { ...podSpec(), restartPolicy: 'OnFailure' } });

/** A sample's spec-level content by kind (apiVersion, kind and metadata.name are added). */
export const SAMPLES: Record<string, Json> = {
  Pod: { metadata: { labels }, spec: { ...podSpec(), activeDeadlineSeconds: 600 } },
  PodTemplate: { template: template() },
  ReplicationController: { spec: { replicas: 2, selector: labels, template: template() } },
  Service: {
    spec: {
      type: 'NodePort', selector: labels, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9090 }],
      externalTrafficPolicy: 'Local', ipFamilyPolicy: 'SingleStack',
    },
  },
  Endpoints: { subsets: [{ addresses: [{ ip: '10.1.0.5', targetRef: { kind: 'Pod', name: 'p', namespace: 'default' } }], notReadyAddresses: [{ ip: '10.1.0.6' }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }] },
  Node: { spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }], unschedulable: false } },
  Event: { involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' }, reason: 'Started', message: 'ok', type: 'Normal', count: 1, source: { component: 'kubelet' }, firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z' },
  PersistentVolume: {
    spec: {
      capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'local',
      volumeMode: 'Filesystem', local: { path: '/mnt/disk' }, mountOptions: ['noatime'],
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }] } },
    },
  },
  PersistentVolumeClaim: {
    spec: {
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' }, limits: { storage: '2Gi' } }, storageClassName: 'local',
      volumeMode: 'Filesystem', selector: { matchLabels: { tier: 'fast' }, matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
    },
  },
  LimitRange: { spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { cpu: '10m' }, default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] } },
  ResourceQuota: { spec: { hard: { pods: '10', 'requests.cpu': '4' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } } },
  ConfigMap: { data: { k: 'v' }, binaryData: { b: 'AAE=' } },
  Secret: { type: 'Opaque', data: { p: 'c2VjcmV0' }, stringData: { u: 'admin' } },
  ServiceAccount: { secrets: [{ name: 'token' }], imagePullSecrets: [{ name: 'regcred' }], automountServiceAccountToken: false },
  Namespace: { metadata: { labels: { team: 'a' } }, spec: { finalizers: ['kubernetes'] } },
  Deployment: {
    spec: {
      replicas: 3, selector: { matchLabels: labels }, template: template(), minReadySeconds: 5, revisionHistoryLimit: 5, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
    },
  },
  ReplicaSet: { spec: { replicas: 2, selector: { matchLabels: labels, matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, template: template() } },
  DaemonSet: { spec: { selector: { matchLabels: labels }, template: template(), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, minReadySeconds: 1 } },
  StatefulSet: {
    spec: {
      replicas: 1, serviceName: 'web', selector: { matchLabels: labels }, template: template(), podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
    },
  },
  ControllerRevision: { data: { spec: { template: { spec: { containers: [{ name: 'a', image: 'b' }] } } } }, revision: 1 },
  Job: { spec: { parallelism: 2, completions: 4, backoffLimit: 3, activeDeadlineSeconds: 100, ttlSecondsAfterFinished: 60, completionMode: 'Indexed', template: jobTemplate() } },
  CronJob: {
    spec: {
      schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 30, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, suspend: false,
      jobTemplate: { metadata: { labels }, spec: { backoffLimit: 2, template: jobTemplate() } },
    },
  },
  HorizontalPodAutoscaler: {
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
    },
  },
  'autoscaling/v1 HorizontalPodAutoscaler': { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 80 } },
  NetworkPolicy: {
    spec: {
      podSelector: { matchLabels: labels }, policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'fe' } } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } }], ports: [{ protocol: 'TCP', port: 80 }, { port: 'http', protocol: 'TCP' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'UDP', port: 53, endPort: 54 }] }],
    },
  },
  IngressClass: { spec: { controller: 'example.com/ingress', parameters: { kind: 'Params', name: 'p', apiGroup: 'example.com', scope: 'Cluster' } } },
  Ingress: {
    spec: {
      ingressClassName: 'nginx', defaultBackend: { service: { name: 'default', port: { number: 80 } } }, tls: [{ hosts: ['foo.com'], secretName: 'cert' }],
      rules: [{ host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Prefix', backend: { service: { name: 'svc', port: { name: 'http' } } } }] } }],
    },
  },
  PodDisruptionBudget: { spec: { minAvailable: '50%', selector: { matchLabels: labels }, unhealthyPodEvictionPolicy: 'AlwaysAllow' } },
  Role: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'], resourceNames: ['web'] }] },
  ClusterRole: { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }, { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'true' } }] } },
  RoleBinding: { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'robot', namespace: 'default' }] },
  ClusterRoleBinding: { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' }, subjects: [{ kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }] },
  StorageClass: { provisioner: 'example.com/disk', parameters: { type: 'ssd' }, reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true, mountOptions: ['noatime'], allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }] },
  PriorityClass: { value: 1000, globalDefault: false, description: 'important', preemptionPolicy: 'Never' },
  Lease: { spec: { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: '2026-01-01T00:00:00.000000Z', renewTime: '2026-01-01T00:00:00.000000Z', leaseTransitions: 1 } },
  EndpointSlice: { addressType: 'IPv4', endpoints: [{ addresses: ['10.1.0.5'], conditions: { ready: true }, nodeName: 'n1', zone: 'a', targetRef: { kind: 'Pod', name: 'p', namespace: 'default' } }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
  'events.k8s.io/v1 Event': { eventTime: '2026-01-01T00:00:00.000000Z', reportingController: 'example.com/c', reportingInstance: 'c-1', action: 'Started', reason: 'Started', type: 'Normal', regarding: { kind: 'Pod', name: 'p', namespace: 'default' }, note: 'ok' },
};
