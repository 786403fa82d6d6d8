// The RBAC rule resolver: which rules apply to a user in a namespace. Roles, ClusterRoles and
// their bindings are mirrored from the watch cache; bindings are indexed by subject (user
// name, group name; a ServiceAccount subject is the user system:serviceaccount:<ns>:<name>)
// so a request only looks at the bindings naming its user or one of its groups.
import type { KubeObject } from '../../api/meta/v1/types.js';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '../../api/rbac/v1/types.js';
import type { UserInfo } from '../chain.js';
import { KindMirror, type ObjectSource } from './mirror.js';
import { serviceAccountUsername } from '../authn/sa-token.js';

/** Where each RBAC kind lives in the watch cache (storage key prefixes). */
export interface RbacPrefixes {
  roles: string;
  clusterRoles: string;
  roleBindings: string;
  clusterRoleBindings: string;
}

type Binding = RoleBinding | ClusterRoleBinding;

/** Where a rule came from, as upstream describes it in an allow reason. */
export interface RuleSource {
  binding: Binding;
  /** set for a RoleBinding */
  namespace?: string;
  subject: Subject;
}

/** Called for each rule (or resolution error); return false to stop. */
export type RuleVisitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, err: Error | undefined) => boolean;


/** The user name a subject names, or the group; undefined for a subject that can match nobody. */
function subjectKey(s: Subject, bindingNamespace: string): string | undefined {
  switch (s.kind) {
    case 'User': return `u:${s.name}`;
    case 'Group': return `g:${s.name}`;
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return ns ? `u:${serviceAccountUsername(ns, s.name)}` : undefined;
    }
    default: return undefined;
  }
}

export function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

/** upstream's description of a binding in an allow reason. */
export function describeSource(src: RuleSource): string {
  const b = src.binding;
  const name = b.metadata?.name ?? '';
  const ref = `${b.roleRef.kind} ${JSON.stringify(b.roleRef.name)}`;
  if (src.namespace !== undefined) {
    return `RoleBinding ${JSON.stringify(`${name}/${src.namespace}`)} of ${ref} to ${describeSubject(src.subject, src.namespace)}`;
  }
  return `ClusterRoleBinding ${JSON.stringify(name)} of ${ref} to ${describeSubject(src.subject, '')}`;
}

/** bindings by subject key; for namespaced bindings the key is prefixed by "<ns>|" */
class SubjectIndex {
  readonly #bySubject = new Map<string, Map<string, Binding>>();

