import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EtcdStore, MemoryStore, openStore, parseDatastore, SqliteStore } from './index.js';

describe('parseDatastore', () => {
  it('defaults to sqlite and knows memory and sqlite:// files', () => {
    assert.deepEqual(parseDatastore(undefined), { kind: 'sqlite' });
    assert.deepEqual(parseDatastore(''), { kind: 'sqlite' });
    assert.deepEqual(parseDatastore('sqlite'), { kind: 'sqlite' });
    assert.deepEqual(parseDatastore('sqlite:///var/lib/kubets/x.db'), { kind: 'sqlite', path: '/var/lib/kubets/x.db' });
    assert.deepEqual(parseDatastore('memory'), { kind: 'memory' });
  });

  it('reads etcd endpoint lists with schemes and a namespace', () => {
    assert.deepEqual(parseDatastore('etcd://host1:2379,host2:2379'), { kind: 'etcd', endpoints: ['host1:2379', 'host2:2379'], namespace: '' });
    assert.deepEqual(parseDatastore('etcds://a:2379,b:2379'), { kind: 'etcd', endpoints: ['https://a:2379', 'https://b:2379'], namespace: '' });
    assert.deepEqual(parseDatastore('https://a:2379,https://b:2379'), { kind: 'etcd', endpoints: ['https://a:2379', 'https://b:2379'], namespace: '' });
    assert.deepEqual(parseDatastore('etcd://10.0.0.1:2379/kubets'), { kind: 'etcd', endpoints: ['10.0.0.1:2379'], namespace: '/kubets' });
  });

  it('rejects what it cannot use, saying what it expects', () => {
    assert.throws(() => parseDatastore('postgres://x'), /invalid datastore "postgres:\/\/x": expected sqlite, sqlite:\/\/<file>, memory, or etcd:\/\/host:port/);
    assert.throws(() => parseDatastore('etcd://host-without-port'), /endpoint "host-without-port" is not host:port/);
    assert.throws(() => parseDatastore('sqlite://'), /needs a file path/);
  });
});

describe('openStore', () => {
  it('opens each backend kind; sqlite lives in <dataDir>/db/state.db', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kubets-open-'));
    try {
      const sq = await openStore('sqlite', { dataDir, compaction: false });
      assert.ok(sq instanceof SqliteStore);
      assert.ok(existsSync(join(dataDir, 'db', 'state.db')));
      await sq.close();
      const mem = await openStore('memory', { dataDir });
      assert.ok(mem instanceof MemoryStore);
      await mem.close();
      const et = await openStore('etcd://127.0.0.1:1', { dataDir, compaction: false });
      assert.ok(et instanceof EtcdStore);
      await et.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
