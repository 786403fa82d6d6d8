// A leader-election candidate in its own process, for the test that kills a leader with
// SIGKILL. Reads its client config and timings from KUBETS_ELECTOR (JSON); prints
// "leading" / "stopped" on stdout.
import { LeaderElector } from './leader-election.js';
import { RestClient } from './rest.js';

const o = JSON.parse(process.env.KUBETS_ELECTOR ?? '{}') as {
  config: ConstructorParameters<typeof RestClient>[0]; identity: string; leaseDurationMs: number; renewDeadlineMs: number; retryPeriodMs: number;
};
const rest = new RestClient(o.config);
const ac = new AbortController();
process.on('SIGTERM', () => ac.abort());
await new LeaderElector({
  rest, namespace: 'kube-system', name: 'test-lock', identity: o.identity,
  leaseDurationMs: o.leaseDurationMs, renewDeadlineMs: o.renewDeadlineMs, retryPeriodMs: o.retryPeriodMs,
  onStartedLeading: (signal) => {
    console.log('leading');
    return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
  },
  onStoppedLeading: () => console.log('stopped'),
}).run(ac.signal);
rest.close();
