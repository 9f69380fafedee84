// The gateway apps and the local I-24/7 peer as real processes, started from the build as in
// production: wait for each one's "started" line, read its peak memory and CPU time from /proc,
// optionally write a CPU profile of each (node --cpu-prof, written when the process exits cleanly),
// and stop every one of them whatever happened.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const GATEWAY_APPS = ['journal-writer', 'pcms-adapter', 'router', 'i247-adapter'] as const;
/** Not the gateway, but on the same cores: the peer's verify, store and send are in every figure. */
export const BENCH_APPS = [...GATEWAY_APPS, 'i247-peer'] as const;
export type GatewayApp = (typeof BENCH_APPS)[number];

const STARTED = '"msg":"started / démarré"';
const TAIL_LINES = 20;

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  tail: string[];
}

export class GatewayProcessLauncher {
  private readonly running = new Map<string, Running>();

  /** `profileDir`: each app writes `<app>.cpuprofile` there when it exits (SIGTERM, clean stop). */
  constructor(
    private readonly rootDir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly profileDir?: string,
  ) {}

  /** Spawns `node dist/apps/<app>/src/main.js` and resolves on its started line. */
  start(app: GatewayApp, timeoutMs: number): Promise<void> {
    const main = join(this.rootDir, 'dist', 'apps', app, 'src', 'main.js');
    const child = spawn(process.execPath, [...this.profileArgs(app), main], {
      cwd: this.rootDir,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.running.set(app, { child, exited, tail });
    const keep = (line: string) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    createInterface({ input: child.stderr }).on('line', keep);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${app} not started after ${timeoutMs} ms / pas démarré\n${tail.join('\n')}`)),
        timeoutMs,
      );
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes(STARTED)) {
          clearTimeout(timer);
          resolve();
        } else {
          keep(line);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${app} exited (${code ?? signal}) / s'est arrêté\n${tail.join('\n')}`));
      });
    });
  }

  /** Node refuses --cpu-prof in NODE_OPTIONS: the flags go on the command line. */
  private profileArgs(app: GatewayApp): string[] {
    if (!this.profileDir) return [];
    return ['--cpu-prof', `--cpu-prof-dir=${this.profileDir}`, `--cpu-prof-name=${app}.cpuprofile`];
  }

  pidOf(app: GatewayApp): number | undefined {
    return this.running.get(app)?.child.pid;
  }

  /** VmHWM of every running app, in KiB: the peak resident set since it started. */
  peakMemoryKiB(): Partial<Record<GatewayApp, number>> {
    const peaks: Partial<Record<GatewayApp, number>> = {};
    for (const app of BENCH_APPS) {
      const pid = this.pidOf(app);
      if (pid !== undefined) peaks[app] = peakMemoryOf(pid);
    }
    return peaks;
  }

  /** CPU time (user + system) each running app has used so far, in ms. */
  cpuTimeMs(): Partial<Record<GatewayApp, number>> {
    const used: Partial<Record<GatewayApp, number>> = {};
    for (const app of BENCH_APPS) {
      const pid = this.pidOf(app);
      if (pid !== undefined) used[app] = cpuTimeOf(pid);
    }
    return used;
  }

  /** SIGTERM (the apps drain and close), then SIGKILL for any still there after `graceMs`. */
  async stopAll(graceMs: number): Promise<void> {
    const all = [...this.running.values()].filter(
      ({ child }) => child.exitCode === null && child.signalCode === null,
    );
    for (const { child } of all) child.kill('SIGTERM');
    await Promise.all(
      all.map(async ({ child, exited }) => {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
        const stopped = await Promise.race([exited.then(() => true), grace]);
        clearTimeout(timer);
        if (!stopped) {
          child.kill('SIGKILL');
          await exited;
        }
      }),
    );
    this.running.clear();
  }

  /** Last resort, synchronous (process 'exit'): kill whatever is still running. */
  killAllNow(): void {
    for (const { child } of this.running.values()) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }
}

/** The pid of the first process whose command name is `name` (beam.smp, redis-server), from /proc. */
export function pidByName(name: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) return Number(entry);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return undefined;
}

/** VmRSS (resident set now) from /proc/<pid>/status, in KiB; 0 when unreadable. */
export function residentMemoryOf(pid: number | 'self'): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** VmHWM from /proc/<pid>/status (Linux), in KiB; 0 when unreadable. */
export function peakMemoryOf(pid: number | 'self'): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

let ticksPerSecond: number | undefined;

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks), in ms; 0 when unreadable. */
export function cpuTimeOf(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}
