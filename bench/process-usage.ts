// What each process on the machine used during a run, by name: the apps (each instance apart), the
// broker, Redis and the bench itself, since all of them share the cores.
import type { BenchResults } from './bench-results.writer';
import {
  brokerPid,
  cpuTimeOf,
  peakMemoryOf,
  pidByName,
  residentMemoryOf,
  type GatewayProcessLauncher,
} from './gateway-process.launcher';

/** Every process that shares the cores during the run: the apps, the broker, Redis and the bench. */
export function namedPids(launcher: GatewayProcessLauncher): Record<string, number | 'self'> {
  const pids: Record<string, number | 'self'> = Object.fromEntries(launcher.pids());
  for (const [name, pid] of [
    ['beam.smp', brokerPid()],
    ['redis-server', pidByName('redis-server')],
  ] as const) {
    if (pid !== undefined) pids[name] = pid;
  }
  pids.bench = 'self';
  return pids;
}

export function memoryOf(launcher: GatewayProcessLauncher): BenchResults['memory'] {
  return Object.fromEntries(
    Object.entries(namedPids(launcher)).map(([name, pid]) => [
      name,
      { rssKiB: residentMemoryOf(pid), peakKiB: peakMemoryOf(pid) },
    ]),
  );
}

export function cpuSnapshot(launcher: GatewayProcessLauncher): Record<string, number> {
  const snapshot: Record<string, number> = {};
  for (const [name, pid] of Object.entries(namedPids(launcher))) {
    if (pid === 'self') {
      const { user, system } = process.cpuUsage();
      snapshot[name] = (user + system) / 1000;
    } else {
      snapshot[name] = cpuTimeOf(pid);
    }
  }
  return snapshot;
}
