// The bootstrap policy: the ClusterRoles and bindings every cluster starts with, following
// upstream's bootstrappolicy (policy.go) of v1.33. Each carries the label
// kubernetes.io/bootstrapping=rbac-defaults and the annotation
// rbac.authorization.kubernetes.io/autoupdate=true.
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '../../api/rbac/v1/types.js';
import { controllerRoleBindings, controllerRoles, namespacedControllerBindings, namespacedControllerRoles } from './controller-policy.js';
import { rule, urlRule } from './rules.js';

export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';
export const BOOTSTRAP_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

export const READ = ['get', 'list', 'watch'];
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const READ_WRITE = [...READ, ...WRITE];
export const READ_UPDATE = ['get', 'list', 'watch', 'update', 'patch'];

/** create/update/patch events in the core and events.k8s.io groups */
export function eventsRule(): PolicyRule {
  return rule(['create', 'update', 'patch'], ['', 'events.k8s.io'], ['events']);
}

const AUTHN = 'authentication.k8s.io';
const AUTHZ = 'authorization.k8s.io';
const CERTS = 'certificates.k8s.io';
const STORAGE = 'storage.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';

function meta(name: string, labels: Record<string, string> = {}, namespace?: string): ClusterRole['metadata'] {
  return {
    name, ...(namespace ? { namespace } : {}),
    labels: { ...BOOTSTRAP_LABEL, ...labels },
    annotations: { [AUTOUPDATE_ANNOTATION]: 'true' },
  };
}

