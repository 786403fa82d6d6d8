// Micro-benchmark of the object model: decode + default + validate a typical Pod, and
// strategic-merge-patch a Deployment. Prints operations per second (median of runs).
// Run: node --import tsx bench/api.ts
import { scheme } from '../src/api/index.js';
import { decode } from '../src/api/decode.js';
import { strategicMergePatch } from '../src/machinery/patch/index.js';

const POD = JSON.stringify({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'web-7d4b9c8f6-abcde', namespace: 'default', labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6' } },
  spec: {
    containers: [{
      name: 'nginx', image: 'nginx:1.25',
      ports: [{ containerPort: 80, name: 'http' }],
      env: [{ name: 'A', value: '1' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 1, memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/', port: 80 } },
      livenessProbe: { tcpSocket: { port: 'http' } },
      volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cfg', mountPath: '/etc/cfg' }],
    }, {
      name: 'sidecar', image: 'busybox', command: ['sh', '-c', 'sleep 3600'],
    }],
    volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'web-config' } }],
    tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
  },
});

const DEPLOYMENT = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 3, selector: { matchLabels: { app: 'web' } },
    template: JSON.parse(JSON.stringify({ metadata: { labels: { app: 'web' } }, spec: JSON.parse(POD).spec })),
  },
};
const PATCH = {
  spec: {
    replicas: 5,
    template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26', env: [{ name: 'B', value: '2' }] }] } },
  },
};

function opsPerSecond(fn: () => void, ms = 1000): number {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
  }
  return n / ((performance.now() - start) / 1000);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const pods = scheme.byResource('', 'v1', 'pods')!;
const deployments = scheme.byResource('apps', 'v1', 'deployments')!;

function podPipeline(): void {
  const { value } = decode<any>(pods.schema, JSON.parse(POD), { unknownFields: 'Strict' });
  pods.defaults?.(value);
  const errs = pods.validate?.(value) ?? [];
  if (errs.length) throw new Error(`unexpected validation errors: ${JSON.stringify(errs)}`);
}

function deploymentPatch(): void {
  const out = strategicMergePatch(DEPLOYMENT as any, PATCH as any, deployments.schema as any) as any;
  if (out.spec.template.spec.containers.length !== 2) throw new Error('patch lost a container');
}

const runs = Number(process.env.RUNS ?? 5);
const results: Record<string, number[]> = { 'pod decode+default+validate': [], 'deployment strategic merge patch': [] };
for (let r = 0; r < runs; r++) {
  results['pod decode+default+validate'].push(opsPerSecond(podPipeline));
  results['deployment strategic merge patch'].push(opsPerSecond(deploymentPatch));
}
console.log(`node ${process.version}, ${runs} runs of 1 s each, median ops/s`);
for (const [name, xs] of Object.entries(results)) {
  console.log(`${name.padEnd(36)} ${Math.round(median(xs)).toLocaleString('en-US').padStart(10)} ops/s`);
}
