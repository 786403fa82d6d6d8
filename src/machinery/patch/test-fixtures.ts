// Small schemas with the patch metadata of the real core/v1 and apps/v1 types, for
// the tests of this folder (the real types live in src/api and may change shape).
import { obj, req, str, int32, bool, list, map, quantity, intOrString } from '../../api/schema.js';
import { ObjectMeta, LabelSelector } from '../../api/meta/v1/types.js';

const ContainerPort = obj({
  name: str(), containerPort: req(int32()), protocol: str(), hostPort: int32(),
});
const EnvVar = obj({ name: req(str()), value: str() });
const VolumeMount = obj({ name: req(str()), mountPath: req(str()), readOnly: bool() });

export const Container = obj({
  name: req(str()),
  image: str(),
  command: list(str(), { listType: 'atomic' }),
  args: list(str(), { listType: 'atomic' }),
  ports: list(ContainerPort, { mergeKey: 'containerPort', strategy: 'merge', listType: 'map', mapKeys: ['containerPort', 'protocol'] }),
  env: list(EnvVar, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] }),
  resources: obj({ limits: map(quantity), requests: map(quantity) }),
  volumeMounts: list(VolumeMount, { mergeKey: 'mountPath', strategy: 'merge', listType: 'map', mapKeys: ['mountPath'] }),
});

const Toleration = obj({ key: str(), operator: str(), value: str(), effect: str() });
const Volume = obj({
  name: req(str()),
  hostPath: obj({ path: str(), type: str() }),
  emptyDir: obj({ medium: str(), sizeLimit: quantity }),
  configMap: obj({ name: str(), optional: bool() }),
});

export const PodSpec = obj({
  containers: list(Container, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] }),
  initContainers: list(Container, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] }),
  volumes: list(Volume, { mergeKey: 'name', strategy: 'merge,retainKeys', listType: 'map', mapKeys: ['name'] }),
  tolerations: list(Toleration, { listType: 'atomic' }),
  imagePullSecrets: list(obj({ name: str() }), { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] }),
  nodeSelector: map(str()),
  restartPolicy: str(),
  serviceAccountName: str(),
});

export const Pod = obj({ apiVersion: str(), kind: str(), metadata: ObjectMeta, spec: PodSpec });

const DeploymentStrategy = obj({
  type: str(),
  rollingUpdate: obj({ maxSurge: intOrString, maxUnavailable: intOrString }),
});

export const Deployment = obj({
  apiVersion: str(),
  kind: str(),
  metadata: ObjectMeta,
  spec: obj({
    replicas: int32(),
    selector: LabelSelector,
    template: obj({ metadata: ObjectMeta, spec: PodSpec }),
    strategy: { ...DeploymentStrategy, 'x-kubernetes-patch-strategy': 'retainKeys' },
    paused: bool(),
  }),
  status: obj({ replicas: int32(), readyReplicas: int32() }),
});