export function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}, aggregateFrom?: string): ClusterRole {
  const r: ClusterRole = { apiVersion: RBAC_API_VERSION, kind: 'ClusterRole', metadata: meta(name, labels), rules };
  if (aggregateFrom) {
    r.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${aggregateFrom}`]: 'true' } }] };
  }
  return r;
}

export function role(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { apiVersion: RBAC_API_VERSION, kind: 'Role', metadata: meta(name, {}, namespace), rules };
}

export const users = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'User', apiGroup: RBAC, name }));
export const groups = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'Group', apiGroup: RBAC, name }));
export const serviceAccount = (namespace: string, name: string): Subject[] => [{ kind: 'ServiceAccount', name, namespace }];

export function clusterBinding(name: string, subjects: Subject[], roleName = name): ClusterRoleBinding {
  const b: ClusterRoleBinding = {
    apiVersion: RBAC_API_VERSION, kind: 'ClusterRoleBinding', metadata: meta(name),
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: roleName },
  };
  if (subjects.length) b.subjects = subjects;
  return b;
}

export function roleBinding(namespace: string, name: string, subjects: Subject[], roleName = name): RoleBinding {
  return {
    apiVersion: RBAC_API_VERSION, kind: 'RoleBinding', metadata: meta(name, {}, namespace),
    roleRef: { apiGroup: RBAC, kind: 'Role', name: roleName }, subjects,
  };
}

export function nodeRules(): PolicyRule[] {
  return [
    rule(['create'], [AUTHN], ['tokenreviews']),
    rule(['create'], [AUTHZ], ['subjectaccessreviews', 'localsubjectaccessreviews']),
    rule(READ, [''], ['services']),
    rule(['create', 'get', 'list', 'watch'], [''], ['nodes']),
    rule(['update', 'patch'], [''], ['nodes/status']),
    rule(['update', 'patch'], [''], ['nodes']),
    eventsRule(),
    rule(READ, [''], ['pods']),
    rule(['create', 'delete'], [''], ['pods']),
    rule(['update', 'patch'], [''], ['pods/status']),
    rule(['create'], [''], ['pods/eviction']),
    rule(READ, [''], ['secrets', 'configmaps']),
    rule(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
    rule(['get'], [''], ['endpoints']),
    rule(['create', 'get', 'list', 'watch'], [CERTS], ['certificatesigningrequests']),
    rule(['get', 'create', 'update', 'patch', 'delete'], ['coordination.k8s.io'], ['leases']),
    rule(['get'], [STORAGE], ['volumeattachments']),
    rule(['get', 'update', 'patch'], [''], ['persistentvolumeclaims/status']),
    rule(['create'], [''], ['serviceaccounts/token']),
    rule(['get', 'watch', 'list'], [STORAGE], ['csidrivers']),
    rule(['get', 'create', 'update', 'patch', 'delete'], [STORAGE], ['csinodes']),
    rule(READ, ['node.k8s.io'], ['runtimeclasses']),
  ];
}

function aggregateToView(): PolicyRule[] {
  return [
    rule(READ, [''], ['pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status',
      'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'configmaps']),
    rule(READ, [''], ['limitranges', 'resourcequotas', 'bindings', 'events', 'pods/status', 'resourcequotas/status', 'namespaces/status',
      'replicationcontrollers/status', 'pods/log']),
    rule(READ, [''], ['namespaces']),
    rule(READ, ['discovery.k8s.io'], ['endpointslices']),
    rule(READ, ['apps'], ['controllerrevisions', 'statefulsets', 'statefulsets/status', 'statefulsets/scale', 'daemonsets', 'daemonsets/status',
      'deployments', 'deployments/status', 'deployments/scale', 'replicasets', 'replicasets/status', 'replicasets/scale']),
    rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
    rule(READ, ['batch'], ['jobs', 'cronjobs', 'cronjobs/status', 'jobs/status']),
    rule(READ, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses',
      'ingresses/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale', 'networkpolicies']),
    rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
    rule(READ, ['networking.k8s.io'], ['networkpolicies', 'ingresses', 'ingresses/status']),
  ];
}

function aggregateToEdit(): PolicyRule[] {
  return [
    rule(READ, [''], ['pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy']),
    rule(['impersonate'], [''], ['serviceaccounts']),
    rule(WRITE, [''], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
    rule(['create'], [''], ['pods/eviction']),
    rule(WRITE, [''], ['replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy',
      'persistentvolumeclaims', 'configmaps', 'secrets', 'events']),
    rule(['create'], [''], ['serviceaccounts/token']),
    rule(WRITE, ['apps'], ['statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback',
      'replicasets', 'replicasets/scale']),
    rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
    rule(WRITE, ['batch'], ['jobs', 'cronjobs']),
    rule(WRITE, ['extensions'], ['daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets',
      'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies']),
    rule(WRITE, ['policy'], ['poddisruptionbudgets']),
    rule(WRITE, ['networking.k8s.io'], ['networkpolicies', 'ingresses']),
    rule(WRITE, ['coordination.k8s.io'], ['leases']),
  ];
}

const aggregateTo = (which: string): Record<string, string> => ({ [`rbac.authorization.k8s.io/aggregate-to-${which}`]: 'true' });

export function bootstrapClusterRoles(): ClusterRole[] {
  const roles: ClusterRole[] = [
    clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])]),
    clusterRole('system:discovery', [urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*',
      '/api', '/api/*', '/apis', '/apis/*'])]),
    clusterRole('system:monitoring', [urlRule(['get'], ['/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*'])]),
    clusterRole('system:basic-user', [
      rule(['create'], [AUTHZ], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      rule(['create'], [AUTHN], ['selfsubjectreviews']),
    ]),
    clusterRole('system:public-info-viewer', [urlRule(['get'], ['/livez', '/readyz', '/healthz', '/version', '/version/'])]),
    clusterRole('admin', [], {}, 'admin'),
    clusterRole('edit', [], aggregateTo('admin'), 'edit'),
    clusterRole('view', [], aggregateTo('edit'), 'view'),
    clusterRole('system:aggregate-to-admin', [
      rule(['create'], [AUTHZ], ['localsubjectaccessreviews']),
      rule(READ_WRITE, [RBAC], ['roles', 'rolebindings']),
    ], aggregateTo('admin')),
    clusterRole('system:aggregate-to-edit', aggregateToEdit(), aggregateTo('edit')),
    clusterRole('system:aggregate-to-view', aggregateToView(), aggregateTo('view')),
    clusterRole('system:heapster', [
      rule(READ, [''], ['events', 'pods', 'nodes', 'namespaces']),
      rule(READ, ['extensions'], ['deployments']),
    ]),
    clusterRole('system:node', nodeRules()),
    clusterRole('system:node-problem-detector', [rule(['get'], [''], ['nodes']), rule(['patch'], [''], ['nodes/status']), eventsRule()]),
    clusterRole('system:kubelet-api-admin', [
      rule(['get', 'list', 'watch'], [''], ['nodes']),
      rule(['proxy'], [''], ['nodes']),
      rule(['*'], [''], ['nodes/proxy', 'nodes/metrics', 'nodes/spec', 'nodes/stats', 'nodes/log']),
    ]),
    clusterRole('system:node-bootstrapper', [rule(['create', 'get', 'list', 'watch'], [CERTS], ['certificatesigningrequests'])]),
    clusterRole('system:auth-delegator', [rule(['create'], [AUTHN], ['tokenreviews']), rule(['create'], [AUTHZ], ['subjectaccessreviews'])]),
    clusterRole('system:kube-aggregator', [rule(READ, [''], ['services', 'endpoints'])]),
    clusterRole('system:kube-controller-manager', [
      eventsRule(),
      rule(['create'], ['coordination.k8s.io'], ['leases']),
      rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-controller-manager']),
      rule(['create'], [''], ['secrets', 'serviceaccounts']),
      rule(['delete'], [''], ['secrets']),
      rule(['get'], [''], ['namespaces', 'secrets', 'serviceaccounts', 'configmaps']),
      rule(['update'], [''], ['secrets', 'serviceaccounts']),
      rule(['create'], [AUTHN], ['tokenreviews']),
      rule(['create'], [AUTHZ], ['subjectaccessreviews']),
      rule(['list', 'watch'], ['*'], ['*']),
      rule(['create'], [''], ['serviceaccounts/token']),
    ]),
    clusterRole('system:kube-dns', [rule(['list', 'watch'], [''], ['endpoints', 'services'])]),
    clusterRole('system:persistent-volume-provisioner', [
      rule(['get', 'list', 'watch', 'create', 'delete'], [''], ['persistentvolumes']),
      rule(['get', 'list', 'watch', 'update'], [''], ['persistentvolumeclaims']),
      rule(READ, [STORAGE], ['storageclasses']),
      rule(['watch'], [''], ['events']),
      eventsRule(),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [rule(['create'], [CERTS], ['certificatesigningrequests/nodeclient'])]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [rule(['create'], [CERTS], ['certificatesigningrequests/selfnodeclient'])]),
    clusterRole('system:volume-scheduler', [
      rule(READ_UPDATE, [''], ['persistentvolumes']),
      rule(READ, [STORAGE], ['storageclasses']),
      rule(READ_UPDATE, [''], ['persistentvolumeclaims']),
    ]),
    clusterRole('system:certificates.k8s.io:legacy-unknown-approver', [rule(['approve'], [CERTS], ['signers'], ['kubernetes.io/legacy-unknown'])]),
    clusterRole('system:certificates.k8s.io:kubelet-serving-approver', [rule(['approve'], [CERTS], ['signers'], ['kubernetes.io/kubelet-serving'])]),
    clusterRole('system:certificates.k8s.io:kube-apiserver-client-approver', [rule(['approve'], [CERTS], ['signers'], ['kubernetes.io/kube-apiserver-client'])]),
    clusterRole('system:certificates.k8s.io:kube-apiserver-client-kubelet-approver', [
      rule(['approve'], [CERTS], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
    ]),
    clusterRole('system:service-account-issuer-discovery', [urlRule(['get'], ['/.well-known/openid-configuration', '/.well-known/openid-configuration/',
      '/openid/v1/jwks', '/openid/v1/jwks/'])]),
    clusterRole('system:node-proxier', [
      rule(['list', 'watch'], [''], ['services', 'endpoints']),
      rule(['get', 'list', 'watch'], [''], ['nodes']),
      eventsRule(),
      rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    ]),
    clusterRole('system:kube-scheduler', [
      eventsRule(),
      rule(['create'], ['coordination.k8s.io'], ['leases']),
      rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['kube-scheduler']),
      rule(READ, [''], ['nodes']),
      rule(['get', 'list', 'watch', 'delete'], [''], ['pods']),
      rule(['create'], [''], ['pods/binding', 'bindings']),
      rule(['patch', 'update'], [''], ['pods/status']),
      rule(READ, [''], ['services', 'replicationcontrollers']),
      rule(READ, ['apps', 'extensions'], ['replicasets']),
      rule(READ, ['apps'], ['statefulsets']),
      rule(READ, ['policy'], ['poddisruptionbudgets']),
      rule(READ, [''], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(['create'], [AUTHN], ['tokenreviews']),
      rule(['create'], [AUTHZ], ['subjectaccessreviews']),
      rule(READ, [STORAGE], ['csinodes']),
      rule(READ, [''], ['namespaces']),
      rule(READ, [STORAGE], ['csidrivers']),
      rule(READ, [STORAGE], ['csistoragecapacities']),
    ]),
  ];
  return [...roles, ...controllerRoles()];
}

export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    clusterBinding('cluster-admin', groups('system:masters')),
    clusterBinding('system:monitoring', groups('system:monitoring')),
    clusterBinding('system:discovery', groups('system:authenticated')),
    clusterBinding('system:basic-user', groups('system:authenticated')),
    clusterBinding('system:public-info-viewer', groups('system:authenticated', 'system:unauthenticated')),
    clusterBinding('system:node-proxier', users('system:kube-proxy')),
    clusterBinding('system:kube-controller-manager', users('system:kube-controller-manager')),
    clusterBinding('system:kube-dns', serviceAccount('kube-system', 'kube-dns')),
    clusterBinding('system:kube-scheduler', users('system:kube-scheduler')),
    clusterBinding('system:volume-scheduler', users('system:kube-scheduler')),
    // kept without subjects: the Node authorizer grants nodes what they need
    clusterBinding('system:node', []),
    clusterBinding('system:service-account-issuer-discovery', groups('system:serviceaccounts')),
    ...controllerRoleBindings(),
  ];
}

export function bootstrapRoles(): Role[] {
  return [
    role('kube-system', 'extension-apiserver-authentication-reader', [
      rule(['get', 'list', 'watch'], [''], ['configmaps'], ['extension-apiserver-authentication']),
    ]),
    role('kube-system', 'system::leader-locking-kube-controller-manager', [
      rule(['watch'], [''], ['configmaps']),
      rule(['get', 'update'], [''], ['configmaps'], ['kube-controller-manager']),
    ]),
    role('kube-system', 'system::leader-locking-kube-scheduler', [
      rule(['watch'], [''], ['configmaps']),
      rule(['get', 'update'], [''], ['configmaps'], ['kube-scheduler']),
    ]),
    ...namespacedControllerRoles(),
  ];
}

export function bootstrapRoleBindings(): RoleBinding[] {
  return [
    roleBinding('kube-system', 'system::extension-apiserver-authentication-reader', [
      ...users('system:kube-controller-manager', 'system:kube-scheduler'),
    ], 'extension-apiserver-authentication-reader'),
    roleBinding('kube-system', 'system::leader-locking-kube-controller-manager', [
      ...users('system:kube-controller-manager'), ...serviceAccount('kube-system', 'kube-controller-manager'),
    ]),
    roleBinding('kube-system', 'system::leader-locking-kube-scheduler', [
      ...users('system:kube-scheduler'), ...serviceAccount('kube-system', 'kube-scheduler'),
    ]),
    ...namespacedControllerBindings(),
  ];
}
