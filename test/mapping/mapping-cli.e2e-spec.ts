// The integrator's toolchain as typed at the prompt: validate, test, translate, coverage, each on
// a copy of the shipped mappings that the spec breaks on purpose.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliContext } from '../../apps/cli/src/cli.context';
import { buildProgram } from '../../apps/cli/src/cli.program';
import { runCli } from '../support/cli-runner';
import { PROJECT_ROOT } from '../support/gateway.harness';

jest.setTimeout(120_000);

const RED = 'person-wanted-to-red';
const BACK = 'red-to-person-wanted';

describe('pcms mapping and translate', () => {
  let dir: string;
  let config: LoadedConfig;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcms-mapping-cli-'));
    // The two RED mappings are enough to prove the commands, and keep the suite fast.
    for (const id of [RED, BACK])
      await cp(join(PROJECT_ROOT, 'mappings', id), join(dir, id), { recursive: true });
    config = loadConfig({
      rootDir: PROJECT_ROOT,
      env: {},
      overrides: { logLevel: 'silent', mappingsDir: dir },
    });
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(config, ...args);
  /** One fixture per expected output file, as the runner counts them. */
  const fixtureCount = async (...ids: string[]): Promise<number> => {
    const names = await Promise.all(ids.map((id) => readdir(join(dir, id, 'fixtures'))));
    return names.flat().filter((name) => /\.expected\.(json|xml)$/u.test(name)).length;
  };
  const edit = async (id: string, change: (text: string) => string): Promise<() => Promise<void>> => {
    const file = join(dir, id, 'mapping.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(file, change(original));
    return () => writeFile(file, original);
  };

  describe('mapping validate', () => {
    it('passes the shipped mappings', async () => {
      const { output, exitCode } = await cli('mapping', 'validate');
      expect(exitCode).toBe(0);
      expect(output).toContain('2 files, 0 invalid, 0 errors');
      expect(output).toContain('fichiers');
    });

    it('names file, line, column and the nearest key, transform and format of every error; exit 1', async () => {
      const restore = await edit(RED, (text) =>
        text
          .replace('source: { format: pcms-envelope,', 'source: { format: pcms-envelop,')
          .replace(
            '{ from: payload.subject.sex, to: subject.sex }',
            '{ from: payload.subject.sex, tp: subject.sex }',
          )
          .replace('transform: [trim] }', 'transform: [trimm] }'),
      );
      try {
        const file = join(dir, RED, 'mapping.yaml');
        const { output, exitCode } = await cli('mapping', 'validate', file, '--json');
        expect(exitCode).toBe(1);
        const report = JSON.parse(output) as {
          valid: boolean;
          files: { issues: { code: string; line: number; column: number; suggestion?: string }[] }[];
        };
        expect(report.valid).toBe(false);
        const issues = report.files[0].issues;
        expect(issues).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              code: 'MAPPING_FORMAT_UNKNOWN',
              suggestion: 'did you mean "pcms-envelope"?',
            }),
            expect.objectContaining({ code: 'MAPPING_RULE_INVALID', suggestion: 'did you mean "to"?' }),
            expect.objectContaining({
              code: 'MAPPING_TRANSFORM_UNKNOWN',
              suggestion: 'did you mean "trim"?',
            }),
          ]),
        );
        expect(issues.every((issue) => issue.line > 1 && issue.column > 0)).toBe(true);
        const text = (await cli('mapping', 'validate', file)).output;
        expect(text).toMatch(
          new RegExp(
            `${RED}/mapping\\.yaml:\\d+:\\d+ MAPPING_TRANSFORM_UNKNOWN: .*\\(did you mean "trim"\\?\\)`,
            'u',
          ),
        );
      } finally {
        await restore();
      }
    });
  });

  describe('mapping test', () => {
    it('runs every fixture and ends with a summary line', async () => {
      const { output, exitCode } = await cli('mapping', 'test');
      expect(exitCode).toBe(0);
      const fixtures = await fixtureCount(RED, BACK);
      expect(output).toMatch(new RegExp(`^${fixtures} passed, 0 failed$`, 'mu'));
      expect(output).toContain(`${fixtures} réussis, 0 en échec`);
    });

    it('shows a readable line diff and exits 1 when a fixture fails; --mapping runs one mapping', async () => {
      const restore = await edit(RED, (text) =>
        text.replace(
          '{ from: payload.subject.givenNames, to: subject.givenName, transform: [trim] }',
          '{ from: payload.subject.givenNames, to: subject.givenName, transform: [trim, upper] }',
        ),
      );
      try {
        const { output, exitCode } = await cli('mapping', 'test', '--mapping', RED);
        expect(exitCode).toBe(1);
        expect(output).toMatch(/^✗ person-wanted-to-red › /mu);
        expect(output).toMatch(/^ +- +"givenName": "[^"]*[a-z][^"]*",?$/mu);
        expect(output).toMatch(/^ +\+ +"givenName": "[^a-z"]+",?$/mu);
        expect(output).not.toContain(BACK);
        const json = JSON.parse((await cli('mapping', 'test', '--mapping', RED, '--json')).output) as {
          failed: number;
        };
        expect(json.failed).toBeGreaterThan(0);
      } finally {
        await restore();
      }
    });
  });

  describe('translate', () => {
    it('prints the notice and which rule filled which field', async () => {
      const input = join(dir, RED, 'fixtures', 'mali-national-wanted-by-mali-and-niger.input.json');
      const { output, exitCode } = await cli(
        'translate',
        '--from',
        'pcms-envelope',
        '--to',
        'i247-notice',
        input,
      );
      expect(exitCode).toBe(0);
      expect(output).toContain(`Translated with ${RED}@1.0.0 (dry run)`);
      expect(output).toContain('<PersonBirthDate>1984/03/17</PersonBirthDate>');
      expect(output).toMatch(
        new RegExp(
          `^ +subject\\.surname +\\S*${RED}/mapping\\.yaml:\\d+ +← payload\\.subject\\.familyName$`,
          'mu',
        ),
      );
      expect(output).toMatch(/^ +noticeType +\S+ +\(constant \/ constante\)$/mu);
    });

    it('reads the fixture context beside an inbound notice and traces list elements in --json', async () => {
      const input = join(dir, BACK, 'fixtures', 'red-birth-country-tchad.input.xml');
      const { output, exitCode } = await cli(
        'translate',
        '--from',
        'i247-notice',
        '--to',
        'pcms-envelope',
        input,
        '--json',
      );
      expect(exitCode).toBe(0);
      const result = JSON.parse(output) as {
        mapping: { id: string };
        output: string;
        trace: { to: string; from?: string; rule: string }[];
      };
      expect(result.mapping.id).toBe(BACK);
      const context = JSON.parse(await readFile(input.replace('.input.xml', '.context.json'), 'utf8')) as {
        messageId: string;
      };
      expect(JSON.parse(result.output)).toMatchObject({
        id: context.messageId,
        payload: { subject: { birthPlace: { country: 'TD' } } },
      });
      expect(result.trace).toContainEqual(
        expect.objectContaining({
          from: 'arrestWarrants[0].charge',
          to: expect.stringMatching(/^payload\.warrants\[0\]\./u) as string,
        }),
      );
    });

    it('refuses clearly an unknown format or an invalid input, exit 1', async () => {
      const input = join(dir, RED, 'fixtures', 'mali-national-wanted-by-mali-and-niger.input.json');
      const unknown = await cli('translate', '--from', 'pcms-envelope', '--to', 'telex', input);
      expect(unknown.exitCode).toBe(1);
      expect(unknown.output).toContain('Translation refused: TRANSLATION_FORMAT_UNKNOWN');
      expect(unknown.output).toContain('Traduction refusée');
      const missing = await cli(
        'translate',
        '--from',
        'pcms-envelope',
        '--to',
        'i247-notice',
        join(dir, 'nope.json'),
      );
      expect(missing.exitCode).toBe(1);
      expect(missing.output).toContain('FILE_UNREADABLE');
    });
  });

  describe('mapping coverage', () => {
    it('lists per mapping the targets never filled, and every XSD and PCMS field with whether a fixture carries it', async () => {
      const { output, exitCode } = await cli('mapping', 'coverage', '--json');
      expect(exitCode).toBe(0);
      const report = JSON.parse(output) as {
        mappings: { mappingId: string; filled: string[]; never: string[] }[];
        schemas: {
          format: string;
          type?: string;
          fields: { path: string; seenIn: string[] }[];
          missing: string[];
        }[];
      };
      const red = report.mappings.find((mapping) => mapping.mappingId === RED);
      expect(red?.filled).toEqual(expect.arrayContaining(['subject.surname', 'arrestWarrants.charge']));
      const xsd = report.schemas.find((schema) => schema.format === 'i247-notice');
      expect(xsd?.fields).toContainEqual({
        path: 'Notice/Subject/PersonName/PersonSurName',
        seenIn: ['input', 'output'],
      });
      // Only RED fixtures were copied: the other types' details blocks are honestly reported missing.
      expect(xsd?.missing).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Notice\/YellowNoticeDetails\//u)]),
      );
      const wanted = report.schemas.find((schema) => schema.type === 'person.wanted');
      expect(wanted?.fields).toContainEqual({
        path: 'payload.warrants[].charge',
        seenIn: ['input', 'output'],
      });
      const text = (await cli('mapping', 'coverage')).output;
      expect(text).toMatch(new RegExp(`^  ${RED}@1\\.0\\.0: \\d+/\\d+ \\(4 fixtures\\)$`, 'mu'));
      expect(text).toContain('missing / absent: Notice/YellowNoticeDetails/');
    });
  });

  it('has help in English and French and --json on every command', () => {
    const program = buildProgram(new CliContext(config));
    const mapping = program.commands.find((command) => command.name() === 'mapping');
    const commands = [
      ...(mapping?.commands ?? []),
      ...program.commands.filter((command) => command.name() === 'translate'),
    ];
    expect(commands.map((command) => command.name()).sort()).toEqual([
      'coverage',
      'test',
      'translate',
      'validate',
    ]);
    for (const command of commands) {
      const help = command.helpInformation();
      expect(help).toContain('--json');
      expect(help).toMatch(/exit|dry run/u);
      expect(help).toMatch(/code|essai à blanc/u);
    }
  });
});
