// Validation of containers (upstream validateContainers, validateInitContainers,
// validateEphemeralContainers, validateContainerCommon and their helpers): names, images,
// ports, env, mounts, probes, lifecycle hooks, pull policy and security context.
import {
  type FieldError, type Path, duplicate, forbidden, invalid, notFound, notSupported, required,
} from '../../../machinery/field-errors.js';
import {
  isQualifiedName, isValidPortName, isValidPortNum, regexError,
} from '../../../machinery/validation.js';
import type {
  Container, ContainerPort, EphemeralContainer, HTTPGetAction, LifecycleHandler,
  Probe, SecurityContext, SeccompProfile, AppArmorProfile, Volume, VolumeDevice, VolumeMount,
} from './pod.js';
import { PROTOCOLS, PULL_POLICIES, TERMINATION_MESSAGE_POLICIES } from './container.js';
import { validateEnv, validateEnvFrom } from './env-validation.js';
import { validateResourceRequirements } from './resource-validation.js';
import { dnsLabelErrors, validateLocalDescendingPath, validatePathNoBacksteps } from './volume-validation.js';

export const NON_NEGATIVE = 'must be greater than or equal to 0';

export interface ContainerContext {
  volumes: Map<string, Volume>;
  gracePeriod: number | undefined;
  restartPolicy: string | undefined;
  hostUsers: boolean;
}

const nonNegative = (v: number | undefined, path: Path): FieldError[] => ((v ?? 0) < 0 ? [invalid(path, v, NON_NEGATIVE)] : []);

function validatePorts(ports: ContainerPort[] | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const p = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(p.child('name'), port.name, m));
      else if (names.has(port.name)) errs.push(duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(p.child('containerPort')));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(invalid(p.child('containerPort'), port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(p.child('hostPort'), port.hostPort, m));
    if (!port.protocol) errs.push(required(p.child('protocol')));
    else if (!(PROTOCOLS as readonly string[]).includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, PROTOCOLS));
  });
  return errs;
}

