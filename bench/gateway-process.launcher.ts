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
/** The operations console, started apart: `--console` measures what it costs the gateway. */
export const CONSOLE_APP = 'console';
export type GatewayApp = (typeof BENCH_APPS)[number] | typeof CONSOLE_APP;

/** `router` for instance 1, `router#2` for the second: the supervisor's labels (docs/architecture.md). */
export function instanceName(app: GatewayApp, instance: number): string {
  return instance > 1 ? `${app}#${instance}` : app;
}

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
    public profileDir?: string,
  ) {}

  /**
   * Spawns `node dist/apps/<app>/src/main.js` and resolves on its started line. Instance k > 1 gets
   * `PCMS_INSTANCE=k` (its ports move by (k-1)×10) and must start after instance 1, which creates
   * the schema and the topology alone, as the supervisor does. Resolves with the URL the started
   * line names (the console's, on a port the system picked), if any.
   */
  start(app: GatewayApp, timeoutMs: number, instance = 1): Promise<string | undefined> {
    const name = instanceName(app, instance);
    const main = join(this.rootDir, 'dist', 'apps', app, 'src', 'main.js');
    const child = spawn(process.execPath, [...this.profileArgs(name), main], {
      cwd: this.rootDir,
      env: { ...process.env, ...this.env, PCMS_INSTANCE: String(instance) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.running.set(name, { child, exited, tail });
    const keep = (line: string) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    createInterface({ input: child.stderr }).on('line', keep);
    return new Promise<string | undefined>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`${name} not started after ${timeoutMs} ms / pas démarré\n${tail.join('\n')}`)),
        timeoutMs,
      );
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes(STARTED)) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { url?: string }).url);
        } else {
          keep(line);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code ?? signal}) / s'est arrêté\n${tail.join('\n')}`));
      });
    });
  }

  /** Node refuses --cpu-prof in NODE_OPTIONS: the flags go on the command line. */
  private profileArgs(name: string): string[] {
    if (!this.profileDir) return [];
    return ['--cpu-prof', `--cpu-prof-dir=${this.profileDir}`, `--cpu-prof-name=${name}.cpuprofile`];
  }

  /** The pid of every running process by its name (`router`, `router#2`), in start order. */
  pids(): Map<string, number> {
    const pids = new Map<string, number>();
    for (const [name, { child }] of this.running) {
      if (child.pid !== undefined) pids.set(name, child.pid);
    }
    return pids;
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
  return pidsByName(name)[0];
}

function pidsByName(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return pids;
}

/**
 * The RabbitMQ node serving AMQP on `port`: with scripts/rabbitmq-cluster.sh running there are
 * three beam.smp, and the others (RABBITMQ_NODE_PORT 5673, 5674 in their environment) are not the
 * bench's broker; the default node has no RABBITMQ_NODE_PORT. Pids wrap: the first found may be any.
 */
export function brokerPid(port = 5672): number | undefined {
  const portOf = (pid: number): number | undefined => {
    try {
      const match = /(?:^|\0)RABBITMQ_NODE_PORT=(\d+)/.exec(readFileSync(`/proc/${pid}/environ`, 'utf8'));
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  };
  // rabbitmqctl runs in a beam.smp too, without a port: of those, the node is the oldest.
  const nodes = pidsByName('beam.smp').sort((a, b) => startTicksOf(a) - startTicksOf(b));
  return nodes.find((pid) => portOf(pid) === port) ?? nodes.find((pid) => portOf(pid) === undefined);
}

/** When a process started, in clock ticks since boot (field 22 of /proc/<pid>/stat). */
function startTicksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  } catch {
    return Infinity;
  }
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
