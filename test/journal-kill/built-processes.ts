// The gateway's apps as separate compiled processes that a test can SIGKILL and restart. Built
// into node_modules/.cache (not dist/, which test/start builds at the same time) and run from a
// temporary root whose profile has ports of its own, so this suite may run beside test/start.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually } from '../support/expect-eventually';

export const ROOT = join(__dirname, '..', '..');
const OUT = join(ROOT, 'node_modules', '.cache', 'pcms-journal-kill');
export const PROFILE = 'journal-kill';

/** Compiles apps and libs as `npm run build` does, into OUT. */
export function buildInto(): string {
  const tsc = (bin: string, ...args: string[]): void => {
    try {
      execFileSync(
        join(ROOT, 'node_modules', '.bin', bin),
        ['-p', 'tsconfig.build.json', '--outDir', OUT, ...args],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
    } catch (error: unknown) {
      // The compiler's own words (file, line, code) rather than "Command failed".
      const output = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
      throw new Error(`${bin} could not build the apps:\n${output.slice(0, 4000)}`, { cause: error });
    }
  };
  tsc('tsc', '--tsBuildInfoFile', join(OUT, '.tsbuildinfo'));
  tsc('tsc-alias');
  cpSync(join(ROOT, 'libs/notice/schema'), join(OUT, 'libs/notice/schema'), { recursive: true });
  return OUT;
}

/** A root with the project's config (plus a profile on other ports) and mappings. */
export function temporaryRoot(ports: { adapter: number; gateway: number; peer: number }): string {
  const root = mkdtempSync(join(tmpdir(), 'pcms-kill-root-'));
  mkdirSync(join(root, 'config'));
  for (const file of readdirSync(join(ROOT, 'config'))) {
    symlinkSync(join(ROOT, 'config', file), join(root, 'config', file));
  }
  symlinkSync(join(ROOT, 'mappings'), join(root, 'mappings'));
  const profile = readFileSync(join(ROOT, 'config', 'test.yaml'), 'utf8')
    .replaceAll('18444', String(ports.adapter))
    .replaceAll('18443', String(ports.gateway))
    .replaceAll('19443', String(ports.peer));
  writeFileSync(join(root, 'config', `${PROFILE}.yaml`), profile);
  return root;
}

export class BuiltApp {
  private child?: ChildProcess;
  private output: string[] = [];

  constructor(
    readonly name: string,
    private readonly out: string,
    private readonly root: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Starts the process and resolves once it logged that it started. */
  async start(): Promise<void> {
    this.output = [];
    const child = spawn('node', [join(this.out, `apps/${this.name}/src/main.js`)], {
      cwd: this.root,
      env: this.env,
    });
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.child = child;
    await expectEventually(() => expect(`${this.name}: ${this.log}`).toContain('started / démarré'), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
  }

  /** No shutdown hook runs: whatever the process held unacknowledged, the broker takes back. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  get log(): string {
    return this.output.join('');
  }
}

export function removeRoot(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
