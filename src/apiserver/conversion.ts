// Versions of one resource share storage, as upstream: objects are stored in the storage
// version and converted on the way in and out. Each convertible group/resource names its
// storage version and the conversion functions the API group provides.
import type { KubeObject } from '../api/meta/v1/types.js';
import { apiVersionOf, type ResourceInfo } from '../api/scheme.js';
import { hpaV1ToV2, hpaV2ToV1 } from '../api/autoscaling/v1/index.js';
import type { HorizontalPodAutoscaler as HpaV1 } from '../api/autoscaling/v1/hpa.js';
import type { HorizontalPodAutoscaler as HpaV2 } from '../api/autoscaling/v2/hpa.js';

export interface Conversion {
  storageVersion: string;
  /** converts obj (apiVersion says which version it is in) to version */
  convert(obj: KubeObject, version: string): KubeObject;
}

const versionOf = (obj: KubeObject): string => (obj.apiVersion ?? '').split('/').pop() ?? '';

export const CONVERSIONS: Record<string, Conversion> = {
  'autoscaling/horizontalpodautoscalers': {
    storageVersion: 'v2',
    convert(obj, version) {
      const from = versionOf(obj);
      if (from === version) return obj;
      if (from === 'v1' && version === 'v2') return hpaV1ToV2(obj as HpaV1) as unknown as KubeObject;
      if (from === 'v2' && version === 'v1') return hpaV2ToV1(obj as HpaV2) as unknown as KubeObject;
      throw new Error(`no conversion of horizontalpodautoscalers from ${from} to ${version}`);
    },
  },
};

export function conversionFor(info: ResourceInfo): Conversion | undefined {
  return CONVERSIONS[`${info.group}/${info.resource}`];
}

/** The object as stored (in the storage version). */
export function toStorageVersion(info: ResourceInfo, obj: KubeObject): KubeObject {
  const c = conversionFor(info);
  if (!c || info.version === c.storageVersion) return obj;
  const withType = { ...obj, apiVersion: obj.apiVersion ?? apiVersionOf(info) };
  return c.convert(withType, c.storageVersion);
}

/** The stored object in the version a request uses. */
export function toRequestVersion(info: ResourceInfo, obj: KubeObject): KubeObject {
  const c = conversionFor(info);
  if (!c || versionOf(obj) === info.version) return obj;
  return c.convert(obj, info.version);
}
