// Runs every benchmark in turn (each in its own process) and prints their results.
// Run: npm run bench   (or one: node --import tsx bench/<name>.ts)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['api.ts', 'storage.ts', 'apiserver.ts', 'apiserver-chain.ts'];
let failed = 0;
for (const b of benches) {
  console.log(`\n== bench/${b}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(b, import.meta.url))], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
