// Fixtures sorted by outcome: each file of not-ok/ says in its first line the code, the path and
// the line:column its mistake must be reported at.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JudicialError, JudicialErrorCode } from '../judicial.error';
import {
  loadJudicialDirectory,
  parseJudicialDirectory as sut,
  readJudicialDirectory,
} from './directory.reader';

const FIXTURES = join(__dirname, '../../fixtures/directory');
const filesIn = (folder: string): string[] =>
  readdirSync(join(FIXTURES, folder)).filter((f) => f.endsWith('.yaml'));
const read = (folder: string, file: string): string => readFileSync(join(FIXTURES, folder, file), 'utf8');

function expectationOf(text: string): { code: string; path: string; line: number; column: number } {
  const match = /^# expect: (\S+) (\S+) @(\d+):(\d+)/.exec(text);
  if (match === null) throw new Error('the first line must be "# expect: CODE path @line:column"');
  return {
    code: match[1],
    path: match[2] === '-' ? '' : match[2],
    line: Number(match[3]),
    column: Number(match[4]),
  };
}

describe('parseJudicialDirectory', () => {
  it.each(filesIn('ok'))('reads ok/%s without an issue', (file) => {
    const report = sut(read('ok', file), file);
    expect(report.issues).toEqual([]);
    expect(report.directory?.stateOf('ML-CA')).toBe('ML');
  });

  it.each(filesIn('not-ok'))('refuses not-ok/%s with its code, at its line and column', (file) => {
    const text = read('not-ok', file);
    const { code, path, line, column } = expectationOf(text);

    const report = sut(text, file);

    expect(report.directory).toBeUndefined();
    expect(report.issues).toContainEqual(
      expect.objectContaining({
        code,
        path,
        file,
        line,
        column,
        reason: expect.any(String),
        raison: expect.any(String),
      }),
    );
  });

  it('has a not-ok fixture for every directory code', () => {
    const covered = new Set(filesIn('not-ok').map((file) => expectationOf(read('not-ok', file)).code));
    const directoryCodes = Object.values(JudicialErrorCode).filter((code) =>
      code.startsWith('JUDICIAL_DIRECTORY_'),
    );
    expect(directoryCodes.filter((code) => !covered.has(code))).toEqual([]);
  });

  it('refuses a list where the top level should be a mapping', () => {
    expect(sut('- version: 1\n', 'list.yaml').issues).toEqual([
      expect.objectContaining({ code: JudicialErrorCode.DirectoryUnreadable, line: 1, column: 1 }),
    ]);
  });
});

describe('loadJudicialDirectory', () => {
  let folder: string;
  beforeAll(() => (folder = mkdtempSync(join(tmpdir(), 'pcms-judicial-'))));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('reports a missing file as unreadable, and throws every issue at a process that needs it', async () => {
    const missing = join(folder, 'none.yaml');
    expect((await readJudicialDirectory(missing)).issues).toEqual([
      expect.objectContaining({ code: JudicialErrorCode.DirectoryUnreadable, file: missing }),
    ]);
    await expect(loadJudicialDirectory(missing)).rejects.toBeInstanceOf(JudicialError);
    await expect(loadJudicialDirectory(join(FIXTURES, 'not-ok', 'unknown-role.yaml'))).rejects.toMatchObject({
      code: JudicialErrorCode.DirectoryUnknownRole,
      issues: [expect.objectContaining({ line: 23 })],
    });
  });
});
