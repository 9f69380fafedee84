// The `pcms` executable (issue 11, defect 8): the package's bin, a launcher of the built CLI, run
// as a shell runs it. How fast it starts is measured by `npm run bench`, not here.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');

function run(launcher: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  // Executed as a file, not through `node`: the shebang and the mode are part of what ships.
  const { PCMS_ROOT: _root, ...inherited } = process.env;
  const result = spawnSync(launcher, args, {
    cwd: options.cwd,
    env: { ...inherited, ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the pcms executable', () => {
  const launcher = join(ROOT, 'bin', 'pcms.js');
  let elsewhere: string;

  beforeAll(() => {
    try {
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      // tsc reports on stdout: without it a failed build reads as four unexplained failures.
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`npm run build failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
    }
    elsewhere = mkdtempSync(join(tmpdir(), 'pcms-bin-'));
  });

  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  it('is the package bin, and an executable file', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin?: unknown };

    expect(manifest.bin).toEqual({ pcms: 'bin/pcms.js' });
    expect(() => accessSync(launcher, constants.X_OK)).not.toThrow();
  });

  it('--help exits 0 from the built dist and lists every command, in English and French', () => {
    const sut = run(launcher, ['--help'], { cwd: ROOT });

    expect(sut).toMatchObject({ status: 0, stderr: '' });
    expect(sut.stdout).toContain('Usage: pcms [options] [command]');
    expect(sut.stdout).toContain('ligne de commande de pcms-gateway');
    for (const command of ['pki', 'send', 'status', 'trace', 'search', 'dlq', 'hold']) {
      expect(sut.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    }
  });

  it('loads no Nest module with any of its commands (Nest alone costs about a second per call)', () => {
    // Every command module, the context and the broker client, as the built CLI requires them.
    const script = [
      "require('reflect-metadata');",
      "for (const m of ['apps/cli/src/cli.program', 'apps/cli/src/cli.context', 'libs/messaging/src/index.js',",
      "  'libs/runtime/process/index.js']) require('./dist/' + m);",
      "console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('node_modules/@nestjs/'))));",
    ].join('\n');

    const loaded = JSON.parse(
      execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }),
    ) as string[];

    // The one base class AmqpContext extends, imported alone; never a package's index, never core.
    expect(loaded.map((file) => file.slice(file.indexOf('@nestjs/')))).toEqual([
      '@nestjs/microservices/ctx-host/base-rpc.context.js',
    ]);
  });

  it('runs a command with the configuration of its checkout from any folder', () => {
    const dataDir = join(elsewhere, 'data');

    const sut = run(launcher, ['pki', 'init', '--json'], {
      cwd: elsewhere,
      env: { PCMS_DATA_DIR: dataDir },
    });

    expect(sut.stderr).toBe('');
    expect(JSON.parse(sut.stdout)).toMatchObject({ outcome: 'created', directory: join(dataDir, 'pki') });
  });

  it('says what to run when the CLI is not built, with a code, in English and French', () => {
    const unbuilt = join(elsewhere, 'checkout');
    mkdirSync(join(unbuilt, 'bin'), { recursive: true });
    copyFileSync(launcher, join(unbuilt, 'bin', 'pcms.js'));
    chmodSync(join(unbuilt, 'bin', 'pcms.js'), 0o755);

    const sut = run(join(unbuilt, 'bin', 'pcms.js'), ['--help'], { cwd: unbuilt });

    expect(sut.status).toBe(1);
    expect(sut.stdout).toBe('');
    expect(sut.stderr).toMatch(
      /^CLI_NOT_BUILT: .*dist\/apps\/cli\/src\/main\.js is missing\.\n {2}EN: .*\n {2}FR: /,
    );
    expect(sut.stderr).toContain('npm start');
    expect(sut.stderr).toContain('npm run build');
  });
});
