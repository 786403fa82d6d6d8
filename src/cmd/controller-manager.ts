// `kubets controller-manager`: kube-controller-manager. Parses its flags, builds the client
// from --kubeconfig and runs the controller manager component until SIGTERM/SIGINT (exit 0)
// or until it loses its Lease (exit 1, as upstream: a fresh process campaigns again).
import { COMPONENT_LIMITS, loadKubeconfig } from '../client/config.js';
import { RestClient } from '../client/rest.js';
import { serviceAccountCredentials } from '../client/service-account-credentials.js';
import { ControllerManager, CONTROLLERS, enabledControllers } from '../controllers/manager.js';
import { runComponents, terminationSignal, type Component } from '../machinery/component.js';
import { createLogger, type Logger } from '../machinery/log.js';
import { helpText, invalidFlag, parseCommandLine, parseFlags, type FlagSpec } from './flags.js';

const limits = COMPONENT_LIMITS['kube-controller-manager'];

const FLAGS: FlagSpec[] = [
  { name: 'kubeconfig', value: 'FILE', help: 'how to reach the API server, and as whom ($KUBECONFIG, ~/.kube/config when absent)' },
  { name: 'controllers', value: 'LIST', help: `'*' enables the controllers on by default, 'foo' enables foo, '-foo' disables it; known: ${CONTROLLERS.map((c) => c.name).join(', ')}`, default: '*' },
  { name: 'leader-elect', help: 'run only while holding the kube-system/kube-controller-manager Lease', default: 'true' },
  { name: 'leader-elect-lease-duration', value: 'DURATION', help: 'how long a Lease holds without renewal', default: '15s' },
  { name: 'leader-elect-renew-deadline', value: 'DURATION', help: 'how long the leader retries renewing before it gives up', default: '10s' },
  { name: 'leader-elect-retry-period', value: 'DURATION', help: 'time between attempts to take or renew the Lease', default: '2s' },
  { name: 'use-service-account-credentials', help: 'each controller talks to the API server as its own kube-system service account', default: 'false' },
  { name: 'kube-api-qps', value: 'N', help: 'requests per second to the API server', default: String(limits.qps) },
  { name: 'kube-api-burst', value: 'N', help: 'burst above the QPS', default: String(limits.burst) },
];

export const CONTROLLER_MANAGER_USAGE = helpText('kubets controller-manager [flags]',
  'Runs the controllers that make declared state real (kube-controller-manager).', FLAGS);

export interface ControllerManagerFlags {
  kubeconfig?: string;
  controllers: string[];
  leaderElect: boolean;
  useServiceAccountCredentials: boolean;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  qps: number;
  burst: number;
}

/** A Go duration of the kinds these flags take: 15s, 500ms, 1m30s, 1h. */
function duration(name: string, s: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  let end = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    ms += Number(m[1]) * unit[m[2] as keyof typeof unit];
    end = re.lastIndex;
  }
  if (!s || end !== s.length) throw invalidFlag(name, s, `time: invalid duration "${s}"`);
  return ms;
}

export function parseControllerManagerFlags(args: string[]): ControllerManagerFlags {
  const v = parseFlags(FLAGS, args);
  const get = (name: string): string => v.get(name) ?? '';
  const num = (name: string): number => {
    if (!/^\d+(\.\d+)?$/.test(get(name))) throw invalidFlag(name, get(name), 'must be a non-negative number');
    return Number(get(name));
  };
  const controllers = get('controllers').split(',').map((s) => s.trim()).filter(Boolean);
  try {
    enabledControllers(controllers);
  } catch (e) {
    throw invalidFlag('controllers', get('controllers'), (e as Error).message);
  }
  return {
    kubeconfig: v.get('kubeconfig'), controllers, leaderElect: get('leader-elect') === 'true',
    useServiceAccountCredentials: get('use-service-account-credentials') === 'true',
    leaseDurationMs: duration('leader-elect-lease-duration', get('leader-elect-lease-duration')),
    renewDeadlineMs: duration('leader-elect-renew-deadline', get('leader-elect-renew-deadline')),
    retryPeriodMs: duration('leader-elect-retry-period', get('leader-elect-retry-period')),
    qps: num('kube-api-qps'), burst: num('kube-api-burst'),
  };
}

/**
 * The controller manager as a component: its client from the kubeconfig (read at start, so a
 * server may write it first), one client per controller's service account with
 * --use-service-account-credentials, and the Lease with --leader-elect. When a held Lease is
 * lost, onLostLeadership is called (the command exits then, as upstream); without it the
 * component stops its controllers and campaigns again with a fresh identity, as a restarted
 * process would, so a server's API server stays up through a lease lost to a slow datastore.
 */
export function controllerManagerComponent(flags: ControllerManagerFlags, log: Logger,
  opts: { needs?: readonly string[]; onLostLeadership?: () => void } = {}): Component {
  let rest: RestClient | undefined;
  let manager: ControllerManager | undefined;
  let restarting: Promise<void> | undefined;
  let stopped = false;
  const campaign = async (own: RestClient, signal?: AbortSignal): Promise<void> => {
    const m: ControllerManager = new ControllerManager({
      rest: own, log, controllers: flags.controllers,
      clientFor: flags.useServiceAccountCredentials ? async (sa) => new RestClient(await serviceAccountCredentials(own, sa)) : undefined,
      leaderElection: flags.leaderElect ? { leaseDurationMs: flags.leaseDurationMs, renewDeadlineMs: flags.renewDeadlineMs, retryPeriodMs: flags.retryPeriodMs } : undefined,
      onLostLeadership: opts.onLostLeadership ?? (() => {
        restarting = (async () => {
          await m.stop();
          if (stopped) return;
          log.info('campaigning again');
          await campaign(own);
        })();
      }),
    });
    manager = m;
    await m.start(signal);
  };
  return {
    name: 'controller-manager', needs: opts.needs,
    async start(signal) {
      stopped = false;
      rest = new RestClient({ ...loadKubeconfig({ kubeconfig: flags.kubeconfig }), qps: flags.qps, burst: flags.burst, userAgent: 'kube-controller-manager' });
      await campaign(rest, signal);
    },
    async stop() {
      stopped = true;
      try {
        await restarting;
        await manager?.stop();
      } finally {
        rest?.close();
        rest = undefined;
        manager = undefined;
      }
    },
  };
}

export async function controllerManagerCommand(args: string[]): Promise<number> {
  const flags = parseCommandLine(args, CONTROLLER_MANAGER_USAGE, parseControllerManagerFlags);
  if ('exitCode' in flags) return flags.exitCode;
  const stop = new AbortController();
  const terminated = terminationSignal();
  terminated.addEventListener('abort', () => stop.abort(terminated.reason), { once: true });
  let lost = false;
  const manager = controllerManagerComponent(flags, createLogger('kube-controller-manager'), {
    onLostLeadership: () => {
      lost = true;
      stop.abort(new Error('leaderelection lost'));
    },
  });
  await runComponents([manager], stop.signal, createLogger('kubets-controller-manager'));
  return lost ? 1 : 0;
}