function validateVolumeMounts(ctr: Container, volumes: Map<string, Volume>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const devices = new Map((ctr.volumeDevices ?? []).map((d) => [d.name, d.devicePath]));
  const mountPoints = new Set<string>();
  (ctr.volumeMounts ?? []).forEach((m: VolumeMount, i) => {
    const p = path.index(i);
    if (!m.name) errs.push(required(p.child('name')));
    if (!volumes.has(m.name)) errs.push(notFound(p.child('name'), m.name));
    if (!m.mountPath) errs.push(required(p.child('mountPath')));
    if (mountPoints.has(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must be unique'));
    mountPoints.add(m.mountPath);
    if (devices.has(m.name)) errs.push(invalid(p.child('name'), m.name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must not already exist as a path in volumeDevices'));
    if (volumes.get(m.name)?.image) {
      if (m.subPath) errs.push(invalid(p.child('subPath'), m.subPath, 'not allowed in image volume sources'));
      if (m.subPathExpr) errs.push(invalid(p.child('subPathExpr'), m.subPathExpr, 'not allowed in image volume sources'));
    }
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, path.child('subPath')));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(p.child('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, path.child('subPathExpr')));
    }
    if (m.mountPropagation) {
      const mp = path.child('mountPropagation');
      const supported = ['Bidirectional', 'HostToContainer', 'None'];
      if (!supported.includes(m.mountPropagation)) errs.push(notSupported(mp, m.mountPropagation, supported));
      if (m.mountPropagation === 'Bidirectional' && !ctr.securityContext?.privileged) {
        errs.push(forbidden(mp, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    if (m.recursiveReadOnly && m.recursiveReadOnly !== 'Disabled') {
      const rp = path.child('recursiveReadOnly');
      if (m.recursiveReadOnly !== 'Enabled' && m.recursiveReadOnly !== 'IfPossible') {
        errs.push(notSupported(rp, m.recursiveReadOnly, ['Disabled', 'Enabled', 'IfPossible']));
      } else {
        if (!m.readOnly) errs.push(forbidden(rp, 'may only be specified when readOnly is true'));
        if (m.mountPropagation && m.mountPropagation !== 'None') errs.push(forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
      }
    }
  });
  return errs;
}

function validateVolumeDevices(ctr: Container, volumes: Map<string, Volume>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mounts = new Map((ctr.volumeMounts ?? []).map((m) => [m.name, m.mountPath]));
  const paths = new Set<string>();
  const names = new Set<string>();
  (ctr.volumeDevices ?? []).forEach((d: VolumeDevice, i) => {
    const p = path.index(i);
    const vol = volumes.get(d.name);
    if (!d.name) errs.push(required(p.child('name')));
    if (names.has(d.name)) errs.push(invalid(p.child('name'), d.name, 'must be unique'));
    if (vol && !vol.persistentVolumeClaim && !vol.ephemeral) {
      errs.push(invalid(p.child('name'), d.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    }
    if (!vol) errs.push(notFound(p.child('name'), d.name));
    if (!d.devicePath) errs.push(required(p.child('devicePath')));
    if (paths.has(d.devicePath)) errs.push(invalid(p.child('devicePath'), d.devicePath, 'must be unique'));
    if (d.devicePath && validatePathNoBacksteps(d.devicePath, p).length) {
      errs.push(invalid(p.child('devicePath'), d.devicePath, "can not contain backsteps ('..')"));
    } else paths.add(d.devicePath);
    if (mounts.has(d.name)) errs.push(invalid(p.child('name'), d.name, 'must not already exist in volumeMounts'));
    if ([...mounts.values()].includes(d.devicePath)) errs.push(invalid(p.child('devicePath'), d.devicePath, 'must not already exist as a path in volumeMounts'));
    if (d.name) names.add(d.name);
  });
  return errs;
}

/** ValidatePortNumOrName; a missing port is Go's zero IntOrString, the number 0. */
export function validatePortNumOrName(port: number | string | undefined, path: Path): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  const n = port ?? 0;
  return isValidPortNum(n).map((m) => invalid(path, n, m));
}

function validateHTTPGet(h: HTTPGetAction, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!h.path) errs.push(required(path.child('path')));
  errs.push(...validatePortNumOrName(h.port, path.child('port')));
  if (h.scheme !== 'HTTP' && h.scheme !== 'HTTPS') errs.push(notSupported(path.child('scheme'), h.scheme ?? '', ['HTTP', 'HTTPS']));
  for (const header of h.httpHeaders ?? []) {
    if (!/^[-A-Za-z0-9]+$/.test(header.name)) {
      errs.push(invalid(path.child('httpHeaders'), header.name, regexError("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', 'X-Header-Name')));
    }
  }
  return errs;
}

type Handler = LifecycleHandler & Pick<Probe, 'grpc'>;

function validateHandler(h: Handler, gracePeriod: number | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (kind: string, check: () => FieldError[]): void => {
    if (n > 0) errs.push(forbidden(path.child(kind), 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check());
    }
  };
  if (h.exec) one('exec', () => (h.exec!.command?.length ? [] : [required(path.child('exec', 'command'))]));
  if (h.httpGet) one('httpGet', () => validateHTTPGet(h.httpGet!, path.child('httpGet')));
  if (h.tcpSocket) one('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, path.child('tcpSocket', 'port')));
  if (h.grpc) one('grpc', () => validatePortNumOrName(h.grpc!.port, path.child('grpc', 'port')));
  if (h.sleep) {
    one('sleep', () => {
      const s = h.sleep!.seconds;
      // PodLifecycleSleepActionAllowZero is on by default in v1.33: zero seconds is allowed.
      if (gracePeriod !== undefined && (s < 0 || s > gracePeriod)) {
        return [invalid(path.child('sleep'), s, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)];
      }
      return [];
    });
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateProbe(p: Probe | undefined, kind: 'liveness' | 'readiness' | 'startup', gracePeriod: number | undefined, path: Path): FieldError[] {
  if (!p) return [];
  const errs = validateHandler(p, gracePeriod, path);
  errs.push(...nonNegative(p.initialDelaySeconds, path.child('initialDelaySeconds')));
  errs.push(...nonNegative(p.timeoutSeconds, path.child('timeoutSeconds')));
  errs.push(...nonNegative(p.periodSeconds, path.child('periodSeconds')));
  errs.push(...nonNegative(p.successThreshold, path.child('successThreshold')));
  errs.push(...nonNegative(p.failureThreshold, path.child('failureThreshold')));
  if (p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), p.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind !== 'readiness' && (p.successThreshold ?? 0) !== 1) errs.push(invalid(path.child('successThreshold'), p.successThreshold ?? 0, 'must be 1'));
  if (kind === 'readiness' && p.terminationGracePeriodSeconds !== undefined) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), p.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateProfile(p: SeccompProfile | AppArmorProfile | undefined, what: 'seccomp' | 'AppArmor', path: Path): FieldError[] {
  if (!p) return [];
  if (p.type === 'Localhost') {
    if (p.localhostProfile === undefined) return [required(path.child('localhostProfile'), `must be set when ${what} type is Localhost`)];
    return what === 'seccomp' ? validateLocalDescendingPath(p.localhostProfile, path.child('localhostProfile')) : [];
  }
  if (p.type === 'RuntimeDefault' || p.type === 'Unconfined') {
    return p.localhostProfile !== undefined ? [invalid(path.child('localhostProfile'), p, `can only be set when ${what} type is Localhost`)] : [];
  }
  return [notSupported(path.child('type'), p.type, ['Localhost', 'RuntimeDefault', 'Unconfined'])];
}

export const ID_RANGE = 'must be between 0 and 2147483647, inclusive';
export const idErrors = (v: number | undefined, path: Path): FieldError[] => (v !== undefined && (v < 0 || v > 2147483647) ? [invalid(path, v, ID_RANGE)] : []);

export function validateSeccompProfile(p: SeccompProfile | undefined, path: Path): FieldError[] {
  return validateProfile(p, 'seccomp', path);
}

export function validateAppArmorProfile(p: AppArmorProfile | undefined, path: Path): FieldError[] {
  return validateProfile(p, 'AppArmor', path);
}

function validateSecurityContext(sc: SecurityContext | undefined, path: Path, hostUsers: boolean): FieldError[] {
  if (!sc) return [];
  const errs = [...idErrors(sc.runAsUser, path.child('runAsUser')), ...idErrors(sc.runAsGroup, path.child('runAsGroup'))];
  if (sc.procMount) {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') errs.push(notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(invalid(path.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged) errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    if (sc.capabilities?.add?.includes('CAP_SYS_ADMIN')) {
      errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, path.child('appArmorProfile')));
  return errs;
}

/** validateResizePolicy: cpu and memory once each, with a known restart policy. */
function validateResizePolicy(ctr: Container, podRestartPolicy: string | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (ctr.resizePolicy ?? []).forEach((rp, i) => {
    if (seen.has(rp.resourceName)) errs.push(duplicate(path.index(i), rp.resourceName));
    seen.add(rp.resourceName);
    if (!rp.resourceName) errs.push(required(path));
    else if (rp.resourceName !== 'cpu' && rp.resourceName !== 'memory') errs.push(notSupported(path, rp.resourceName, ['cpu', 'memory']));
    if (!rp.restartPolicy) errs.push(required(path));
    else if (rp.restartPolicy !== 'NotRequired' && rp.restartPolicy !== 'RestartContainer') {
      errs.push(notSupported(path, rp.restartPolicy, ['NotRequired', 'RestartContainer']));
    }
    if (podRestartPolicy === 'Never' && rp.restartPolicy !== 'NotRequired') {
      errs.push(invalid(path, rp.restartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

/** validateContainerCommon: what every kind of container must satisfy. */
function validateContainerCommon(ctr: Container, ctx: ContainerContext, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!ctr.name) errs.push(required(path.child('name')));
  else errs.push(...dnsLabelErrors(ctr.name, path.child('name')));
  if (!ctr.image) errs.push(required(path.child('image')));
  const tmp = ctr.terminationMessagePolicy;
  if (!tmp) errs.push(required(path.child('terminationMessagePolicy')));
  else if (!(TERMINATION_MESSAGE_POLICIES as readonly string[]).includes(tmp)) {
    errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES));
  }
  errs.push(...validatePorts(ctr.ports, path.child('ports')));
  errs.push(...validateEnv(ctr.env, path.child('env')));
  errs.push(...validateEnvFrom(ctr.envFrom, path.child('envFrom')));
  errs.push(...validateVolumeMounts(ctr, ctx.volumes, path.child('volumeMounts')));
  errs.push(...validateVolumeDevices(ctr, ctx.volumes, path.child('volumeDevices')));
  const pp = ctr.imagePullPolicy;
  if (!pp) errs.push(required(path.child('imagePullPolicy')));
  else if (!(PULL_POLICIES as readonly string[]).includes(pp)) errs.push(notSupported(path.child('imagePullPolicy'), pp, PULL_POLICIES));
  errs.push(...validateResourceRequirements(ctr.resources, path.child('resources')));
  errs.push(...validateResizePolicy(ctr, ctx.restartPolicy, path.child('resizePolicy')));
  errs.push(...validateSecurityContext(ctr.securityContext, path.child('securityContext'), ctx.hostUsers));
  return errs;
}

/** Host ports must be unique per protocol and host IP: "TCP//8080". */
function checkHostPortConflicts(containers: Container[], path: Path): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

export function validateContainers(containers: Container[] | undefined, ctx: ContainerContext, path: Path): FieldError[] {
  if (!containers || containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((ctr, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ctr, ctx, p));
    if (names.has(ctr.name)) errs.push(duplicate(p.child('name'), ctr.name));
    else names.add(ctr.name);
    if (ctr.lifecycle) {
      if (ctr.lifecycle.postStart) errs.push(...validateHandler(ctr.lifecycle.postStart, ctx.gracePeriod, p.child('lifecycle', 'postStart')));
      if (ctr.lifecycle.preStop) errs.push(...validateHandler(ctr.lifecycle.preStop, ctx.gracePeriod, p.child('lifecycle', 'preStop')));
    }
    errs.push(...validateProbe(ctr.livenessProbe, 'liveness', ctx.gracePeriod, p.child('livenessProbe')));
    errs.push(...validateProbe(ctr.readinessProbe, 'readiness', ctx.gracePeriod, p.child('readinessProbe')));
    errs.push(...validateProbe(ctr.startupProbe, 'startup', ctx.gracePeriod, p.child('startupProbe')));
    if (ctr.restartPolicy !== undefined) errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

export function validateInitContainers(inits: Container[] | undefined, regular: Container[] | undefined, ctx: ContainerContext, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (inits ?? []).forEach((ctr, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ctr, ctx, p));
    let sidecar = false;
    if (ctr.restartPolicy !== undefined) {
      if (ctr.restartPolicy !== 'Always') errs.push(notSupported(p.child('restartPolicy'), ctr.restartPolicy, ['Always']));
      sidecar = ctr.restartPolicy === 'Always';
    }
    if (names.has(ctr.name)) errs.push(duplicate(p.child('name'), ctr.name));
    else if (ctr.name) names.add(ctr.name);
    errs.push(...checkHostPortConflicts([ctr], path));
    const why = 'may not be set for init containers without restartPolicy=Always';
    if (sidecar) {
      if (ctr.lifecycle?.postStart) errs.push(...validateHandler(ctr.lifecycle.postStart, ctx.gracePeriod, p.child('lifecycle', 'postStart')));
      if (ctr.lifecycle?.preStop) errs.push(...validateHandler(ctr.lifecycle.preStop, ctx.gracePeriod, p.child('lifecycle', 'preStop')));
      errs.push(...validateProbe(ctr.livenessProbe, 'liveness', ctx.gracePeriod, p.child('livenessProbe')));
      errs.push(...validateProbe(ctr.readinessProbe, 'readiness', ctx.gracePeriod, p.child('readinessProbe')));
      errs.push(...validateProbe(ctr.startupProbe, 'startup', ctx.gracePeriod, p.child('startupProbe')));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (ctr[f]) errs.push(forbidden(p.child(f), why));
      }
    }
  });
  return errs;
}

const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const;

export function validateEphemeralContainers(ephemeral: EphemeralContainer[] | undefined, regular: Container[] | undefined, inits: Container[] | undefined, ctx: ContainerContext, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (!ephemeral?.length) return errs;
  const others = new Set([...(regular ?? []), ...(inits ?? [])].map((c) => c.name));
  const all = new Set(others);
  ephemeral.forEach((ec, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(ec, ctx, p));
    errs.push(...imageWhitespace(ec, p));
    if (all.has(ec.name)) errs.push(duplicate(p.child('name'), ec.name));
    else all.add(ec.name);
    if (ec.targetContainerName && !others.has(ec.targetContainerName)) errs.push(notFound(p.child('targetContainerName'), ec.targetContainerName));
    for (const f of EPHEMERAL_FORBIDDEN) {
      const v = ec[f];
      const set = f === 'resources' ? v !== undefined && Object.keys(v as object).length > 0 : v !== undefined && !(Array.isArray(v) && v.length === 0);
      if (set) errs.push(forbidden(p.child(f), 'cannot be set for an Ephemeral Container'));
    }
    (ec.volumeMounts ?? []).forEach((vm, j) => {
      if (vm.subPath) errs.push(forbidden(p.child('volumeMounts').index(j).child('subPath'), 'cannot be set for an Ephemeral Container'));
      if (vm.subPathExpr) errs.push(forbidden(p.child('volumeMounts').index(j).child('subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

/** validateContainerOnlyForPod: images of pods (not templates) may not have surrounding whitespace. */
export function imageWhitespace(ctr: Container, path: Path): FieldError[] {
  const image = ctr.image ?? '';
  return image.trim().length !== image.length ? [invalid(path.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}

/** ValidateQualifiedName; a missing value is Go's zero string. */
export function qualifiedNameErrors(value: string | undefined, path: Path): FieldError[] {
  const v = value ?? '';
  return isQualifiedName(v).map((m) => invalid(path, v, m));
}
