// The gateway as the chaos run drives it: N processes of each app (`router#2` is instance 2 with
// PCMS_INSTANCE=2, as apps/supervisor runs them) and the local I-24/7 peer, each a real process
// that can be SIGKILLed, paused (SIGSTOP) and started again. Each one's output goes to its log file.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const STARTED = '"msg":"started / démarré"';
const TAIL_LINES = 30;

/** How to run an app: the built `dist/apps/<app>/src/main.js`, or its sources through swc (tests). */
export type AppCommand = (app: string) => { command: string; args: string[] };

export const builtApps =
  (root: string): AppCommand =>
  (app) => ({ command: process.execPath, args: [join(root, 'dist', 'apps', app, 'src', 'main.js')] });

/** The sources, transpiled by swc as they load (test/platform-client/run-ts.js): no build needed. */
export const sourceApps =
  (root: string): AppCommand =>
  (app) => ({
    command: process.execPath,
    args: [join(root, 'test', 'platform-client', 'run-ts.js'), join(root, 'apps', app, 'src', 'main.ts')],
  });

interface Running {
  child: ChildProcess;
  exited: Promise<void>;
  log: WriteStream;
}

export class GatewayFleet {
  private readonly running = new Map<string, Running>();
  private readonly tails = new Map<string, string[]>();

  constructor(
    private readonly rootDir: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly command: AppCommand,
    private readonly logDir: string,
  ) {}

  /** Starts `app#k` (or `i247-peer`) and resolves on its started line; rejects if it exits first. */
  start(name: string, timeoutMs: number): Promise<void> {
    const [app, instance = '1'] = name.split('#');
    const { command, args } = this.command(app);
    const child = spawn(command, args, {
      cwd: this.rootDir,
      env: { ...process.env, ...this.env, PCMS_INSTANCE: instance },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(this.logDir, `${name.replace('#', '-')}.log`), { flags: 'a' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.running.set(name, { child, exited, log });
    const tail: string[] = [];
    this.tails.set(name, tail);
    const keep = (line: string) => {
      log.write(`${line}\n`);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    createInterface({ input: child.stderr }).on('line', keep);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`${name} not started after ${timeoutMs} ms / pas démarré\n${tail.join('\n')}`)),
        timeoutMs,
      );
      createInterface({ input: child.stdout }).on('line', (line) => {
        keep(line);
        if (line.includes(STARTED)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code ?? signal}) / s'est arrêté\n${tail.join('\n')}`));
      });
    });
  }

  /** SIGKILL: no shutdown hook runs; what the process held unacknowledged, the broker takes back. */
  async kill(name: string): Promise<number | undefined> {
    const running = this.running.get(name);
    if (!running || !this.alive(running.child)) return undefined;
    const pid = running.child.pid;
    running.child.kill('SIGKILL');
    await running.exited;
    running.log.end();
    this.running.delete(name);
    return pid;
  }

  /** SIGSTOP / SIGCONT: the process holds its sockets open and answers nothing (a peer unreachable). */
  pause(name: string): void {
    this.running.get(name)?.child.kill('SIGSTOP');
  }

  resume(name: string): void {
    this.running.get(name)?.child.kill('SIGCONT');
  }

  /** Processes that exited without being asked (a crash): name and last lines. */
  crashed(): { name: string; tail: string[] }[] {
    return [...this.running]
      .filter(([, { child }]) => !this.alive(child))
      .map(([name]) => ({ name, tail: this.tails.get(name) ?? [] }));
  }

  /** SIGCONT and SIGTERM to all (each drains and closes), SIGKILL for any still there after `graceMs`. */
  async stopAll(graceMs: number): Promise<void> {
    const all = [...this.running.values()].filter(({ child }) => this.alive(child));
    for (const { child } of all) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    }
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
    for (const { log } of this.running.values()) log.end();
    this.running.clear();
  }

  /** Last resort, synchronous (process 'exit'): kill whatever still runs. */
  killAllNow(): void {
    for (const { child } of this.running.values()) if (this.alive(child)) child.kill('SIGKILL');
  }

  private alive(child: ChildProcess): boolean {
    return child.exitCode === null && child.signalCode === null;
  }
}
