// The Pod Security Standards' checks (k8s.io/pod-security-admission/policy) at their latest
// version: each returns undefined when the pod passes, or upstream's reason and detail.
import type { Pod } from '../../api/core/v1/pod.js';
import { allContainers, joinQuote, pluralize, type Container } from './util.js';

export type Level = 'privileged' | 'baseline' | 'restricted';

export interface Violation {
  reason: string;
  detail: string;
}

interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** baseline checks a restricted check replaces */
  overrides?: string[];
  /** the first minor version of the standards that has the check (default 0) */
  since?: number;
  run(meta: NonNullable<Pod['metadata']>, spec: NonNullable<Pod['spec']>, minor: number): Violation | undefined;
}

/** The newest version of the standards kubets knows: "latest" means v1.33. */
export const LATEST_MINOR = 33;

type Spec = NonNullable<Pod['spec']>;
type SC = NonNullable<Container['securityContext']>;

const sc = (c: Container): SC => c.securityContext ?? {};
const names = (cs: Container[]): string[] => cs.map((c) => c.name);
const containers = (n: string[]): string => `${pluralize('container', 'containers', n.length)} ${joinQuote(n)}`;
const sortedUnique = (xs: string[]): string[] => [...new Set(xs)].sort();
const isWindows = (spec: Spec): boolean => spec.os?.name === 'windows';
/** Pods in a user namespace (hostUsers: false) may run as root inside it. */
const userNamespaced = (spec: Spec): boolean => spec.hostUsers === false;

/** "pod and containers "a", "b"" style subjects, as upstream joins its bad setters. */
function setters(pod: boolean, bad: string[]): string {
  const parts: string[] = [];
  if (pod) parts.push('pod');
  if (bad.length) parts.push(containers(bad));
  return parts.join(' and ');
}

const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** Safe sysctls and the minor version that first allows each. */
const ALLOWED_SYSCTLS = new Map<string, number>([
  ['kernel.shm_rmid_forced', 0], ['net.ipv4.ip_local_port_range', 0], ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.tcp_syncookies', 0], ['net.ipv4.ping_group_range', 0], ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29], ['net.ipv4.tcp_fin_timeout', 29], ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29], ['net.ipv4.tcp_rmem', 32], ['net.ipv4.tcp_wmem', 32],
]);

const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** Volume sources restricted pods may use. */
const RESTRICTED_OK_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

