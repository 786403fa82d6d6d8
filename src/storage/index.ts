// Choosing a backend from --datastore:
//   sqlite (default)                 <dataDir>/db/state.db
//   sqlite:///abs/path/state.db      another file
//   memory                           nothing persisted (tests, simulator)
//   etcd://host1:2379,host2:2379     plain endpoints (https when TLS files are given)
//   etcds://host1:2379               https endpoints
//   https://h1:2379,https://h2:2379  endpoints as URLs; a path (etcd://h:2379/kubets) sets a key namespace
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompactorOptions } from './compactor.js';
import { EtcdStore } from './etcd.js';
import type { KeyRules } from './keys.js';
import { MemoryStore } from './memory.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export * from './errors.js';
export * from './store.js';
export { startCompactor, type Compactor, type CompactorOptions } from './compactor.js';
export { DEFAULT_KEY_PREFIX } from './keys.js';
export { EtcdStore, type EtcdStoreOptions, type EtcdTls } from './etcd.js';
export { MemoryStore, type MemoryStoreOptions } from './memory.js';
export { SqliteStore, type SqliteStoreOptions } from './sqlite.js';

export type Datastore =
  | { kind: 'sqlite'; path?: string }
  | { kind: 'memory' }
  | { kind: 'etcd'; endpoints: string[]; namespace: string };

export function parseDatastore(spec: string | undefined): Datastore {
  const s = (spec ?? '').trim();
  if (s === '' || s === 'sqlite') return { kind: 'sqlite' };
  if (s.startsWith('sqlite://')) {
    const path = s.slice('sqlite://'.length);
    if (!path) throw new Error(`invalid datastore ${JSON.stringify(spec)}: sqlite:// needs a file path`);
    return { kind: 'sqlite', path };
  }
  if (s === 'memory') return { kind: 'memory' };
  let scheme: string | undefined;
  let rest = s;
  const m = /^(etcd|etcds|etcd\+https|http|https):\/\/(.*)$/.exec(s);
  if (!m) {
    throw new Error(`invalid datastore ${JSON.stringify(spec)}: expected sqlite, sqlite://<file>, memory, or etcd://host:port[,host:port...]`);
  }
  if (m[1] === 'http' || m[1] === 'https') scheme = m[1];
  else if (m[1] !== 'etcd') scheme = 'https';
  rest = m[2]!;
  let namespace = '';
  const endpoints = rest.split(',').map((part) => {
    let p = part.trim();
    let partScheme = scheme;
    const pm = /^(https?):\/\/(.*)$/.exec(p);
    if (pm) {
      partScheme = pm[1];
      p = pm[2]!;
    }
    const slash = p.indexOf('/');
    if (slash >= 0) {
      const ns = p.slice(slash).replace(/\/+$/, '');
      if (ns) namespace = ns;
      p = p.slice(0, slash);
    }
    if (!/^[A-Za-z0-9.\-_[\]:]+:\d+$/.test(p)) {
      throw new Error(`invalid datastore ${JSON.stringify(spec)}: endpoint ${JSON.stringify(part)} is not host:port`);
    }
    return partScheme ? `${partScheme}://${p}` : p;
  });
  return { kind: 'etcd', endpoints, namespace };
}

export interface OpenStoreOptions extends KeyRules {
  /** the server's data directory; sqlite lives in <dataDir>/db/state.db */
  dataDir: string;
  /** PEM files for etcd client TLS */
  etcdTls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** background compaction (default on: keep about 5 minutes); false turns it off */
  compaction?: boolean | CompactorOptions;
  /** sqlite durability (default 'full') */
  sqliteSynchronous?: 'full' | 'normal';
  etcdRequestTimeoutMs?: number;
}

/** opens the backend named by spec (see parseDatastore); nothing is contacted yet for etcd */
export async function openStore(spec: string | undefined, options: OpenStoreOptions): Promise<Store> {
  const ds = parseDatastore(spec);
  const compactor = options.compaction === false ? undefined : options.compaction === true || !options.compaction ? {} : options.compaction;
  const rules: KeyRules = { keyPrefix: options.keyPrefix };
  switch (ds.kind) {
    case 'memory':
      return new MemoryStore({ ...rules, compactor });
    case 'sqlite':
      return new SqliteStore({
        ...rules, path: ds.path ?? join(options.dataDir, 'db', 'state.db'), synchronous: options.sqliteSynchronous, compactor,
      });
    case 'etcd': {
      const t = options.etcdTls;
      const tls = t ? {
        ca: t.caFile ? readFileSync(t.caFile) : undefined,
        cert: t.certFile ? readFileSync(t.certFile) : undefined,
        key: t.keyFile ? readFileSync(t.keyFile) : undefined,
      } : undefined;
      const endpoints = ds.endpoints.map((e) => (/^https?:\/\//.test(e) ? e : `${tls ? 'https' : 'http'}://${e}`));
      return new EtcdStore({
        ...rules, endpoints, tls, namespace: ds.namespace, compactor, requestTimeoutMs: options.etcdRequestTimeoutMs,
      });
    }
  }
}
