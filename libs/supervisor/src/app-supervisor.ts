import { spawn, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { LinePrefixer } from './line-prefixer';

export interface SupervisedApp {
  /** Its label and its name in the exits: `router`, or `router#2` for a second instance. */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the supervisor's environment for this app only (`PCMS_INSTANCE`). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Spawned only once the app of this name has written a line matching `readyLine`: a second
   * instance waits for the first, which creates the schema and the broker topology alone.
   */
  readonly after?: string;
}

export interface AppExit {
  readonly name: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface SupervisorOptions {
  readonly apps: readonly SupervisedApp[];
  /** Where the apps' labelled lines and the supervisor's own lines go. */
  readonly out: NodeJS.WritableStream;
  /** ANSI colours on the labels (a terminal). */
  readonly color?: boolean;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Whose SIGINT/SIGTERM/SIGHUP are relayed: the process itself, or an emitter in unit specs. */
  readonly signals?: EventEmitter;
  /** The line an app writes once it started, which releases the apps waiting `after` it. */
  readonly readyLine?: RegExp;
}

export interface SupervisionResult {
  readonly exits: readonly AppExit[];
  /** 0 when every app exited 0 and none failed on its own; 1 otherwise. */
  readonly exitCode: number;
}

const RELAYED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const COLORS = [33, 34, 35, 36, 32, 31]; // yellow, blue, magenta, cyan, green, red

/**
 * Runs one process per app (or per instance of an app) and stops them together. A signal to the supervisor's pid (what a
 * supervisor such as systemd or a container runtime sends) is relayed once to every app, which
 * finishes what it holds and exits 0; the supervisor exits when the last app has, 0 if all did.
 * An app that fails on its own stops the others, and the supervisor exits 1.
 *
 * Each app runs in a process group of its own: Ctrl-C in a terminal signals the whole foreground
 * group, and an app that received it from the terminal and again from the supervisor would die on
 * the second one (Nest removes its handlers once shutdown begins) instead of stopping cleanly.
 */
export function superviseApps(options: SupervisorOptions): Promise<SupervisionResult> {
  const signals = options.signals ?? process;
  const say = (text: string): void => void options.out.write(`[supervisor] ${text}\n`);
  const running = new Map<string, ChildProcess>();
  const exits: AppExit[] = [];
  let stopping = false;
  let stopAsked = 0;
  let failed = false;

  const stopAll = (signal: NodeJS.Signals): void => {
    for (const child of running.values()) child.kill(signal);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // npm relays a terminal's Ctrl-C that the supervisor also received itself: one is enough,
      // and the echo (within a second) is not worth a line.
      if (Date.now() - stopAsked > 1000)
        say(`${signal} received again, apps are already stopping / arrêt déjà en cours`);
      return;
    }
    stopping = true;
    stopAsked = Date.now();
    say(`${signal} received: stopping every app / arrêt de toutes les applications`);
    stopAll(signal);
  };

  return new Promise<SupervisionResult>((resolve) => {
    const onExit = (name: string, code: number | null, signal: NodeJS.Signals | null): void => {
      running.delete(name);
      exits.push({ name, code, signal });
      const how = signal ? `signal ${signal}` : `code ${code}`;
      say(`${name} exited with ${how} / terminé (${how})`);
      if (!stopping && (code !== 0 || signal)) {
        failed = true;
        stopping = true;
        say(
          `SUPERVISOR_APP_FAILED: ${name} failed, stopping the others / échec, arrêt des autres applications`,
        );
        stopAll('SIGTERM');
      }
      if (running.size > 0) return;
      for (const relayed of RELAYED_SIGNALS) signals.off(relayed, onSignal);
      const clean = !failed && exits.every((exit) => exit.code === 0);
      resolve({ exits, exitCode: clean ? 0 : 1 });
    };

    const start = (app: SupervisedApp, index: number): void => {
      if (stopping) return;
      const label = options.color
        ? `\u001b[${COLORS[index % COLORS.length]}m[${app.name}]\u001b[0m`
        : `[${app.name}]`;
      const child = spawn(app.command, [...app.args], {
        cwd: options.cwd,
        env: app.env ? { ...(options.env ?? process.env), ...app.env } : options.env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.set(app.name, child);
      const waiting = options.apps.filter((other) => other.after === app.name);
      let ready = false;
      const onLine = (line: string): void => {
        if (ready || !options.readyLine?.test(line)) return;
        ready = true;
        for (const next of waiting) start(next, options.apps.indexOf(next));
      };
      for (const stream of [child.stdout, child.stderr]) {
        const prefixer = new LinePrefixer(label, options.out, waiting.length > 0 ? onLine : undefined);
        stream?.on('data', (chunk: Buffer) => prefixer.write(chunk));
        stream?.on('end', () => prefixer.end());
      }
      // 'close', not 'exit': the app's last lines ("stopped cleanly") are read before its exit is told.
      child.once('close', (code, signal) => onExit(app.name, code, signal));
      child.once('error', (error) =>
        say(`SUPERVISOR_SPAWN_FAILED: ${app.name} could not start / n'a pas pu démarrer: ${error.message}`),
      );
    };

    for (const relayed of RELAYED_SIGNALS) signals.on(relayed, onSignal);
    options.apps.forEach((app, index) => {
      if (app.after === undefined) start(app, index);
    });
  });
}
