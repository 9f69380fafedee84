// `pcms directory` as a focal point types it: the shipped directory, a broken copy, --json on each.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { PROJECT_ROOT } from '../support/gateway.harness';

describe('pcms directory', () => {
  let dir: string;
  let config: LoadedConfig;
  const cli = (...args: string[]) => runCli(config, ...args);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcms-directory-cli-'));
    config = loadConfig({ rootDir: PROJECT_ROOT, env: {}, overrides: { logLevel: 'silent' } });
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('validate: the shipped directory is valid, in English and French', async () => {
    const { output, exitCode } = await cli('directory', 'validate');
    expect(exitCode).toBe(0);
    expect(output).toMatch(/✓ .*judicial-directory\.yaml: 17 states, 46 authorities, 2 treaties/);
    expect(output).toContain('17 États, 46 autorités, 2 traités');
  });

  it('validate: a duplicate state and an unknown role are named with file:line:column and code; exit 1', async () => {
    const shipped = await readFile(join(PROJECT_ROOT, 'config', 'judicial-directory.yaml'), 'utf8');
    const broken = join(dir, 'broken.yaml');
    await writeFile(
      broken,
      shipped
        .replace('  - id: GH\n', '  - id: GM\n')
        .replace('roles: [wacap-focal-point]', 'roles: [wacap-contact]'),
    );

    const text = await cli('directory', 'validate', broken);
    const json = await cli('directory', 'validate', broken, '--json');

    expect(text.exitCode).toBe(1);
    expect(text.output).toMatch(
      new RegExp(`${broken}:\\d+:9 JUDICIAL_DIRECTORY_DUPLICATE_STATE states\\[5\\]\\.id`),
    );
    expect(text.output).toContain('l’État GM figure deux fois');
    expect(json.exitCode).toBe(1);
    const report = JSON.parse(json.output) as { valid: boolean; issues: { code: string; line: number }[] };
    expect(report.valid).toBe(false);
    expect(report.issues.map((issue) => issue.code)).toEqual(
      expect.arrayContaining(['JUDICIAL_DIRECTORY_DUPLICATE_STATE', 'JUDICIAL_DIRECTORY_UNKNOWN_ROLE']),
    );
    expect(report.issues.every((issue) => issue.line > 0)).toBe(true);
  });

  it('list: the Sahel platform focal points today, as lines and as JSON', async () => {
    const { output, exitCode } = await cli('directory', 'list', '--role', 'platform-focal-point');
    expect(exitCode).toBe(0);
    expect(output).toMatch(/ML-PCJS-FP\s+ML 24\/7 platform-focal-point/);
    expect(output).toContain('6 autorités sur 46');

    const json = JSON.parse(
      (await cli('directory', 'list', '--network', 'ecowas', '--role', 'mla-central-authority', '--json'))
        .output,
    ) as {
      authorities: { state: string }[];
    };
    // Burkina Faso, Mali and Niger left ECOWAS on 29 January 2025.
    expect(json.authorities.map((authority) => authority.state)).not.toEqual(expect.arrayContaining(['ML']));
    expect(json.authorities).toHaveLength(12);
  });

  it('show: a state with its networks over time, an authority with its contacts, an unknown id exits 1', async () => {
    const state = await cli('directory', 'show', 'ml');
    expect(state.output).toMatch(/ecowas\s+1975-05-28 → 2025-01-29/);
    expect(state.output).toContain('ML-CA');

    const authority = JSON.parse((await cli('directory', 'show', 'SN-CA', '--json')).output) as {
      authority: { roles: string[]; contacts: { value: string }[] };
    };
    expect(authority.authority.roles).toContain('extradition-central-authority');
    expect(authority.authority.contacts[0].value).toBe('central-authority.sn@example.org');

    const unknown = await cli('directory', 'show', 'XX-CA', '--json');
    expect(unknown.exitCode).toBe(1);
    expect(JSON.parse(unknown.output)).toEqual({ id: 'XX-CA', found: false });
  });
});
