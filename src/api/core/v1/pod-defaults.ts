// Defaulting of pods and pod templates, as upstream's SetObjectDefaults_Pod and
// SetObjectDefaults_PodTemplate (pkg/apis/core/v1/defaults.go and its generated
// companion): PodSpec defaults, then every nested struct (containers, ports, probes,
// env field references, volumes).
//
// Two additions make our stored objects look like what a real API server returns:
// containers always carry `resources: {}` and resource field selectors `divisor: "0"`
// (Go always serializes those non-pointer structs), and the deprecated
// spec.serviceAccount mirrors spec.serviceAccountName as the v1 conversion does.
import type {
  Container, EphemeralContainer, HTTPGetAction, Lifecycle, LifecycleHandler, Pod, PodSpec,
  PodTemplateSpec, Probe, ResourceFieldSelector, ObjectFieldSelector, Volume, DownwardAPIVolumeFile,
} from './pod.js';
import { DEFAULT_VOLUME_MODE } from './volume.js';
import { VOLUME_SOURCE_FIELDS } from './pod-volume.js';
import { defaultPersistentVolumeClaimSpec } from './persistent-volume-claim.js';
import { imagePullPolicyFor } from './image-reference.js';
import { parseQuantity } from '../../../machinery/quantity.js';

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const TERMINATION_MESSAGE_PATH_DEFAULT = '/dev/termination-log';

/** SetDefaults_ResourceList: quantities are rounded up to milli precision and stored in canonical form. */
export function defaultResourceList(list: Record<string, string> | undefined): void {
  if (!list) return;
  for (const [k, v] of Object.entries(list)) {
    try {
      list[k] = parseQuantity(v).roundUp(-3).quantity.toString();
    } catch {
      // left as written: validation reports the bad quantity
    }
  }
}

function defaultObjectFieldSelector(s: ObjectFieldSelector | undefined): void {
  if (s && !s.apiVersion) s.apiVersion = 'v1';
}

function defaultResourceFieldSelector(s: ResourceFieldSelector | undefined): void {
  if (s && s.divisor === undefined) s.divisor = '0';
}

function defaultHTTPGet(a: HTTPGetAction | undefined): void {
  if (!a) return;
  if (!a.path) a.path = '/';
  if (!a.scheme) a.scheme = 'HTTP';
}

/** SetDefaults_Probe and the handlers inside it. */
export function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  defaultHTTPGet(p.httpGet);
  if (p.grpc && p.grpc.service === undefined) p.grpc.service = '';
}

function defaultLifecycleHandler(h: LifecycleHandler | undefined): void {
  if (h) defaultHTTPGet(h.httpGet);
}

function defaultLifecycle(l: Lifecycle | undefined): void {
  if (!l) return;
  defaultLifecycleHandler(l.postStart);
  defaultLifecycleHandler(l.preStop);
}

/** SetDefaults_Container plus the generated defaults of its nested structs. */
export function defaultContainer(c: Container | EphemeralContainer): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imagePullPolicyFor(c.image ?? '');
  if (!c.terminationMessagePath) c.terminationMessagePath = TERMINATION_MESSAGE_PATH_DEFAULT;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  for (const e of c.env ?? []) {
    defaultObjectFieldSelector(e.valueFrom?.fieldRef);
    defaultResourceFieldSelector(e.valueFrom?.resourceFieldRef);
  }
  c.resources ??= {};
  defaultResourceList(c.resources.limits);
  defaultResourceList(c.resources.requests);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultLifecycle(c.lifecycle);
}

function defaultDownwardAPIFiles(items: DownwardAPIVolumeFile[] | undefined): void {
  for (const f of items ?? []) {
    defaultObjectFieldSelector(f.fieldRef);
    defaultResourceFieldSelector(f.resourceFieldRef);
  }
}

/** SetDefaults_Volume and the defaults of its sources. */
export function defaultVolume(v: Volume): void {
  const src = v as Record<string, unknown>;
  if (VOLUME_SOURCE_FIELDS.every((k) => src[k] === undefined || src[k] === null)) v.emptyDir = {};
  if (v.image && !v.image.pullPolicy) v.image.pullPolicy = imagePullPolicyFor(v.image.reference ?? '');
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.secret && v.secret.defaultMode === undefined) v.secret.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.configMap && v.configMap.defaultMode === undefined) v.configMap.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode === undefined) v.downwardAPI.defaultMode = DEFAULT_VOLUME_MODE;
    defaultDownwardAPIFiles(v.downwardAPI.items);
  }
  if (v.projected) {
    if (v.projected.defaultMode === undefined) v.projected.defaultMode = DEFAULT_VOLUME_MODE;
    for (const s of v.projected.sources ?? []) {
      defaultDownwardAPIFiles(s.downwardAPI?.items);
      if (s.serviceAccountToken && s.serviceAccountToken.expirationSeconds === undefined) {
        s.serviceAccountToken.expirationSeconds = 3600;
      }
    }
  }
  const claimSpec = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claimSpec) defaultPersistentVolumeClaimSpec(claimSpec);
  if (v.emptyDir?.sizeLimit !== undefined) {
    const l = { sizeLimit: v.emptyDir.sizeLimit };
    defaultResourceList(l);
    v.emptyDir.sizeLimit = l.sizeLimit;
  }
}

/**
 * SetDefaults_PodSpec and the generated defaults of everything inside a PodSpec.
 * This is what every pod template (Deployment, Job, DaemonSet, …) gets.
 */
export function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.securityContext ??= {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  // v1 conversion: the deprecated alias feeds serviceAccountName and then mirrors it.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  defaultResourceList(spec.overhead);
  if (spec.resources) {
    defaultResourceList(spec.resources.limits);
    defaultResourceList(spec.resources.requests);
  }
}

/** Defaults of a pod template: its spec is always defaulted, even when empty. */
export function defaultPodTemplateSpec(tpl: PodTemplateSpec): void {
  tpl.spec ??= {} as PodSpec;
  defaultPodSpec(tpl.spec);
}

function requestsFromLimits(containers: Container[] | undefined): void {
  for (const c of containers ?? []) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    c.resources ??= {};
    const requests = (c.resources.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
}

function hostNetworkPorts(containers: Container[] | undefined): void {
  for (const c of containers ?? []) {
    for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
  }
}

/** SetObjectDefaults_Pod: pod-only defaults (requests from limits, service links, host ports), then the spec's. */
export function defaultPod(pod: Pod): void {
  pod.spec ??= {} as PodSpec;
  const spec = pod.spec;
  requestsFromLimits(spec.containers);
  requestsFromLimits(spec.initContainers);
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    hostNetworkPorts(spec.containers);
    hostNetworkPorts(spec.initContainers);
  }
  defaultPodSpec(spec);
}
