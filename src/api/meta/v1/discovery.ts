// Discovery documents: meta.k8s.io/v1 APIVersions (/api), APIGroupList (/apis),
// APIGroup (/apis/<group>), APIResourceList (/api/v1, /apis/<group>/<version>) and the
// aggregated form apidiscovery.k8s.io/v2 APIGroupDiscoveryList that kubectl 1.30+ prefers.
import { definer, obj, req, str, bool, list, oneOf, type Static } from '../../schema.js';
import { ListMeta, ObjectMeta } from './types.js';

const def = definer('io.k8s.apimachinery.pkg.apis.meta.v1');
const defV2 = definer('io.k8s.api.apidiscovery.v2');

export const APIResource = def('APIResource', obj({
  name: req(str('The plural name of the resource, or resource/subresource.')),
  singularName: req(str('The singular name of the resource.')),
  namespaced: req(bool('Whether the resource is namespaced.')),
  group: str('The group of the resource when it differs from the list\'s (subresources).'),
  version: str('The version of the resource when it differs from the list\'s.'),
  kind: req(str('The kind of the resource.')),
  verbs: req(list(str(), { description: 'The verbs the resource supports.' })),
  shortNames: list(str(), { listType: 'atomic', description: 'Short names, e.g. po for pods.' }),
  categories: list(str(), { listType: 'atomic', description: 'Categories, e.g. all.' }),
  storageVersionHash: str('A hash of the storage version.'),
}, { description: 'APIResource describes a resource a group/version serves.' }));
export type APIResource = Static<typeof APIResource>;

export const APIResourceList = def('APIResourceList', obj({
  kind: str(), apiVersion: str(),
  groupVersion: req(str('The group/version of the resources, e.g. apps/v1.')),
  resources: req(list(APIResource, { listType: 'atomic', description: 'The resources served.' })),
}, { description: 'APIResourceList lists the resources of one group/version.' }));
export type APIResourceList = Static<typeof APIResourceList>;

export const GroupVersionForDiscovery = def('GroupVersionForDiscovery', obj({
  groupVersion: req(str('group/version, e.g. apps/v1.')),
  version: req(str('The version, e.g. v1.')),
}, { description: 'A group/version a group serves.' }));
export type GroupVersionForDiscovery = Static<typeof GroupVersionForDiscovery>;

export const ServerAddressByClientCIDR = def('ServerAddressByClientCIDR', obj({
  clientCIDR: req(str('The CIDR of clients that should use this address.')),
  serverAddress: req(str('host:port of the server for those clients.')),
}, { description: 'The address clients in a CIDR should use.' }));

export const APIGroup = def('APIGroup', obj({
  kind: str(), apiVersion: str(),
  name: req(str('The name of the group.')),
  versions: req(list(GroupVersionForDiscovery, { listType: 'atomic', description: 'The versions served.' })),
  preferredVersion: GroupVersionForDiscovery,
  serverAddressByClientCIDRs: list(ServerAddressByClientCIDR, { listType: 'atomic' }),
}, { description: 'APIGroup describes an API group and its versions.' }));
export type APIGroup = Static<typeof APIGroup>;

export const APIGroupList = def('APIGroupList', obj({
  kind: str(), apiVersion: str(),
  groups: req(list(APIGroup, { listType: 'atomic', description: 'The groups served.' })),
}, { description: 'APIGroupList lists the API groups (/apis).' }));
export type APIGroupList = Static<typeof APIGroupList>;

export const APIVersions = def('APIVersions', obj({
  kind: str(), apiVersion: str(),
  versions: req(list(str(), { listType: 'atomic', description: 'The versions of the core group, e.g. v1.' })),
  serverAddressByClientCIDRs: req(list(ServerAddressByClientCIDR, { listType: 'atomic' })),
}, { description: 'APIVersions lists the versions of the core API (/api).' }));
export type APIVersions = Static<typeof APIVersions>;

export const GroupVersionKindRef = def('GroupVersionKind', obj({
  group: req(str()), version: req(str()), kind: req(str()),
}, { description: 'A group, version and kind.' }));

export const APISubresourceDiscovery = defV2('APISubresourceDiscovery', obj({
  subresource: req(str('The name of the subresource, e.g. status or scale.')),
  responseKind: GroupVersionKindRef,
  acceptedTypes: list(GroupVersionKindRef, { listType: 'atomic', description: 'The kinds the subresource accepts.' }),
  verbs: req(list(str(), { listType: 'set', description: 'The verbs the subresource supports.' })),
}, { description: 'A subresource of a resource.' }));
export type APISubresourceDiscovery = Static<typeof APISubresourceDiscovery>;

export const APIResourceDiscovery = defV2('APIResourceDiscovery', obj({
  resource: req(str('The plural resource name.')),
  responseKind: GroupVersionKindRef,
  scope: req(oneOf(['Cluster', 'Namespaced'] as const, 'Cluster or Namespaced.')),
  singularResource: req(str('The singular resource name.')),
  verbs: req(list(str(), { listType: 'set', description: 'The verbs the resource supports.' })),
  shortNames: list(str(), { listType: 'set' }),
  categories: list(str(), { listType: 'set' }),
  subresources: list(APISubresourceDiscovery, { listType: 'map', mapKeys: ['subresource'] }),
}, { description: 'A resource in aggregated discovery.' }));
export type APIResourceDiscovery = Static<typeof APIResourceDiscovery>;

export const APIVersionDiscovery = defV2('APIVersionDiscovery', obj({
  version: req(str('The version, e.g. v1.')),
  resources: list(APIResourceDiscovery, { listType: 'map', mapKeys: ['resource'] }),
  freshness: oneOf(['Current', 'Stale'] as const),
}, { description: 'A version of a group in aggregated discovery.' }));
export type APIVersionDiscovery = Static<typeof APIVersionDiscovery>;

export const APIGroupDiscovery = defV2('APIGroupDiscovery', obj({
  metadata: ObjectMeta,
  versions: list(APIVersionDiscovery, { listType: 'map', mapKeys: ['version'], description: 'Versions in preference order.' }),
}, { description: 'A group in aggregated discovery; metadata.name is the group name.' }));
export type APIGroupDiscovery = Static<typeof APIGroupDiscovery>;

export const APIGroupDiscoveryList = defV2('APIGroupDiscoveryList', obj({
  kind: str(), apiVersion: str(),
  metadata: ListMeta,
  items: req(list(APIGroupDiscovery, { listType: 'atomic' })),
}, { description: 'APIGroupDiscoveryList is the aggregated discovery document (/api and /apis with as=APIGroupDiscoveryList).' }));
export type APIGroupDiscoveryList = Static<typeof APIGroupDiscoveryList>;
