// Field numbers of the Kubernetes protobuf messages (k8s.io/api generated.proto) for the
// objects kubectl sends as application/vnd.kubernetes.protobuf — the bodies of its typed
// commands: create configmap|secret|namespace|serviceaccount|deployment|job|cronjob|service|
// quota|priorityclass|poddisruptionbudget|role|rolebinding|clusterrole|clusterrolebinding,
// create token, auth can-i, auth whoami.
//
// A field is "number:jsonName:type": s string, i integer, b bool, y bytes (base64 in JSON),
// t Time, q Quantity, x IntOrString, m map<string,string>, my map<string,bytes>,
// mq map<string,Quantity>, or a message name; a leading [ means repeated; a trailing *
// marks a pointer field whose zero value is meaningful (Go's encoder writes every
// non-pointer field, so zero values of the others mean "unset").

export const MESSAGES: Record<string, string> = {
  ObjectMeta: '1:name:s 2:generateName:s 3:namespace:s 4:selfLink:s 5:uid:s 6:resourceVersion:s 7:generation:i 8:creationTimestamp:t 9:deletionTimestamp:t 10:deletionGracePeriodSeconds:i* 11:labels:m 12:annotations:m 13:ownerReferences:[OwnerReference 14:finalizers:[s',
  OwnerReference: '1:kind:s 3:name:s 4:uid:s 5:apiVersion:s 6:controller:b* 7:blockOwnerDeletion:b*',
  LabelSelector: '1:matchLabels:m 2:matchExpressions:[LabelSelectorRequirement',
  LabelSelectorRequirement: '1:key:s 2:operator:s 3:values:[s',
  ObjectReference: '1:kind:s 2:namespace:s 3:name:s 4:uid:s 5:apiVersion:s 6:resourceVersion:s 7:fieldPath:s',
  LocalObjectReference: '1:name:s',

  ConfigMap: '1:metadata:ObjectMeta 2:data:m 3:binaryData:my 4:immutable:b*',
  Secret: '1:metadata:ObjectMeta 2:data:my 3:type:s 4:stringData:m 5:immutable:b*',
  Namespace: '1:metadata:ObjectMeta 2:spec:NamespaceSpec',
  NamespaceSpec: '1:finalizers:[s',
  ServiceAccount: '1:metadata:ObjectMeta 2:secrets:[ObjectReference 3:imagePullSecrets:[LocalObjectReference 4:automountServiceAccountToken:b*',
  Service: '1:metadata:ObjectMeta 2:spec:ServiceSpec',
  ServiceSpec: '1:ports:[ServicePort 2:selector:m 3:clusterIP:s 4:type:s 5:externalIPs:[s 7:sessionAffinity:s 8:loadBalancerIP:s 9:loadBalancerSourceRanges:[s 10:externalName:s 11:externalTrafficPolicy:s 12:healthCheckNodePort:i 13:publishNotReadyAddresses:b 18:clusterIPs:[s 19:ipFamilies:[s 17:ipFamilyPolicy:s',
  ServicePort: '1:name:s 2:protocol:s 3:port:i 4:targetPort:x 5:nodePort:i 6:appProtocol:s',
  ResourceQuota: '1:metadata:ObjectMeta 2:spec:ResourceQuotaSpec',
  ResourceQuotaSpec: '1:hard:mq 2:scopes:[s',

  Deployment: '1:metadata:ObjectMeta 2:spec:DeploymentSpec',
  DeploymentSpec: '1:replicas:i* 2:selector:LabelSelector 3:template:PodTemplateSpec 4:strategy:DeploymentStrategy 5:minReadySeconds:i 6:revisionHistoryLimit:i* 7:paused:b 9:progressDeadlineSeconds:i*',
  DeploymentStrategy: '1:type:s 2:rollingUpdate:RollingUpdateDeployment',
  RollingUpdateDeployment: '1:maxUnavailable:x 2:maxSurge:x',
  PodTemplateSpec: '1:metadata:ObjectMeta 2:spec:PodSpec',
  PodSpec: '1:volumes:[Volume 2:containers:[Container 3:restartPolicy:s 4:terminationGracePeriodSeconds:i* 5:activeDeadlineSeconds:i* 6:dnsPolicy:s 7:nodeSelector:m 8:serviceAccountName:s 9:serviceAccount:s 10:nodeName:s 11:hostNetwork:b 12:hostPID:b 13:hostIPC:b 15:imagePullSecrets:[LocalObjectReference 16:hostname:s 17:subdomain:s 19:schedulerName:s 20:initContainers:[Container 21:automountServiceAccountToken:b* 22:tolerations:[Toleration 24:priorityClassName:s 25:priority:i*',
  Volume: '1:name:s',
  Toleration: '1:key:s 2:operator:s 3:value:s 4:effect:s 5:tolerationSeconds:i*',
  Container: '1:name:s 2:image:s 3:command:[s 4:args:[s 5:workingDir:s 6:ports:[ContainerPort 7:env:[EnvVar 8:resources:ResourceRequirements 9:volumeMounts:[VolumeMount 13:terminationMessagePath:s 14:imagePullPolicy:s 16:stdin:b 17:stdinOnce:b 18:tty:b 20:terminationMessagePolicy:s',
  ContainerPort: '1:name:s 2:hostPort:i 3:containerPort:i 4:protocol:s 5:hostIP:s',
  EnvVar: '1:name:s 2:value:s',
  VolumeMount: '1:name:s 2:readOnly:b 3:mountPath:s 4:subPath:s',
  ResourceRequirements: '1:limits:mq 2:requests:mq',

  Job: '1:metadata:ObjectMeta 2:spec:JobSpec',
  JobSpec: '1:parallelism:i* 2:completions:i* 3:activeDeadlineSeconds:i* 4:selector:LabelSelector 5:manualSelector:b* 6:template:PodTemplateSpec 7:backoffLimit:i* 8:ttlSecondsAfterFinished:i* 9:completionMode:s 10:suspend:b*',
  CronJob: '1:metadata:ObjectMeta 2:spec:CronJobSpec',
  CronJobSpec: '1:schedule:s 2:startingDeadlineSeconds:i* 3:concurrencyPolicy:s 4:suspend:b* 5:jobTemplate:JobTemplateSpec 6:successfulJobsHistoryLimit:i* 7:failedJobsHistoryLimit:i* 8:timeZone:s',
  JobTemplateSpec: '1:metadata:ObjectMeta 2:spec:JobSpec',

  PriorityClass: '1:metadata:ObjectMeta 2:value:i* 3:globalDefault:b 4:description:s 5:preemptionPolicy:s',
  PodDisruptionBudget: '1:metadata:ObjectMeta 2:spec:PodDisruptionBudgetSpec',
  PodDisruptionBudgetSpec: '1:minAvailable:x 2:selector:LabelSelector 3:maxUnavailable:x 4:unhealthyPodEvictionPolicy:s',

  Role: '1:metadata:ObjectMeta 2:rules:[PolicyRule',
  ClusterRole: '1:metadata:ObjectMeta 2:rules:[PolicyRule 3:aggregationRule:AggregationRule',
  AggregationRule: '1:clusterRoleSelectors:[LabelSelector',
  PolicyRule: '1:verbs:[s 2:apiGroups:[s 3:resources:[s 4:resourceNames:[s 5:nonResourceURLs:[s',
  RoleBinding: '1:metadata:ObjectMeta 2:subjects:[Subject 3:roleRef:RoleRef',
  ClusterRoleBinding: '1:metadata:ObjectMeta 2:subjects:[Subject 3:roleRef:RoleRef',
  Subject: '1:kind:s 2:apiGroup:s 3:name:s 4:namespace:s',
  RoleRef: '1:apiGroup:s 2:kind:s 3:name:s',

  SelfSubjectAccessReview: '1:metadata:ObjectMeta 2:spec:SelfSubjectAccessReviewSpec',
  SelfSubjectAccessReviewSpec: '1:resourceAttributes:ResourceAttributes 2:nonResourceAttributes:NonResourceAttributes',
  ResourceAttributes: '1:namespace:s 2:verb:s 3:group:s 4:version:s 5:resource:s 6:subresource:s 7:name:s',
  NonResourceAttributes: '1:path:s 2:verb:s',
  SelfSubjectReview: '1:metadata:ObjectMeta',
  TokenRequest: '1:metadata:ObjectMeta 2:spec:TokenRequestSpec',
  TokenRequestSpec: '1:audiences:[s 3:boundObjectRef:BoundObjectReference 4:expirationSeconds:i*',
  BoundObjectReference: '1:kind:s 2:apiVersion:s 3:name:s 4:uid:s',
};

export interface FieldSpec {
  name: string;
  type: string;
  repeated: boolean;
  pointer: boolean;
}

const parsed = new Map<string, Map<number, FieldSpec>>();

export function messageFields(message: string): Map<number, FieldSpec> | undefined {
  let m = parsed.get(message);
  if (m) return m;
  const spec = MESSAGES[message];
  if (spec === undefined) return undefined;
  m = new Map();
  for (const f of spec.split(/\s+/).filter(Boolean)) {
    const [num, name, rawType] = f.split(':');
    const repeated = rawType.startsWith('[');
    const pointer = rawType.endsWith('*');
    const type = rawType.replace(/^\[/, '').replace(/\*$/, '');
    m.set(Number(num), { name, type, repeated, pointer });
  }
  parsed.set(message, m);
  return m;
}
