// `kubets controller-manager`: kube-controller-manager. Parses flags, builds the client from
// --kubeconfig, and runs the controller manager until SIGINT/SIGTERM (exit 0) or until it
// loses its Lease (exit 1, as upstream: a fresh process campaigns again).
import { COMPONENT_LIMITS, loadKubeconfig } from '../client/config.js';
import { RestClient } from '../client/rest.js';
import { ControllerManager, CONTROLLERS, enabledControllers } from '../controllers/manager.js';
import { jsonLogger } from '../controllers/loop.js';
import { FlagError } from './server.js';

export const CONTROLLER_MANAGER_USAGE = `Usage: kubets controller-manager [flags]

Runs the controllers that make declared state real (kube-controller-manager).

Flags:
  --kubeconfig FILE                   how to reach the API server, and as whom (default: $KUBECONFIG, ~/.kube/config)
  --controllers LIST                  '*' enables every controller on by default, 'foo' enables foo, '-foo' disables it
                                      (default *); known: ${CONTROLLERS.map((c) => c.name).join(', ')}
  --leader-elect BOOL                 run only while holding the kube-system/kube-controller-manager Lease (default true)
  --leader-elect-lease-duration DUR   (default 15s)
  --leader-elect-renew-deadline DUR   (default 10s)
  --leader-elect-retry-period DUR     (default 2s)
  --kube-api-qps N                    requests per second to the API server (default 20)
  --kube-api-burst N                  burst above the QPS (default 30)
  -v, --v N                           log verbosity (0: errors only; 1 and up: also what starts and stops)`;

export interface ControllerManagerFlags {
  kubeconfig?: string;
  controllers: string[];
  leaderElect: boolean;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
  qps: number;
  burst: number;
  verbosity: number;
}

const KNOWN = new Set(['kubeconfig', 'controllers', 'leader-elect', 'leader-elect-lease-duration', 'leader-elect-renew-deadline',
  'leader-elect-retry-period', 'kube-api-qps', 'kube-api-burst', 'v']);
const BOOLEAN = new Set(['leader-elect']);

/** A Go duration of the simple kinds these flags take: 15s, 500ms, 1m, 1m30s. */
function duration(name: string, s: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let ms = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s))) {
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    end = re.lastIndex;
  }
  if (!s || end !== s.length) throw new FlagError(`invalid argument "${s}" for "--${name}": time: invalid duration "${s}"`);
  return ms;
}

export function parseControllerManagerFlags(args: string[]): ControllerManagerFlags {
  const v: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) throw new FlagError(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    const name = a.replace(/^--?/, '').slice(0, eq < 0 ? undefined : eq - (a.startsWith('--') ? 2 : 1));
    if (!KNOWN.has(name)) throw new FlagError(`unknown flag: ${a.slice(0, eq < 0 ? undefined : eq)}`);
    let value: string | undefined = eq < 0 ? undefined : a.slice(eq + 1);
    if (value === undefined && BOOLEAN.has(name)) value = 'true';
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) throw new FlagError(`flag needs an argument: --${name}`);
    }
    v[name] = value;
  }
  const bool = (name: string, def: boolean): boolean => {
    const s = v[name];
    if (s === undefined) return def;
    if (s !== 'true' && s !== 'false') throw new FlagError(`invalid argument "${s}" for "--${name}": must be true or false`);
    return s === 'true';
  };
  const num = (name: string, def: number): number => {
    const s = v[name] ?? String(def);
    if (!/^\d+(\.\d+)?$/.test(s)) throw new FlagError(`invalid argument "${s}" for "--${name}": must be a non-negative number`);
    return Number(s);
  };
  const controllers = (v.controllers ?? '*').split(',').map((s) => s.trim()).filter(Boolean);
  try {
    enabledControllers(controllers);
  } catch (e) {
    throw new FlagError(`invalid argument "${v.controllers}" for "--controllers": ${(e as Error).message}`);
  }
  const limits = COMPONENT_LIMITS['kube-controller-manager'];
  return {
    kubeconfig: v.kubeconfig, controllers, leaderElect: bool('leader-elect', true),
    leaseDurationMs: duration('leader-elect-lease-duration', v['leader-elect-lease-duration'] ?? '15s'),
    renewDeadlineMs: duration('leader-elect-renew-deadline', v['leader-elect-renew-deadline'] ?? '10s'),
    retryPeriodMs: duration('leader-elect-retry-period', v['leader-elect-retry-period'] ?? '2s'),
    qps: num('kube-api-qps', limits.qps), burst: num('kube-api-burst', limits.burst), verbosity: num('v', 0),
  };
}

export async function controllerManagerCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(CONTROLLER_MANAGER_USAGE);
    return 0;
  }
  let flags: ControllerManagerFlags;
  try {
    flags = parseControllerManagerFlags(args);
  } catch (e) {
    if (e instanceof FlagError) {
      console.error(`kubets controller-manager: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const rest = new RestClient({ ...loadKubeconfig({ kubeconfig: flags.kubeconfig }), qps: flags.qps, burst: flags.burst, userAgent: 'kube-controller-manager' });
  const log = jsonLogger('kube-controller-manager', flags.verbosity > 0);
  let lost = false;
  let finish!: () => void;
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const manager = new ControllerManager({
    rest, log, controllers: flags.controllers,
    leaderElection: flags.leaderElect ? { leaseDurationMs: flags.leaseDurationMs, renewDeadlineMs: flags.renewDeadlineMs, retryPeriodMs: flags.retryPeriodMs } : undefined,
    onLostLeadership: () => {
      lost = true;
      finish();
    },
  });
  process.once('SIGINT', finish);
  process.once('SIGTERM', finish);
  await manager.start();
  log.info('started', { controllers: manager.controllers, leaderElect: flags.leaderElect });
  await ended;
  process.off('SIGINT', finish);
  process.off('SIGTERM', finish);
  await manager.stop();
  rest.close();
  return lost ? 1 : 0;
}
