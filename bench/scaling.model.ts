// The scaling model of docs/performance.md as arithmetic, so that the bench can say whether it
// predicted a run with more instances. Each process is a single thread (one core at most), except
// the broker (Erlang schedules on every core); instances of an app are competing consumers on the
// same queues and share its per-message CPU. Everything on the machine shares its cores, so the
// rate is the smallest of: the cores over the CPU one message costs in all processes, and each
// single-threaded process's 1000 ms per second over its share of that cost.
import { readFileSync } from 'node:fs';
import { round } from './latency.stats';

/** Processes that use several cores on their own: no per-process cap. */
const MULTI_CORE = new Set(['beam.smp']);

export interface ScalingPrediction {
  messagesPerSecond: number;
  /** What caps it: `cores`, or the name of the process (app) that saturates first. */
  bottleneck: string;
}

/** `router#2` → `router`: instances share their app's per-message cost. */
export function appOf(processName: string): string {
  return processName.replace(/#\d+$/, '');
}

/** Per-message CPU per app, the instances of each summed. */
export function cpuPerApp(cpuMsPerMessage: Record<string, number>): Record<string, number> {
  const perApp: Record<string, number> = {};
  for (const [name, ms] of Object.entries(cpuMsPerMessage)) {
    perApp[appOf(name)] = (perApp[appOf(name)] ?? 0) + ms;
  }
  return perApp;
}

/**
 * The rate the model predicts for processes costing `cpuMsPerMessage` (per app) when app `a` runs
 * `instancesOf(a)` processes on `cores` cores free for this path.
 */
export function predictThroughput(
  cpuMsPerMessage: Record<string, number>,
  instancesOf: (app: string) => number,
  cores: number,
): ScalingPrediction {
  const perApp = cpuPerApp(cpuMsPerMessage);
  const total = Object.values(perApp).reduce((sum, ms) => sum + ms, 0);
  let best: ScalingPrediction = {
    messagesPerSecond: total > 0 ? (cores * 1000) / total : 0,
    bottleneck: 'cores',
  };
  for (const [app, ms] of Object.entries(perApp)) {
    if (MULTI_CORE.has(app) || ms <= 0) continue;
    const cap = (Math.min(instancesOf(app), cores) * 1000) / ms;
    if (cap < best.messagesPerSecond) best = { messagesPerSecond: cap, bottleneck: app };
  }
  return { ...best, messagesPerSecond: round(best.messagesPerSecond, 0) };
}

/** Busy and total CPU time of the whole machine so far, in ms, from the first line of /proc/stat. */
export interface MachineCpu {
  busyMs: number;
  totalMs: number;
}

export function machineCpuOf(procStat: string, ticksPerSecond = 100): MachineCpu {
  const fields = procStat.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  const toMs = (ticks: number) => (ticks * 1000) / ticksPerSecond;
  const busy = user + nice + system + irq + softirq + (steal ?? 0);
  return { busyMs: toMs(busy), totalMs: toMs(busy + idle + (iowait ?? 0)) };
}

export function readMachineCpu(): MachineCpu {
  return machineCpuOf(readFileSync('/proc/stat', 'utf8'));
}

/**
 * The cores this path had during a run: all of them, less what other work on the machine (other
 * people's tests) used meanwhile. On a shared machine the model must be fed these, not the count.
 */
export function coresLeftForPath(
  cores: number,
  before: MachineCpu,
  after: MachineCpu,
  pathCpuMs: number,
  durationMs: number,
): number {
  if (durationMs <= 0) return cores;
  const othersMs = Math.max(0, after.busyMs - before.busyMs - pathCpuMs);
  return round(Math.max(0, cores - othersMs / durationMs), 2);
}
