// Starts test/hop-kill/gateway-app.process.ts as a child process (through the platform-client
// tests' swc loader, so it runs the same sources as the test, without a build) and follows it: the
// lines it writes, whether it died by SIGKILL, a clean stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '@pcms/config';
import { expectEventually } from '../support/expect-eventually';

const LOADER = join(__dirname, '..', 'platform-client', 'run-ts.js');
const PROCESS = join(__dirname, 'gateway-app.process.ts');
const MARK = 'PCMS-TEST ';

export interface KillHook {
  /** `before-ack`: at the end of the consumer of queue `at`; `after-confirm`: after the confirm to routing key `at`. */
  kill: 'before-ack' | 'after-confirm';
  at: string;
  messageId: string;
}

export interface WindowSample {
  publishToConfirmMs: number;
  confirmToRecordMs: number;
}

/** The configuration a child starts from: the harness's, without what loadConfig derives. */
export function writeChildConfig(config: LoadedConfig, file: string): string {
  const { paths: _paths, profile: _profile, ...overrides } = config;
  writeFileSync(file, JSON.stringify(overrides));
  return file;
}

export class KillableApp {
  private readonly lines: Record<string, unknown>[] = [];
  private output = '';
  private partial = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.read(chunk));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Starts `app` from `configFile`, with `hook` if given; resolves once it is consuming. */
  static async start(
    app: 'router' | 'pcms-adapter',
    configFile: string,
    hook?: KillHook,
  ): Promise<KillableApp> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PCMS_TEST_APP: app,
      PCMS_TEST_CONFIG_FILE: configFile,
      ...(hook
        ? { PCMS_TEST_KILL: hook.kill, PCMS_TEST_KILL_AT: hook.at, PCMS_TEST_KILL_ID: hook.messageId }
        : {}),
    };
    const started = new KillableApp(spawn(process.execPath, [LOADER, PROCESS], { env }));
    let ready = false;
    // A child that dies while starting says why at once, instead of after the timeout.
    const died = started.exited.then(({ code, signal }) => {
      if (!ready) throw new Error(`${app} exited (${code ?? signal}) while starting:\n${started.output}`);
    });
    await Promise.race([
      expectEventually(() => expect(started.events('ready')).toHaveLength(1), {
        timeoutMs: 60_000,
        intervalMs: 100,
      }),
      died,
    ]);
    ready = true;
    return started;
  }

  /** The lines of one kind the process wrote (`ready`, `window`). */
  events(kind: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.event === kind);
  }

  get windows(): WindowSample[] {
    return this.events('window') as unknown as WindowSample[];
  }

  /** SIGTERM: the app's clean shutdown, then exit 0. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }

  private read(chunk: string): void {
    this.output += chunk;
    // A line may straddle two chunks: the last piece waits for its end.
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(MARK))
        this.lines.push(JSON.parse(line.slice(MARK.length)) as Record<string, unknown>);
    }
  }
}
