// Discovery: /api (APIVersions), /apis (APIGroupList), /apis/<group> (APIGroup), the
// per group-version APIResourceList, and aggregated discovery (apidiscovery.k8s.io v2 and
// v2beta1 APIGroupDiscoveryList) that newer kubectl asks for on /api and /apis.
import { DEFAULT_VERBS, type ResourceInfo, type Scheme } from '../api/scheme.js';
import { parseAccept } from './http.js';

interface SubresourceMeta {
  group?: string;
  version?: string;
  kind?: string;
  verbs: string[];
}

/** What each subresource answers with and the verbs it takes, as upstream serves them. */
const SUBRESOURCES: Record<string, SubresourceMeta> = {
  status: { verbs: ['get', 'patch', 'update'] },
  scale: { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
  binding: { kind: 'Binding', verbs: ['create'] },
  eviction: { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
  log: { kind: 'Pod', verbs: ['get'] },
  exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
  attach: { kind: 'PodAttachOptions', verbs: ['create', 'get'] },
  portforward: { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
  proxy: { verbs: ['create', 'delete', 'get', 'patch', 'update'] },
  ephemeralcontainers: { verbs: ['get', 'patch', 'update'] },
  finalize: { verbs: ['update'] },
  approval: { verbs: ['get', 'patch', 'update'] },
  token: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] },
};

const PROXY_KINDS: Record<string, string> = { pods: 'PodProxyOptions', nodes: 'NodeProxyOptions', services: 'ServiceProxyOptions' };

export function verbsOf(info: ResourceInfo): string[] {
  return info.verbs ?? (info.virtual ? ['create'] : DEFAULT_VERBS);
}

function subMeta(info: ResourceInfo, sub: string): Required<SubresourceMeta> {
  const m = SUBRESOURCES[sub] ?? { verbs: ['get'] };
  const kind = sub === 'proxy' ? PROXY_KINDS[info.resource] ?? info.kind : m.kind ?? info.kind;
  return { group: m.group ?? (m.kind ? '' : info.group), version: m.version ?? (m.kind ? 'v1' : info.version), kind, verbs: m.verbs };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions', versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(name: string, versions: string[]): Record<string, unknown> {
  const gv = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: gv, preferredVersion: gv[0] };
}

export function apiGroupList(scheme: Scheme): Record<string, unknown> {
  const groups = [...scheme.groups()].filter(([g]) => g !== '').map(([g, vs]) => groupEntry(g, vs));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function apiGroup(scheme: Scheme, group: string): Record<string, unknown> | undefined {
  const vs = scheme.groups().get(group);
  if (!vs || group === '') return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, vs) };
}

function resourcesOf(scheme: Scheme, group: string, version: string): ResourceInfo[] {
  return scheme.all().filter((i) => i.group === group && i.version === version);
}

export function apiResourceList(scheme: Scheme, group: string, version: string): Record<string, unknown> | undefined {
  const infos = resourcesOf(scheme, group, version);
  if (!infos.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const i of infos) {
    const r: Record<string, unknown> = { name: i.resource, singularName: i.singular, namespaced: i.namespaced, kind: i.kind, verbs: verbsOf(i) };
    if (i.shortNames.length) r.shortNames = i.shortNames;
    if (i.categories.length) r.categories = i.categories;
    resources.push(r);
    for (const sub of i.subresources) {
      const m = subMeta(i, sub);
      const s: Record<string, unknown> = { name: `${i.resource}/${sub}`, singularName: '', namespaced: i.namespaced, kind: m.kind, verbs: m.verbs };
      if (m.group !== i.group || m.version !== i.version) {
        s.group = m.group;
        s.version = m.version;
      }
      resources.push(s);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** The aggregated-discovery version the client accepts, if any. */
export function aggregatedVersion(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const r of parseAccept(accept)) {
    if (r.params.g === 'apidiscovery.k8s.io' && r.params.as === 'APIGroupDiscoveryList' && (r.params.v === 'v2' || r.params.v === 'v2beta1')) {
      return r.params.v;
    }
    if (r.type === 'application/json' && !r.params.as) return undefined;
  }
  return undefined;
}

function discoveryResource(i: ResourceInfo): Record<string, unknown> {
  const r: Record<string, unknown> = {
    resource: i.resource,
    responseKind: { group: i.group, version: i.version, kind: i.kind },
    scope: i.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: i.singular,
    verbs: verbsOf(i),
  };
  if (i.shortNames.length) r.shortNames = i.shortNames;
  if (i.categories.length) r.categories = i.categories;
  if (i.subresources.length) {
    r.subresources = i.subresources.map((sub) => {
      const m = subMeta(i, sub);
      return { subresource: sub, responseKind: { group: m.group, version: m.version, kind: m.kind }, verbs: m.verbs };
    });
  }
  return r;
}

/** APIGroupDiscoveryList for /api (core only) or /apis (every named group). */
export function aggregatedDiscovery(scheme: Scheme, core: boolean, version: 'v2' | 'v2beta1'): Record<string, unknown> {
  const items = [...scheme.groups()].filter(([g]) => (g === '') === core).map(([g, vs]) => ({
    metadata: { name: g, creationTimestamp: null },
    versions: vs.map((v) => ({ version: v, resources: resourcesOf(scheme, g, v).map(discoveryResource), freshness: 'Current' })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function aggregatedContentType(version: string): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
