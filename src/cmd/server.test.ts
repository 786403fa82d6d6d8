import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FlagError, firstServiceIP, parseServerFlags } from './server.js';

const entry = fileURLToPath(new URL('./kubets.ts', import.meta.url));

test('server flags: defaults, both --flag value and --flag=value forms', () => {
  const d = parseServerFlags([]);
  assert.deepEqual(d, {
    dataDir: './data', datastore: 'sqlite', bindAddress: '127.0.0.1', httpsPort: 6443, serviceCidr: '10.96.0.0/12',
    tokenAuthFile: undefined, encryptionProviderConfig: undefined, disable: [],
    auditPolicyFile: undefined, auditLogPath: undefined, maxRequestsInflight: 400, maxMutatingRequestsInflight: 200, enablePriorityAndFairness: true,
  });
  const fc = parseServerFlags(['--max-requests-inflight=2', '--max-mutating-requests-inflight', '1', '--enable-priority-and-fairness=false', '--audit-log-path', '-']);
  assert.deepEqual([fc.maxRequestsInflight, fc.maxMutatingRequestsInflight, fc.enablePriorityAndFairness, fc.auditLogPath], [2, 1, false, '-']);
  const f = parseServerFlags(['--data-dir', '/tmp/x', '--https-port=0', '--datastore=memory', '--disable', 'controller-manager,scheduler']);
  assert.equal(f.dataDir, '/tmp/x');
  assert.equal(f.httpsPort, 0);
  assert.equal(f.datastore, 'memory');
  assert.deepEqual(f.disable, ['controller-manager', 'scheduler']);
});

test('bad flags are FlagErrors with one-line messages', () => {
  for (const [args, msg] of [
    [['--https-port', 'abc'], /invalid argument "abc" for "--https-port"/],
    [['--bogus'], /unknown flag: --bogus/],
    [['--service-cluster-ip-range', '10.96.0.0'], /must be an IPv4 CIDR/],
    [['--disable', 'kubelet'], /invalid argument "kubelet" for "--disable"/],
    [['--datastore', 'mysql://x'], /invalid datastore/],
    [['--data-dir'], /flag needs an argument: --data-dir/],
    [['--max-requests-inflight', '-1'], /invalid argument "-1" for "--max-requests-inflight": must be a non-negative integer/],
    [['--enable-priority-and-fairness', 'yes'], /must be true or false/],
  ] as [string[], RegExp][]) {
    assert.throws(() => parseServerFlags(args), (e: Error) => e instanceof FlagError && msg.test(e.message) && !e.message.includes('\n'), args.join(' '));
  }
});

test('the first service IP is the range\'s first address', () => {
  assert.equal(firstServiceIP('10.96.0.0/12'), '10.96.0.1');
  assert.equal(firstServiceIP('10.100.7.9/16'), '10.100.0.1');
  assert.equal(firstServiceIP('192.168.0.0/24'), '192.168.0.1');
});

test('kubets server with a bad flag exits 2 with one line on stderr', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, 'server', '--https-port', 'x'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /^kubets server: invalid argument "x" for "--https-port"/);
});
