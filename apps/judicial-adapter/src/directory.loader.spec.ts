import type { LoadedConfig } from '@pcms/config';
import { JudicialError } from '@pcms/judicial';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDirectoryAtStart } from './directory.loader';

const ROOT = join(__dirname, '..', '..', '..');
const SHIPPED = join(ROOT, 'config', 'judicial-directory.yaml');

function configWith(directoryFile: string): LoadedConfig {
  return { judicialAdapter: { directoryFile }, paths: { root: ROOT } } as unknown as LoadedConfig;
}

describe(loadDirectoryAtStart.name, () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'judicial-directory-'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('loads the shipped directory, named relative to the project root', async () => {
    const sut = await loadDirectoryAtStart(configWith('config/judicial-directory.yaml'));

    expect(sut.authority('ML-CA')?.state).toBe('ML');
  });

  it('stops the start on a state listed twice, naming file:line:column, the code and what to run', async () => {
    const lines = readFileSync(SHIPPED, 'utf8').split('\n');
    const niger = lines.indexOf('  - id: NE');
    expect(niger).toBeGreaterThan(0);
    lines[niger] = '  - id: ML';
    const file = join(folder, 'directory.yaml');
    writeFileSync(file, lines.join('\n'));

    const failure = await loadDirectoryAtStart(configWith(file)).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(JudicialError);
    const { message } = failure as JudicialError;
    expect(message).toMatch(new RegExp(`${file}:${niger + 1}:\\d+ JUDICIAL_DIRECTORY_DUPLICATE_STATE`));
    expect(message).toContain('pcms directory validate');
    expect(message).toContain('l’adaptateur judiciaire ne démarre pas');
  });

  it('says which file it could not read', async () => {
    const missing = join(folder, 'nowhere.yaml');

    await expect(loadDirectoryAtStart(configWith(missing))).rejects.toMatchObject({
      code: 'JUDICIAL_DIRECTORY_UNREADABLE',
      message: expect.stringContaining(missing),
    });
  });
});
