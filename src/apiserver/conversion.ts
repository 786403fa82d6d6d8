// Versions of one resource share storage, as upstream: objects are stored in the storage
// version and converted on the way in and out. A conversion names the group/resources that
// share it (autoscaling v1 and v2 HorizontalPodAutoscalers; core and events.k8s.io Events),
// the apiVersion they are stored in, and how to convert between the shapes.
import type { KubeObject } from '../api/meta/v1/types.js';
import { apiVersionOf, type ResourceInfo } from '../api/scheme.js';
import { hpaV1ToV2, hpaV2ToV1 } from '../api/autoscaling/v1/index.js';
import { eventFromCore, eventToCore } from '../api/events/v1/conversion.js';
import type { HorizontalPodAutoscaler as HpaV1 } from '../api/autoscaling/v1/hpa.js';
import type { HorizontalPodAutoscaler as HpaV2 } from '../api/autoscaling/v2/hpa.js';

export interface Conversion {
  /** "group/resource" of every member */
  members: string[];
  /** the apiVersion objects are stored in */
  storage: string;
  /** converts obj (its apiVersion says which shape it has) to apiVersion */
  convert(obj: KubeObject, apiVersion: string): KubeObject;
}

export const CONVERSIONS: Conversion[] = [
  {
    members: ['autoscaling/horizontalpodautoscalers'],
    storage: 'autoscaling/v2',
    convert(obj, apiVersion) {
      if (obj.apiVersion === apiVersion) return obj;
      if (apiVersion === 'autoscaling/v2') return hpaV1ToV2(obj as HpaV1) as unknown as KubeObject;
      return hpaV2ToV1(obj as HpaV2) as unknown as KubeObject;
    },
  },
  {
    members: ['/events', 'events.k8s.io/events'],
    storage: 'v1',
    convert(obj, apiVersion) {
      if (obj.apiVersion === apiVersion) return obj;
      if (apiVersion === 'v1') return eventToCore(obj);
      return eventFromCore(obj, apiVersion);
    },
  },
];

export function conversionFor(info: ResourceInfo): Conversion | undefined {
  const gr = `${info.group}/${info.resource}`;
  return CONVERSIONS.find((c) => c.members.includes(gr));
}

/** The object as stored (in the storage version). */
export function toStorageVersion(info: ResourceInfo, obj: KubeObject): KubeObject {
  const c = conversionFor(info);
  const own = apiVersionOf(info);
  if (!c || own === c.storage) return obj;
  return c.convert({ ...obj, apiVersion: obj.apiVersion ?? own }, c.storage);
}

/** The stored object in the version a request uses. */
export function toRequestVersion(info: ResourceInfo, obj: KubeObject): KubeObject {
  const c = conversionFor(info);
  const own = apiVersionOf(info);
  if (!c || obj.apiVersion === own) return obj;
  return c.convert(obj, own);
}
