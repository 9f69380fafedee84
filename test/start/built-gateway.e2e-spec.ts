// The gateway as `npm start` runs it: compiled by tsc, one process per app, configured by a profile
// and the environment. The other suites run the sources in-process through swc; this one catches
// what only the build shows (path aliases, emitted decorators, files copied beside the code).
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gatewayTopology } from '@pcms/messaging';
import { deleteTopology } from '../support/broker';
import { expectEventually } from '../support/expect-eventually';
import { OUTBOUND_FIXTURE } from '../support/fixtures';
import { descendantsOf, killAll, startTree, stillRunning } from './process-tree';

jest.setTimeout(240_000);

const ROOT = join(__dirname, '..', '..');
const APPS = ['journal-writer', 'pcms-adapter', 'router', 'i247-adapter', 'i247-peer'] as const;
/**
 * What `npm start` runs on the test profile: the five, the judicial network's adapter and peer, and
 * the console, which waits for the router (apps/supervisor). A signal sent before all of them
 * started would meet one still starting.
 */
const STARTED_BY_NPM_START = [...APPS, 'judicial-adapter', 'judicial-peer', 'console'] as const;
const run = promisify(execFile);

describe('the built gateway, one process per app', () => {
  const suffix = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'pcms-built-'));
  const env = {
    ...process.env,
    PCMS_PROFILE: 'test',
    PCMS_LOG_LEVEL: 'info',
    PCMS_DATA_DIR: dataDir,
    PCMS_AMQP_NAMESPACE: `t-built-${suffix}.`,
    PCMS_REDIS_PREFIX: `pcms-test:built-${suffix}`,
  };
  const processes = new Map<string, { child: ChildProcess; output: string[] }>();
  const cli = (...args: string[]) =>
    run('node', [join(ROOT, 'dist/apps/cli/src/main.js'), ...args], { cwd: ROOT, env, encoding: 'utf8' });

  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' });
    await cli('pki', 'init');
    for (const app of APPS) {
      const child = spawn('node', [join(ROOT, `dist/apps/${app}/src/main.js`)], { cwd: ROOT, env });
      const output: string[] = [];
      child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      processes.set(app, { child, output });
    }
    for (const [app, { output }] of processes) {
      await expectEventually(() => expect(`${app}: ${output.join('')}`).toContain('started / démarré'), {
        timeoutMs: 60_000,
        intervalMs: 200,
      });
    }
  });

  afterAll(async () => {
    for (const { child } of processes.values()) if (child.exitCode === null) child.kill('SIGKILL');
    await deleteTopology(gatewayTopology(env.PCMS_AMQP_NAMESPACE).declaration);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carries a message sent with the CLI to the peer and journals its stages', async () => {
    const { stdout } = await cli('send', `${OUTBOUND_FIXTURE}.input.json`, '--as', 'NP-ML', '--new-id');
    const [, messageId] = /Submitted ([0-9a-f-]{36})/.exec(stdout) ?? [];

    const notice = join(dataDir, 'peer', 'inbox', `${messageId}.xml`);
    await expectEventually(() => expect(existsSync(notice)).toBe(true), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    expect(readFileSync(notice, 'utf8')).toContain('<Notice');
    const trace = await expectEventually(
      async () => {
        const { stdout: timeline } = await cli('trace', messageId, '--json');
        const stages = (JSON.parse(timeline) as { stage: string }[]).map((entry) => entry.stage);
        expect(stages).toContain('delivered');
        return stages;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(trace[0]).toBe('received');
  });

  it('stops every process cleanly on SIGTERM', async () => {
    const exits = [...processes.values()].map(
      // 'close', not 'exit': a process's last lines may still be in its stdout pipe when it exits.
      ({ child }) => new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code))),
    );

    for (const { child } of processes.values()) child.kill('SIGTERM');

    await Promise.all(exits);
    // Each process says so itself, the local peer included.
    for (const [app, { output }] of processes) {
      expect({ app, stoppedCleanly: /stopped cleanly/u.test(output.join('')) }).toEqual({
        app,
        stoppedCleanly: true,
      });
    }
  });
});

// Issue 11, defect 3: a supervisor stops `npm start` by its pid, with no terminal to signal the
// whole process group. Runs after the block above in this file: both use the test profile's ports.
describe('npm start, stopped by a signal', () => {
  const cases = [
    { top: 'npm start', command: 'npm', args: ['start'], signal: 'SIGTERM' },
    { top: 'npm start', command: 'npm', args: ['start'], signal: 'SIGINT' },
    { top: 'scripts/start.sh', command: 'bash', args: ['scripts/start.sh'], signal: 'SIGTERM' },
    // Ctrl-C: the terminal signals the whole foreground process group, not one pid.
    { top: 'the process group of npm start', command: 'npm', args: ['start'], signal: 'SIGINT', group: true },
  ] as const;
  let tree: number[] = [];
  const namespaces: string[] = [];
  const dataDirs: string[] = [];

  afterEach(() => killAll(tree));

  afterAll(async () => {
    for (const namespace of namespaces) await deleteTopology(gatewayTopology(namespace).declaration);
    for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(cases)(
    '$signal to $top stops every app cleanly, each exits 0',
    async ({ command, args, signal, ...target }) => {
      const suffix = randomBytes(4).toString('hex');
      const dataDir = mkdtempSync(join(tmpdir(), 'pcms-stop-'));
      dataDirs.push(dataDir);
      namespaces.push(`t-stop-${suffix}.`);
      const started = startTree(command, args, ROOT, {
        ...process.env,
        PCMS_PROFILE: 'test',
        PCMS_LOG_LEVEL: 'info',
        PCMS_DATA_DIR: dataDir,
        PCMS_AMQP_NAMESPACE: `t-stop-${suffix}.`,
        PCMS_REDIS_PREFIX: `pcms-test:stop-${suffix}`,
      });
      const log = () => started.output.join('');
      for (const app of STARTED_BY_NPM_START) {
        await expectEventually(() => expect(log()).toContain(`"app":"${app}","msg":"started / démarré"`), {
          timeoutMs: 180_000,
          intervalMs: 200,
        });
      }
      tree = [started.root.pid!, ...descendantsOf(started.root.pid!)];

      process.kill('group' in target ? -started.root.pid! : started.root.pid!, signal);

      const exit = await started.exited;
      expect({ exit, log: log().slice(-3000) }).toMatchObject({ exit: { code: 0, signal: null } });
      for (const app of STARTED_BY_NPM_START) {
        // The last lines may still be in the pipe when the top process has exited.
        await expectEventually(() => expect(log()).toContain(`${app} exited with code 0`), {
          timeoutMs: 20_000,
        });
        expect({
          app,
          stoppedCleanly: new RegExp(`"app":"${app}".*stopped cleanly`, 'u').test(log()),
        }).toEqual({ app, stoppedCleanly: true });
      }
      // Orphans are re-parented to init and reaped: give them that moment, then none may be left.
      await expectEventually(() => expect(stillRunning(tree)).toEqual([]), {
        timeoutMs: 15_000,
        intervalMs: 200,
      });
    },
  );
});
