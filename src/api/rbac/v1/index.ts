// rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding.
import type { ResourceInfo } from '../../scheme.js';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding, RBAC_GROUP } from './types.js';
import {
  bindingPrinter, defaultBinding, rolePrinter, validateClusterRole, validateClusterRoleBinding,
  validateClusterRoleBindingUpdate, validateClusterRoleUpdate, validateRole, validateRoleBinding,
  validateRoleBindingUpdate, validateRoleUpdate,
} from './rbac.js';

const base = { group: RBAC_GROUP, version: 'v1', shortNames: [], categories: [], subresources: [] };

export const resources: ResourceInfo[] = [
  {
    ...base, kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false,
    schema: ClusterRoleBinding, defaults: defaultBinding, validate: validateClusterRoleBinding,
    validateUpdate: validateClusterRoleBindingUpdate, printer: bindingPrinter,
  },
  {
    ...base, kind: 'ClusterRole', resource: 'clusterroles', singular: 'clusterrole', namespaced: false,
    schema: ClusterRole, validate: validateClusterRole, validateUpdate: validateClusterRoleUpdate, printer: rolePrinter,
  },
  {
    ...base, kind: 'RoleBinding', resource: 'rolebindings', singular: 'rolebinding', namespaced: true,
    schema: RoleBinding, defaults: defaultBinding, validate: validateRoleBinding,
    validateUpdate: validateRoleBindingUpdate, printer: bindingPrinter,
  },
  {
    ...base, kind: 'Role', resource: 'roles', singular: 'role', namespaced: true,
    schema: Role, validate: validateRole, validateUpdate: validateRoleUpdate, printer: rolePrinter,
  },
];
