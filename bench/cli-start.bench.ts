// How long an operator waits for the command line (issue 11, defect 8): the real `pcms` launcher
// spawned as a process, as a shell runs it, wall time from spawn to exit. `--help` loads no
// command; `status` loads the configuration and the broker client and asks the broker.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { round, summarize } from './latency.stats';

export interface CliStartTiming {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface CliStartResult {
  runs: number;
  help: CliStartTiming;
  status: CliStartTiming;
}

const DEFAULT_RUNS = 7;
/** A command that hangs must not hang the bench: it is killed, and the start is not reported. */
const CLI_TIMEOUT_MS = 30_000;

export function measureCliStart(
  projectRoot: string,
  env: NodeJS.ProcessEnv,
  runs = DEFAULT_RUNS,
): CliStartResult {
  const launcher = join(projectRoot, 'bin', 'pcms.js');
  const time = (args: string[]): CliStartTiming => {
    // One uncounted run: the first reads the files from disk, an operator's next ones do not.
    const samples = [...Array<number>(runs + 1)].map(() => once(launcher, args, env)).slice(1);
    const { p50Ms, maxMs } = summarize(samples);
    return { medianMs: p50Ms, minMs: round(Math.min(...samples)), maxMs };
  };
  return { runs, help: time(['--help']), status: time(['status', '--json']) };
}

function once(launcher: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [launcher, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: CLI_TIMEOUT_MS,
  });
  const elapsed = performance.now() - started;
  if (run.status !== 0) {
    throw new Error(`pcms ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr.toString()}`);
  }
  return elapsed;
}