  #keys(b: Binding, namespaced: boolean): string[] {
    const ns = namespaced ? (b.metadata?.namespace ?? '') : '';
    const out = new Set<string>();
    for (const s of b.subjects ?? []) {
      const k = subjectKey(s, ns);
      if (k) out.add(namespaced ? `${ns}|${k}` : k);
    }
    return [...out];
  }

  #id(b: Binding): string {
    return `${b.metadata?.namespace ?? ''}/${b.metadata?.name ?? ''}`;
  }

  add(b: Binding, namespaced: boolean): void {
    for (const k of this.#keys(b, namespaced)) {
      let m = this.#bySubject.get(k);
      if (!m) this.#bySubject.set(k, (m = new Map()));
      m.set(this.#id(b), b);
    }
  }

  remove(b: Binding, namespaced: boolean): void {
    for (const k of this.#keys(b, namespaced)) {
      const m = this.#bySubject.get(k);
      m?.delete(this.#id(b));
      if (m && !m.size) this.#bySubject.delete(k);
    }
  }

  /** The bindings naming any of the keys, each once, in name order. */
  find(keys: string[]): Binding[] {
    const found = new Map<string, Binding>();
    for (const k of keys) for (const [id, b] of this.#bySubject.get(k) ?? []) found.set(id, b);
    return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b);
  }
}

function notFound(resource: string, name: string): Error {
  return new Error(`${resource}.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`);
}

export class RbacResolver {
  readonly roles: KindMirror;
  readonly clusterRoles: KindMirror;
  readonly roleBindings: KindMirror;
  readonly clusterRoleBindings: KindMirror;
  readonly #crbIndex = new SubjectIndex();
  readonly #rbIndex = new SubjectIndex();

  constructor(source: ObjectSource, prefixes: RbacPrefixes) {
    this.roles = new KindMirror(source, prefixes.roles);
    this.clusterRoles = new KindMirror(source, prefixes.clusterRoles);
    this.roleBindings = new KindMirror(source, prefixes.roleBindings);
    this.clusterRoleBindings = new KindMirror(source, prefixes.clusterRoleBindings);
    const follow = (idx: SubjectIndex, namespaced: boolean) => (type: string, obj: KubeObject, prev: KubeObject | undefined): void => {
      if (prev) idx.remove(prev as Binding, namespaced);
      if (type !== 'DELETED') idx.add(obj as Binding, namespaced);
    };
    this.clusterRoleBindings.onChange(follow(this.#crbIndex, false));
    this.roleBindings.onChange(follow(this.#rbIndex, true));
  }

  start(): void {
    for (const m of [this.roles, this.clusterRoles, this.roleBindings, this.clusterRoleBindings]) m.start();
  }

  stop(): void {
    for (const m of [this.roles, this.clusterRoles, this.roleBindings, this.clusterRoleBindings]) m.stop();
  }

  /** The rules a binding's roleRef grants, or why they cannot be found. */
  roleRefRules(ref: { kind: string; name: string }, namespace: string): { rules: PolicyRule[]; err?: Error } {
    if (ref.kind === 'ClusterRole') {
      const r = this.clusterRoles.get(ref.name) as ClusterRole | undefined;
      return r ? { rules: r.rules ?? [] } : { rules: [], err: notFound('clusterrole', ref.name) };
    }
    if (ref.kind === 'Role') {
      const r = namespace ? this.roles.get(ref.name, namespace) as Role | undefined : undefined;
      return r ? { rules: r.rules ?? [] } : { rules: [], err: notFound('role', ref.name) };
    }
    return { rules: [], err: new Error(`unsupported role reference kind: ${JSON.stringify(ref.kind)}`) };
  }

  /** Visits the rules of every ClusterRoleBinding, then every RoleBinding in namespace, that applies to the user. */
  visitRulesFor(user: UserInfo, namespace: string, visit: RuleVisitor): void {
    const keys = [`u:${user.name}`, ...user.groups.map((g) => `g:${g}`)];
    const mine = new Set(keys);
    const walk = (b: Binding, ns: string | undefined): boolean => {
      const subject = (b.subjects ?? []).find((s) => {
        const k = subjectKey(s, ns ?? '');
        return k !== undefined && mine.has(k);
      });
      if (!subject) return true;
      if (ns === undefined && b.roleRef.kind !== 'ClusterRole') return true;
      const { rules, err } = this.roleRefRules(b.roleRef, ns ?? '');
      if (err) return visit(undefined, undefined, err);
      const src: RuleSource = { binding: b, namespace: ns, subject };
      for (const r of rules) if (!visit(src, r, undefined)) return false;
      return true;
    };
    for (const b of this.#crbIndex.find(keys)) if (!walk(b, undefined)) return;
    if (!namespace) return;
    for (const b of this.#rbIndex.find(keys.map((k) => `${namespace}|${k}`))) if (!walk(b, namespace)) return;
  }

  /** Every rule that applies to the user in the namespace (cluster-wide ones included), and the resolution errors. */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: Error[] } {
    const rules: PolicyRule[] = [];
    const errors: Error[] = [];
    this.visitRulesFor(user, namespace, (_src, r, err) => {
      if (r) rules.push(r);
      if (err) errors.push(err);
      return true;
    });
    return { rules, errors };
  }
}
