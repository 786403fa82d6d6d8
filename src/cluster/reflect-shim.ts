// @peculiar/x509 uses tsyringe, which refuses to load without the Reflect metadata API
// (normally the reflect-metadata package). This is the small subset it calls, kept on
// a WeakMap; it installs nothing when a full polyfill is already present.
type Key = unknown;
type Meta = Map<Key, unknown>;

interface ReflectMetadata {
  getMetadata?(key: Key, target: object, prop?: PropertyKey): unknown;
  getOwnMetadata?(key: Key, target: object, prop?: PropertyKey): unknown;
  defineMetadata?(key: Key, value: unknown, target: object, prop?: PropertyKey): void;
  hasMetadata?(key: Key, target: object, prop?: PropertyKey): boolean;
  metadata?(key: Key, value: unknown): (target: object, prop?: PropertyKey) => void;
}

const R = Reflect as unknown as ReflectMetadata;

if (!R.getMetadata) {
  const store = new WeakMap<object, Map<PropertyKey | undefined, Meta>>();
  const own = (target: object, prop: PropertyKey | undefined, create: boolean): Meta | undefined => {
    let byProp = store.get(target);
    if (!byProp) {
      if (!create) return undefined;
      byProp = new Map();
      store.set(target, byProp);
    }
    let m = byProp.get(prop);
    if (!m && create) {
      m = new Map();
      byProp.set(prop, m);
    }
    return m;
  };
  R.getOwnMetadata = (key, target, prop) => own(target, prop, false)?.get(key);
  R.defineMetadata = (key, value, target, prop) => {
    own(target, prop, true)!.set(key, value);
  };
  R.getMetadata = (key, target, prop) => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const m = own(t, prop, false);
      if (m?.has(key)) return m.get(key);
    }
    return undefined;
  };
  R.hasMetadata = (key, target, prop) => R.getMetadata!(key, target, prop) !== undefined;
  R.metadata = (key, value) => (target, prop) => R.defineMetadata!(key, value, target, prop);
}

export {};
