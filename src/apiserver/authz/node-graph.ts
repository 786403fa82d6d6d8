// The Node authorizer's graph: which objects each node may reach through the pods bound to
// it — the secrets, configmaps, persistent volume claims (and the volumes they are bound to)
// and service accounts a pod refers to — plus the VolumeAttachments naming the node. Kept up
// to date from the watch cache.
import type { KubeObject } from '../../api/meta/v1/types.js';
import { KindMirror, type ObjectSource } from './mirror.js';

export type RefKind = 'secret' | 'configmap' | 'pvc' | 'serviceaccount' | 'pod';

export interface NodeGraphPrefixes {
  pods: string;
  persistentVolumeClaims: string;
  volumeAttachments?: string;
}

interface Named { name?: string }
interface EnvVar { valueFrom?: { secretKeyRef?: Named; configMapKeyRef?: Named } }
interface EnvFrom { secretRef?: Named; configMapRef?: Named }
interface Container { env?: EnvVar[]; envFrom?: EnvFrom[] }
interface Projection { secret?: Named; configMap?: Named }
interface Volume {
  name: string;
  secret?: { secretName?: string };
  configMap?: Named;
  projected?: { sources?: Projection[] };
  persistentVolumeClaim?: { claimName?: string };
  ephemeral?: unknown;
  [source: string]: unknown;
}
interface PodSpec {
  nodeName?: string;
  serviceAccountName?: string;
  imagePullSecrets?: Named[];
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  volumes?: Volume[];
}

/** Every object a pod refers to, as "<kind>/<namespace>/<name>" keys. */
export function podReferences(pod: KubeObject): string[] {
  const ns = pod.metadata?.namespace ?? '';
  const podName = pod.metadata?.name ?? '';
  const spec = (pod.spec ?? {}) as PodSpec;
  const refs = new Set<string>([`pod/${ns}/${podName}`]);
  const add = (kind: RefKind, name: string | undefined): void => {
    if (name) refs.add(`${kind}/${ns}/${name}`);
  };
  add('serviceaccount', spec.serviceAccountName);
  for (const s of spec.imagePullSecrets ?? []) add('secret', s.name);
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    for (const e of c.env ?? []) {
      add('secret', e.valueFrom?.secretKeyRef?.name);
      add('configmap', e.valueFrom?.configMapKeyRef?.name);
    }
    for (const e of c.envFrom ?? []) {
      add('secret', e.secretRef?.name);
      add('configmap', e.configMapRef?.name);
    }
  }
  for (const v of spec.volumes ?? []) {
    add('secret', v.secret?.secretName);
    add('configmap', v.configMap?.name);
    for (const p of v.projected?.sources ?? []) {
      add('secret', p.secret?.name);
      add('configmap', p.configMap?.name);
    }
    add('pvc', v.persistentVolumeClaim?.claimName);
    if (v.ephemeral) add('pvc', `${podName}-${v.name}`);
    // the secrets of volume plugins: csi.nodePublishSecretRef, rbd/cephfs/iscsi/flexVolume… secretRef, azureFile.secretName
    for (const [key, src] of Object.entries(v)) {
      if (key === 'secret' || !src || typeof src !== 'object') continue;
      const o = src as { secretRef?: Named; nodePublishSecretRef?: Named; secretName?: string };
      add('secret', o.secretRef?.name);
      add('secret', o.nodePublishSecretRef?.name);
      if (key === 'azureFile') add('secret', o.secretName);
    }
  }
  return [...refs];
}

export class NodeGraph {
  readonly #pods: KindMirror;
  readonly #pvcs: KindMirror;
  readonly #attachments?: KindMirror;
  /** pod key → the node it is bound to and its references */
  readonly #podRefs = new Map<string, { node: string; refs: string[] }>();
  /** node → reference → how many of its pods hold it */
  readonly #nodeRefs = new Map<string, Map<string, number>>();

  constructor(source: ObjectSource, prefixes: NodeGraphPrefixes) {
    this.#pods = new KindMirror(source, prefixes.pods);
    this.#pvcs = new KindMirror(source, prefixes.persistentVolumeClaims);
    if (prefixes.volumeAttachments) this.#attachments = new KindMirror(source, prefixes.volumeAttachments);
    this.#pods.onChange((type, obj) => this.#setPod(obj, type === 'DELETED'));
  }

  start(): void {
    this.#pvcs.start();
    this.#attachments?.start();
    this.#pods.start();
  }

  stop(): void {
    this.#pods.stop();
    this.#pvcs.stop();
    this.#attachments?.stop();
  }

  #setPod(pod: KubeObject, deleted: boolean): void {
    const key = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
    const old = this.#podRefs.get(key);
    if (old) {
      const m = this.#nodeRefs.get(old.node);
      for (const r of old.refs) {
        const n = (m?.get(r) ?? 1) - 1;
        if (n > 0) m!.set(r, n);
        else m?.delete(r);
      }
      if (m && !m.size) this.#nodeRefs.delete(old.node);
      this.#podRefs.delete(key);
    }
    const node = (pod.spec as PodSpec | undefined)?.nodeName;
    if (deleted || !node) return;
    const refs = podReferences(pod);
    this.#podRefs.set(key, { node, refs });
    let m = this.#nodeRefs.get(node);
    if (!m) this.#nodeRefs.set(node, (m = new Map()));
    for (const r of refs) m.set(r, (m.get(r) ?? 0) + 1);
  }

  /** Whether a pod bound to the node refers to the object. */
  hasRef(node: string, kind: RefKind, namespace: string, name: string): boolean {
    return this.#nodeRefs.get(node)?.has(`${kind}/${namespace}/${name}`) ?? false;
  }

  /** Whether a claim used by a pod on the node is bound to the persistent volume. */
  hasVolume(node: string, pvName: string): boolean {
    for (const ref of this.#nodeRefs.get(node)?.keys() ?? []) {
      if (!ref.startsWith('pvc/')) continue;
      const [, ns, name] = ref.split('/');
      const pvc = this.#pvcs.get(name, ns);
      if ((pvc?.spec as { volumeName?: string } | undefined)?.volumeName === pvName) return true;
    }
    return false;
  }

  hasAttachment(node: string, name: string): boolean {
    const va = this.#attachments?.get(name);
    return (va?.spec as { nodeName?: string } | undefined)?.nodeName === node;
  }
}
