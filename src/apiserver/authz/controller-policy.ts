// The roles of the controllers a cluster runs (upstream's controller_policy.go, v1.33): each
// controller acts as the service account kube-system/<name> and holds the ClusterRole
// system:controller:<name>. bootstrap-signer and token-cleaner get namespaced Roles instead.
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding } from '../../api/rbac/v1/types.js';
import { clusterBinding, clusterRole, eventsRule, READ, role, roleBinding, serviceAccount } from './policy.js';
import { rule } from './rules.js';

export const CONTROLLER_PREFIX = 'system:controller:';

const apps = ['apps', 'extensions'];

function controllerRules(): Record<string, PolicyRule[]> {
  return {
    'attachdetach-controller': [
      rule(['list', 'watch'], [''], ['persistentvolumes', 'persistentvolumeclaims']),
      rule(READ, [''], ['nodes']),
      rule(['patch', 'update'], [''], ['nodes/status']),
      rule(['list', 'watch'], [''], ['pods']),
      eventsRule(),
      rule(['get', 'create', 'delete', 'list', 'watch'], ['storage.k8s.io'], ['volumeattachments']),
      rule(READ, ['storage.k8s.io'], ['csidrivers', 'csinodes']),
    ],
    'clusterrole-aggregation-controller': [
      rule(['escalate', 'get', 'list', 'watch', 'update', 'patch'], ['rbac.authorization.k8s.io'], ['clusterroles']),
    ],
    'cronjob-controller': [
      rule(['get', 'list', 'watch', 'update'], ['batch'], ['cronjobs']),
      rule(['get', 'list', 'watch', 'create', 'update', 'delete', 'patch'], ['batch'], ['jobs']),
      rule(['update'], ['batch'], ['cronjobs/status']),
      rule(['update'], ['batch'], ['cronjobs/finalizers']),
      rule(['list', 'delete'], [''], ['pods']),
      eventsRule(),
    ],
    'daemon-set-controller': [
      rule(READ, apps, ['daemonsets']),
      rule(['update'], apps, ['daemonsets/status']),
      rule(['update'], apps, ['daemonsets/finalizers']),
      rule(['list', 'watch'], [''], ['nodes']),
      rule(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']),
      rule(['create'], [''], ['pods/binding']),
      rule(['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'], ['apps'], ['controllerrevisions']),
      eventsRule(),
    ],
    'deployment-controller': [
      rule(['get', 'list', 'watch', 'update'], apps, ['deployments']),
      rule(['update'], apps, ['deployments/status']),
      rule(['update'], apps, ['deployments/finalizers']),
      rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], apps, ['replicasets']),
      rule(['get', 'list', 'watch', 'update'], [''], ['pods']),
      eventsRule(),
    ],
    'disruption-controller': [
      rule(READ, apps, ['deployments']),
      rule(READ, apps, ['replicasets']),
      rule(READ, [''], ['replicationcontrollers']),
      rule(READ, ['policy'], ['poddisruptionbudgets']),
      rule(READ, ['apps'], ['statefulsets']),
      rule(['update'], ['policy'], ['poddisruptionbudgets/status']),
      rule(['get'], ['*'], ['*/scale']),
      eventsRule(),
      rule(['patch', 'update'], [''], ['pods/status']),
    ],
    'endpoint-controller': [
      rule(READ, [''], ['services', 'pods']),
      rule(['get', 'list', 'create', 'update', 'delete'], [''], ['endpoints']),
      rule(['create'], [''], ['endpoints/restricted']),
      eventsRule(),
    ],
    'endpointslice-controller': [
      rule(READ, [''], ['services', 'pods', 'nodes']),
      rule(['get', 'list', 'create', 'update', 'delete'], ['discovery.k8s.io'], ['endpointslices']),
      eventsRule(),
    ],
    'endpointslicemirroring-controller': [
      rule(READ, [''], ['services', 'endpoints']),
      rule(['get', 'list', 'create', 'update', 'delete'], ['discovery.k8s.io'], ['endpointslices']),
      eventsRule(),
    ],
    'ephemeral-volume-controller': [
      rule(READ, [''], ['pods']),
      rule(['update'], [''], ['pods/finalizers']),
      rule(['get', 'list', 'watch', 'create'], [''], ['persistentvolumeclaims']),
      eventsRule(),
    ],
    'expand-controller': [
      rule(['get', 'list', 'watch', 'update', 'patch'], [''], ['persistentvolumes']),
      rule(['update', 'patch'], [''], ['persistentvolumeclaims/status']),
      rule(READ, [''], ['persistentvolumeclaims']),
      rule(['get'], ['storage.k8s.io'], ['storageclasses']),
      rule(['get'], [''], ['endpoints', 'services']),
      rule(['get'], [''], ['secrets']),
      eventsRule(),
    ],
    'generic-garbage-collector': [
      rule(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*']),
      eventsRule(),
    ],
    'horizontal-pod-autoscaler': [
      rule(READ, ['autoscaling'], ['horizontalpodautoscalers']),
      rule(['update'], ['autoscaling'], ['horizontalpodautoscalers/status']),
      rule(['get', 'update'], ['*'], ['*/scale']),
      rule(['list'], [''], ['pods']),
      rule(['list'], ['metrics.k8s.io'], ['pods']),
      rule(['get', 'list'], ['custom.metrics.k8s.io'], ['*']),
      rule(['get', 'list'], ['external.metrics.k8s.io'], ['*']),
      eventsRule(),
    ],
    'job-controller': [
      rule(['get', 'list', 'watch', 'update', 'patch'], ['batch'], ['jobs']),
      rule(['update', 'patch'], ['batch'], ['jobs/status']),
      rule(['update'], ['batch'], ['jobs/finalizers']),
      rule(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']),
      eventsRule(),
    ],
    'namespace-controller': [
      rule(['get', 'list', 'watch', 'delete'], [''], ['namespaces']),
      rule(['update'], [''], ['namespaces/finalize', 'namespaces/status']),
      rule(['get', 'list', 'delete', 'deletecollection'], ['*'], ['*']),
    ],
    'node-controller': [
      rule(['get', 'list', 'update', 'delete', 'patch'], [''], ['nodes']),
      rule(['patch', 'update'], [''], ['nodes/status']),
      rule(['patch', 'update'], [''], ['pods/status']),
      rule(['list', 'delete'], [''], ['pods']),
      eventsRule(),
    ],
    'persistent-volume-binder': [
      rule(['get', 'list', 'watch', 'update', 'create', 'delete'], [''], ['persistentvolumes']),
      rule(['update'], [''], ['persistentvolumes/status']),
      rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']),
      rule(['update'], [''], ['persistentvolumeclaims/status']),
      rule(['list', 'watch', 'get', 'create', 'delete'], [''], ['pods']),
      rule(READ, ['storage.k8s.io'], ['storageclasses']),
      rule(['get'], [''], ['secrets']),
      rule(['get'], [''], ['nodes']),
      rule(['watch'], [''], ['events']),
      eventsRule(),
    ],
    'pod-garbage-collector': [
      rule(['list', 'watch', 'delete'], [''], ['pods']),
      rule(['get', 'list'], [''], ['nodes']),
      rule(['patch'], [''], ['pods/status']),
    ],
    'pv-protection-controller': [
      rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumes']),
      eventsRule(),
    ],
    'pvc-protection-controller': [
      rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']),
      rule(['list', 'watch', 'get'], [''], ['pods']),
      eventsRule(),
    ],
    'replicaset-controller': [
      rule(['get', 'list', 'watch', 'update'], apps, ['replicasets']),
      rule(['update'], apps, ['replicasets/status']),
      rule(['update'], apps, ['replicasets/finalizers']),
      rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']),
      eventsRule(),
    ],
    'replication-controller': [
      rule(['get', 'list', 'watch', 'update'], [''], ['replicationcontrollers']),
      rule(['update'], [''], ['replicationcontrollers/status']),
      rule(['update'], [''], ['replicationcontrollers/finalizers']),
      rule(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']),
      eventsRule(),
    ],
    'resourcequota-controller': [
      rule(['list', 'watch'], ['*'], ['*']),
      rule(['update'], [''], ['resourcequotas/status']),
      eventsRule(),
    ],
    'root-ca-cert-publisher': [
      rule(['create', 'update'], [''], ['configmaps']),
      eventsRule(),
    ],
    'service-account-controller': [
      rule(['create'], [''], ['serviceaccounts']),
      eventsRule(),
    ],
    'service-controller': [
      rule(READ, [''], ['services']),
      rule(['patch', 'update'], [''], ['services/status']),
      rule(['list', 'watch'], [''], ['nodes']),
      eventsRule(),
    ],
    'statefulset-controller': [
      rule(['list', 'watch'], [''], ['pods']),
      rule(READ, ['apps'], ['statefulsets']),
      rule(['update'], ['apps'], ['statefulsets/status']),
      rule(['update'], ['apps'], ['statefulsets/finalizers']),
      rule(['get', 'create', 'delete', 'update', 'patch'], [''], ['pods']),
      rule(['get', 'create', 'delete', 'update', 'patch', 'list', 'watch'], ['apps'], ['controllerrevisions']),
      rule(['get', 'create'], [''], ['persistentvolumeclaims']),
      rule(['update', 'delete'], [''], ['persistentvolumeclaims']),
      eventsRule(),
    ],
    'ttl-controller': [
      rule(['update', 'patch', 'list', 'watch'], [''], ['nodes']),
      eventsRule(),
    ],
    'ttl-after-finished-controller': [
      rule(['get', 'list', 'watch', 'delete'], ['batch'], ['jobs']),
      eventsRule(),
    ],
    'certificate-controller': [
      rule(['get', 'list', 'watch', 'delete'], ['certificates.k8s.io'], ['certificatesigningrequests']),
      rule(['update'], ['certificates.k8s.io'], ['certificatesigningrequests/status', 'certificatesigningrequests/approval']),
      rule(['approve'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
      rule(['sign'], ['certificates.k8s.io'], ['signers'], ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet',
        'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown']),
      rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
      eventsRule(),
    ],
    'legacy-service-account-token-cleaner': [
      rule(['get'], [''], ['configmaps'], ['kube-apiserver-legacy-service-account-token-tracking']),
      rule(['patch'], [''], ['secrets']),
      rule(['delete'], [''], ['secrets']),
    ],
  };
}

/** The controller names with a ClusterRole, e.g. deployment-controller. */
export function controllerNames(): string[] {
  return Object.keys(controllerRules());
}

export function controllerRoles(): ClusterRole[] {
  return Object.entries(controllerRules()).map(([name, rules]) => clusterRole(CONTROLLER_PREFIX + name, rules));
}

export function controllerRoleBindings(): ClusterRoleBinding[] {
  return controllerNames().map((name) => clusterBinding(CONTROLLER_PREFIX + name, serviceAccount('kube-system', name)));
}

export function namespacedControllerRoles(): Role[] {
  return [
    role('kube-system', `${CONTROLLER_PREFIX}bootstrap-signer`, [rule(READ, [''], ['secrets'])]),
    role('kube-system', `${CONTROLLER_PREFIX}cloud-provider`, [rule(['create', 'get', 'list', 'watch'], [''], ['configmaps'])]),
    role('kube-system', `${CONTROLLER_PREFIX}token-cleaner`, [rule([...READ, 'delete'], [''], ['secrets']), eventsRule()]),
    role('kube-public', `${CONTROLLER_PREFIX}bootstrap-signer`, [
      rule(READ, [''], ['configmaps']),
      rule(['update'], [''], ['configmaps'], ['cluster-info']),
      eventsRule(),
    ]),
  ];
}

export function namespacedControllerBindings(): RoleBinding[] {
  return [
    roleBinding('kube-system', `${CONTROLLER_PREFIX}bootstrap-signer`, serviceAccount('kube-system', 'bootstrap-signer')),
    roleBinding('kube-system', `${CONTROLLER_PREFIX}cloud-provider`, serviceAccount('kube-system', 'cloud-provider')),
    roleBinding('kube-system', `${CONTROLLER_PREFIX}token-cleaner`, serviceAccount('kube-system', 'token-cleaner')),
    roleBinding('kube-public', `${CONTROLLER_PREFIX}bootstrap-signer`, serviceAccount('kube-system', 'bootstrap-signer')),
  ];
}
