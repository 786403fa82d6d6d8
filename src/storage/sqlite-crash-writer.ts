// Child process of sqlite-crash.test.ts: writes to a SqliteStore as fast as it can from
// several concurrent writers and prints one line per acknowledged write:
//   <revision> <create|update|delete> <key>
// until it is killed. Usage: node --import tsx sqlite-crash-writer.ts <db path> <writer tag>
import { SqliteStore } from './sqlite.js';

const [path, tag = 'w'] = process.argv.slice(2);
if (!path) throw new Error('usage: sqlite-crash-writer <db path> <tag>');
const store = new SqliteStore({ path });
const enc = new TextEncoder();

async function writer(n: number): Promise<never> {
  for (let i = 0; ; i++) {
    const key = `/registry/crash/${tag}-${n}-${i % 40}`;
    const value = enc.encode(JSON.stringify({ n, i, pad: 'x'.repeat(i % 300) }));
    const cur = await store.get(key);
    let line: string;
    if (!cur) line = `${await store.create(key, value)} create ${key}`;
    else if (i % 7 === 0) line = `${(await store.delete(key, cur.modRevision)).revision} delete ${key}`;
    else line = `${await store.update(key, value, cur.modRevision)} update ${key}`;
    process.stdout.write(line + '\n');
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: 8 }, (_, n) => writer(n)));