const CHECKS: Check[] = [
  {
    id: 'appArmorProfile', level: 'baseline',
    run(meta, spec, minor) {
      const bad: string[] = [];
      for (const [k, v] of Object.entries(meta.annotations ?? {})) {
        if (k.startsWith('container.apparmor.security.beta.kubernetes.io/') && v !== '' && v !== 'runtime/default' && !v.startsWith('localhost/')) {
          bad.push(`${k}=${JSON.stringify(v)}`);
        }
      }
      const podBad = minor >= 30 && spec.securityContext?.appArmorProfile?.type === 'Unconfined';
      const cBad = minor >= 30 ? names(allContainers(spec).filter((c) => sc(c).appArmorProfile?.type === 'Unconfined')) : [];
      if (podBad || cBad.length) bad.push(`${setters(podBad, cBad)} must not set securityContext.appArmorProfile.type to "Unconfined"`);
      if (!bad.length) return undefined;
      bad.sort();
      return { reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', bad.length), detail: bad.join(', ') };
    },
  },
  {
    id: 'capabilities_baseline', level: 'baseline',
    run(_meta, spec) {
      const bad: string[] = [];
      const caps: string[] = [];
      for (const c of allContainers(spec)) {
        const extra = (sc(c).capabilities?.add ?? []).filter((x) => !DEFAULT_CAPABILITIES.has(x));
        if (extra.length) {
          bad.push(c.name);
          caps.push(...extra);
        }
      }
      if (!bad.length) return undefined;
      return { reason: 'non-default capabilities', detail: `${containers(bad)} must not include ${joinQuote(sortedUnique(caps))} in securityContext.capabilities.add` };
    },
  },
  {
    id: 'hostNamespaces', level: 'baseline',
    run(_meta, spec) {
      const bad: string[] = [];
      if (spec.hostNetwork) bad.push('hostNetwork=true');
      if (spec.hostPID) bad.push('hostPID=true');
      if (spec.hostIPC) bad.push('hostIPC=true');
      return bad.length ? { reason: 'host namespaces', detail: bad.join(', ') } : undefined;
    },
  },
  {
    id: 'hostPathVolumes', level: 'baseline',
    run(_meta, spec) {
      const bad = (spec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
      return bad.length ? { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}` } : undefined;
    },
  },
  {
    id: 'hostPorts', level: 'baseline',
    run(_meta, spec) {
      const bad: string[] = [];
      const ports = new Set<string>();
      for (const c of allContainers(spec)) {
        const hp = (c.ports ?? []).filter((p) => p.hostPort).map((p) => String(p.hostPort));
        if (hp.length) {
          bad.push(c.name);
          hp.forEach((p) => ports.add(p));
        }
      }
      if (!bad.length) return undefined;
      const list = [...ports].sort();
      return {
        reason: 'hostPort',
        detail: `${containers(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
      };
    },
  },
  {
    id: 'hostProcess', level: 'baseline',
    run(_meta, spec) {
      const pod = spec.securityContext?.windowsOptions?.hostProcess === true;
      const bad = names(allContainers(spec).filter((c) => sc(c).windowsOptions?.hostProcess === true));
      if (!pod && !bad.length) return undefined;
      return { reason: 'hostProcess', detail: `${setters(pod, bad)} must not set securityContext.windowsOptions.hostProcess=true` };
    },
  },
  {
    id: 'privileged', level: 'baseline',
    run(_meta, spec) {
      const bad = names(allContainers(spec).filter((c) => sc(c).privileged === true));
      return bad.length ? { reason: 'privileged', detail: `${containers(bad)} must not set securityContext.privileged=true` } : undefined;
    },
  },
  {
    id: 'procMount', level: 'baseline',
    run(_meta, spec) {
      if (userNamespaced(spec)) return undefined;
      const bad: string[] = [];
      const types: string[] = [];
      for (const c of allContainers(spec)) {
        const pm = sc(c).procMount;
        if (pm !== undefined && pm !== 'Default') {
          bad.push(c.name);
          types.push(pm);
        }
      }
      if (!bad.length) return undefined;
      return { reason: 'procMount', detail: `${containers(bad)} must not set securityContext.procMount to ${joinQuote(sortedUnique(types))}` };
    },
  },
  {
    id: 'seLinuxOptions', level: 'baseline',
    run(_meta, spec) {
      const badTypes = new Set<string>();
      let setUser = false;
      let setRole = false;
      const valid = (o?: { type?: string; user?: string; role?: string }): boolean => {
        if (!o) return true;
        let ok = true;
        if (!SELINUX_TYPES.has(o.type ?? '')) {
          ok = false;
          badTypes.add(o.type ?? '');
        }
        if (o.user) {
          ok = false;
          setUser = true;
        }
        if (o.role) {
          ok = false;
          setRole = true;
        }
        return ok;
      };
      const pod = !valid(spec.securityContext?.seLinuxOptions);
      const bad = names(allContainers(spec).filter((c) => !valid(sc(c).seLinuxOptions)));
      if (!pod && !bad.length) return undefined;
      const data: string[] = [];
      if (badTypes.size) data.push(`${pluralize('type', 'types', badTypes.size)} ${joinQuote([...badTypes].sort())}`);
      if (setUser) data.push('user may not be set');
      if (setRole) data.push('role may not be set');
      return { reason: 'seLinuxOptions', detail: `${setters(pod, bad)} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
    },
  },
  {
    id: 'seccompProfile_baseline', level: 'baseline',
    run(_meta, spec) {
      const pod = spec.securityContext?.seccompProfile?.type === 'Unconfined';
      const bad = names(allContainers(spec).filter((c) => sc(c).seccompProfile?.type === 'Unconfined'));
      if (!pod && !bad.length) return undefined;
      return { reason: 'seccompProfile', detail: `${setters(pod, bad)} must not set securityContext.seccompProfile.type to "Unconfined"` };
    },
  },
  {
    id: 'sysctls', level: 'baseline',
    run(_meta, spec, minor) {
      const bad = (spec.securityContext?.sysctls ?? []).map((s) => s.name).filter((n) => (ALLOWED_SYSCTLS.get(n) ?? Infinity) > minor);
      return bad.length ? { reason: 'forbidden sysctls', detail: bad.join(', ') } : undefined;
    },
  },
  {
    id: 'allowPrivilegeEscalation', level: 'restricted',
    run(_meta, spec) {
      if (isWindows(spec)) return undefined;
      const bad = names(allContainers(spec).filter((c) => sc(c).allowPrivilegeEscalation !== false));
      return bad.length ? { reason: 'allowPrivilegeEscalation != false', detail: `${containers(bad)} must set securityContext.allowPrivilegeEscalation=false` } : undefined;
    },
  },
  {
    id: 'capabilities_restricted', level: 'restricted', overrides: ['capabilities_baseline'], since: 22,
    run(_meta, spec) {
      if (isWindows(spec)) return undefined;
      const missingDrop: string[] = [];
      const adding: string[] = [];
      const caps: string[] = [];
      for (const c of allContainers(spec)) {
        const cap = sc(c).capabilities;
        if (!cap || !(cap.drop ?? []).includes('ALL')) missingDrop.push(c.name);
        const extra = (cap?.add ?? []).filter((x) => x !== 'NET_BIND_SERVICE');
        if (extra.length) {
          adding.push(c.name);
          caps.push(...extra);
        }
      }
      const details: string[] = [];
      if (missingDrop.length) details.push(`${containers(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
      if (adding.length) details.push(`${containers(adding)} must not include ${joinQuote(sortedUnique(caps))} in securityContext.capabilities.add`);
      return details.length ? { reason: 'unrestricted capabilities', detail: details.join('; ') } : undefined;
    },
  },
  {
    id: 'restrictedVolumes', level: 'restricted', overrides: ['hostPathVolumes'],
    run(_meta, spec) {
      const bad: string[] = [];
      const types = new Set<string>();
      for (const v of spec.volumes ?? []) {
        const kinds = Object.keys(v).filter((k) => k !== 'name');
        if (kinds.length && kinds.every((k) => RESTRICTED_OK_VOLUMES.has(k))) continue;
        bad.push(v.name);
        types.add(kinds.find((k) => !RESTRICTED_OK_VOLUMES.has(k)) ?? 'unknown');
      }
      if (!bad.length) return undefined;
      const t = [...types].sort();
      return {
        reason: 'restricted volume types',
        detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', t.length)} ${joinQuote(t)}`,
      };
    },
  },
  {
    id: 'runAsNonRoot', level: 'restricted',
    run(_meta, spec) {
      if (userNamespaced(spec)) return undefined;
      const podValue = spec.securityContext?.runAsNonRoot;
      const explicitBad: string[] = [];
      const implicitBad: string[] = [];
      for (const c of allContainers(spec)) {
        const v = sc(c).runAsNonRoot;
        if (v === false) explicitBad.push(c.name);
        else if (v === undefined && podValue !== true) implicitBad.push(c.name);
      }
      if (podValue === false || explicitBad.length) {
        return { reason: 'runAsNonRoot != true', detail: `${setters(podValue === false, explicitBad)} must not set securityContext.runAsNonRoot=false` };
      }
      if (implicitBad.length) return { reason: 'runAsNonRoot != true', detail: `pod or ${containers(implicitBad)} must set securityContext.runAsNonRoot=true` };
      return undefined;
    },
  },
  {
    id: 'runAsUser', level: 'restricted', since: 23,
    run(_meta, spec) {
      if (userNamespaced(spec)) return undefined;
      const pod = spec.securityContext?.runAsUser === 0;
      const bad = names(allContainers(spec).filter((c) => sc(c).runAsUser === 0));
      if (!pod && !bad.length) return undefined;
      return { reason: 'runAsUser=0', detail: `${setters(pod, bad)} must not set runAsUser=0` };
    },
  },
  {
    id: 'seccompProfile_restricted', level: 'restricted', overrides: ['seccompProfile_baseline'],
    run(_meta, spec) {
      if (isWindows(spec)) return undefined;
      const ok = (t?: string): boolean => t === 'RuntimeDefault' || t === 'Localhost';
      const badValues = new Set<string>();
      const podProfile = spec.securityContext?.seccompProfile;
      const podBad = !!podProfile && !ok(podProfile.type);
      if (podBad) badValues.add(podProfile?.type ?? '');
      const podSet = !!podProfile && !podBad;
      const explicitBad: string[] = [];
      const implicitBad: string[] = [];
      for (const c of allContainers(spec)) {
        const p = sc(c).seccompProfile;
        if (p) {
          if (!ok(p.type)) {
            explicitBad.push(c.name);
            badValues.add(p.type ?? '');
          }
        } else if (!podSet) implicitBad.push(c.name);
      }
      if (podBad || explicitBad.length) {
        return { reason: 'seccompProfile', detail: `${setters(podBad, explicitBad)} must not set securityContext.seccompProfile.type to ${joinQuote([...badValues].sort())}` };
      }
      if (implicitBad.length) {
        return { reason: 'seccompProfile', detail: `pod or ${containers(implicitBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
      }
      return undefined;
    },
  },
];

/** Baseline checks then restricted ones, each group by ID, as upstream orders its messages. */
function ordered(level: 'baseline' | 'restricted', minor: number): Check[] {
  const byId = (x: Check, y: Check): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  const active = CHECKS.filter((c) => (c.since ?? 0) <= minor);
  const baseline = active.filter((c) => c.level === 'baseline').sort(byId);
  if (level === 'baseline') return baseline;
  const restricted = active.filter((c) => c.level === 'restricted').sort(byId);
  const overridden = new Set(restricted.flatMap((c) => c.overrides ?? []));
  return [...baseline.filter((c) => !overridden.has(c.id)), ...restricted];
}

/** The minor version a level's version label names: latest, or v1.N (newer than kubets knows = latest). */
export function minorOf(version: string): number {
  const m = /^v1\.(\d+)$/.exec(version);
  return m ? Math.min(Number(m[1]), LATEST_MINOR) : LATEST_MINOR;
}

/** Every failed check of a pod at a level and version (none at privileged). */
export function evaluatePod(level: Level, metadata: Pod['metadata'], spec: Pod['spec'], version = 'latest'): Violation[] {
  if (level === 'privileged') return [];
  const minor = minorOf(version);
  const out: Violation[] = [];
  for (const c of ordered(level, minor)) {
    const v = c.run(metadata ?? {}, spec ?? { containers: [] }, minor);
    if (v) out.push(v);
  }
  return out;
}

/** `reason (detail), reason (detail)` as in the Forbidden message and the warnings. */
export function formatViolations(vs: Violation[]): string {
  return vs.map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason)).join(', ');
}
