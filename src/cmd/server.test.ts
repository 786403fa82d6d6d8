import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { firstServiceIP } from '../apiserver/component.js';
import { FlagError } from './flags.js';
import { startOrder } from '../machinery/component.js';
import { SERVER_USAGE, parseServerFlags, serverComponents } from './server.js';

const entry = fileURLToPath(new URL('./kubets.ts', import.meta.url));

test('server flags: defaults, both --flag value and --flag=value forms', () => {
  const d = parseServerFlags([]).apiserver;
  assert.deepEqual(d, {
    dataDir: './data', datastore: 'sqlite', bindAddress: '127.0.0.1', port: 6443, serviceCIDR: '10.96.0.0/12',
    nodePortRange: { base: 30000, size: 2768 },
    tokenAuthFile: undefined, encryptionProviderConfig: undefined, auditPolicyFile: undefined, auditLogPath: undefined,
    flowControl: { maxRequestsInflight: 400, maxMutatingRequestsInflight: 200, enablePriorityAndFairness: true },
    admissionPlugins: ['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'NodeRestriction', 'TaintNodesByCondition', 'PodSecurity',
      'Priority', 'DefaultTolerationSeconds', 'DefaultStorageClass', 'ResourceQuota'],
    authorizationModes: ['Node', 'RBAC'], anonymousAuth: false,
  });
  assert.equal(parseServerFlags([]).controllerManager, true);
  assert.equal(parseServerFlags(['--disable-controller-manager']).controllerManager, false);
  assert.equal(parseServerFlags(['--disable-controller-manager=false']).controllerManager, true);
  const fc = parseServerFlags(['--max-requests-inflight=2', '--max-mutating-requests-inflight', '1', '--enable-priority-and-fairness=false', '--audit-log-path', '-']).apiserver;
  assert.deepEqual([fc.flowControl, fc.auditLogPath], [{ maxRequestsInflight: 2, maxMutatingRequestsInflight: 1, enablePriorityAndFairness: false }, '-']);
  const f = parseServerFlags(['--data-dir', '/tmp/x', '--https-port=0', '--datastore=memory', '--anonymous-auth', '--authorization-mode=RBAC,AlwaysDeny',
    '--service-node-port-range', '31000-31010', '--disable-admission-plugins', 'ResourceQuota,PodSecurity', '--enable-admission-plugins=NodeRestriction']).apiserver;
  assert.equal(f.dataDir, '/tmp/x');
  assert.equal(f.port, 0);
  assert.equal(f.datastore, 'memory');
  assert.equal(f.anonymousAuth, true);
  assert.deepEqual(f.authorizationModes, ['RBAC', 'AlwaysDeny']);
  assert.deepEqual(f.nodePortRange, { base: 31000, size: 11 });
  assert.ok(!f.admissionPlugins.includes('ResourceQuota') && !f.admissionPlugins.includes('PodSecurity') && f.admissionPlugins.includes('NodeRestriction'));
  assert.equal(parseServerFlags(['--anonymous-auth=false']).apiserver.anonymousAuth, false);
});

test('bad flags are FlagErrors with one-line messages', () => {
  for (const [args, msg] of [
    [['--https-port', 'abc'], /^invalid argument "abc" for "--https-port" flag: must be a port number/],
    [['--bogus'], /^unknown flag: --bogus$/],
    [['--disable', 'scheduler'], /^unknown flag: --disable$/],
    [['-x'], /^unknown shorthand flag: 'x' in -x$/],
    [['--service-cluster-ip-range', '10.96.0.0'], /is not an IPv4 CIDR/],
    [['--datastore', 'mysql://x'], /invalid datastore/],
    [['--data-dir'], /^flag needs an argument: --data-dir$/],
    [['--max-requests-inflight', '-1'], /invalid argument "-1" for "--max-requests-inflight" flag: must be a non-negative integer/],
    [['--enable-priority-and-fairness=yes'], /must be true or false/],
    [['--anonymous-auth=maybe'], /invalid argument "maybe" for "--anonymous-auth" flag: must be true or false/],
    [['--service-node-port-range', '32767-30000'], /invalid argument "32767-30000" for "--service-node-port-range" flag/],
    [['--authorization-mode', 'Node,ABAC'], /authorization-mode "ABAC" is not one of Node, RBAC, AlwaysAllow, AlwaysDeny/],
    [['--authorization-mode', ''], /at least one authorization mode/],
    [['--enable-admission-plugins', 'Bogus'], /^enable-admission-plugins plugin "Bogus" is unknown$/],
    [['--disable-admission-plugins', 'NamespaceLifecycle,Nope'], /^disable-admission-plugins plugin "Nope" is unknown$/],
  ] as [string[], RegExp][]) {
    assert.throws(() => parseServerFlags(args), (e: Error) => e instanceof FlagError && msg.test(e.message) && !e.message.includes('\n'), args.join(' '));
  }
});

test('the first service IP is the range\'s first address', () => {
  assert.equal(firstServiceIP('10.96.0.0/12'), '10.96.0.1');
  assert.equal(firstServiceIP('10.100.7.9/16'), '10.100.0.1');
  assert.equal(firstServiceIP('192.168.0.0/24'), '192.168.0.1');
});

test('kubets server with a bad flag exits 2 with one kubectl-style line on stderr', () => {
  for (const [args, line] of [
    [['--https-port', 'x'], /^Error: invalid argument "x" for "--https-port" flag/],
    [['--foo'], /^Error: unknown flag: --foo$/],
  ] as [string[], RegExp][]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', entry, 'server', ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr.trim(), line);
  }
});

test('kubets server --help lists every flag it accepts', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, 'server', '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout.trim(), SERVER_USAGE);
  const listed = [...SERVER_USAGE.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]);
  // every flag with a value it accepts: what --help lists is exactly what the parser takes
  const sample: Record<string, string> = {
    'data-dir': '/tmp/d', datastore: 'memory', 'bind-address': '0.0.0.0', 'https-port': '1', 'service-cluster-ip-range': '10.0.0.0/16',
    'service-node-port-range': '30000-30001', 'token-auth-file': 'f', 'anonymous-auth': 'true', 'authorization-mode': 'RBAC',
    'enable-admission-plugins': 'PodSecurity', 'disable-admission-plugins': 'ResourceQuota', 'encryption-provider-config': 'f',
    'audit-policy-file': 'f', 'audit-log-path': '-', 'max-requests-inflight': '3', 'max-mutating-requests-inflight': '2',
    'enable-priority-and-fairness': 'false', 'disable-controller-manager': 'true',
  };
  assert.deepEqual([...listed, 'help'].sort(), [...Object.keys(sample), 'help'].sort());
  for (const [name, value] of Object.entries(sample)) assert.doesNotThrow(() => parseServerFlags([`--${name}=${value}`]), name);
  assert.match(SERVER_USAGE, /--anonymous-auth +requests without credentials .*\(default false\)/);
});

test('server components: the controller manager after the API server, as system:kube-controller-manager; --disable-controller-manager leaves it out', () => {
  const both = serverComponents(parseServerFlags(['--data-dir', '/tmp/d']));
  assert.deepEqual(startOrder(both).map((c) => [c.name, c.needs ?? []]), [['apiserver', []], ['controller-manager', ['apiserver']]]);
  assert.deepEqual(serverComponents(parseServerFlags(['--disable-controller-manager'])).map((c) => c.name), ['apiserver']);
});
