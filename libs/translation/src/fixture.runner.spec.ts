import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runMappingFixtures } from './fixture.runner';

const MAPPINGS = resolve(__dirname, '..', '..', '..', 'mappings');
// Each run goes through every fixture of every mapping, and each notice output through the XSD
// (libxml2 in WebAssembly, tens of ms a call): seconds, not the default 5.
jest.setTimeout(60_000);

describe(runMappingFixtures.name, () => {
  it('passes every fixture under mappings/, each shown with its diff when it does not', async () => {
    const results = await runMappingFixtures(MAPPINGS);
    const failures = results
      .filter((result) => !result.passed)
      .map((result) => `${result.mappingId}/${result.name}\n${result.error ?? ''}\n${result.diff ?? ''}`);
    expect(failures.join('\n\n')).toBe('');
    // Every mapping folder ran, each with at least three fixtures (full, partial, awkward data).
    const folders = (await readdir(MAPPINGS, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(new Set(results.map((result) => result.mappingId))).toEqual(new Set(folders));
    const fixtureCount = (folder: string) => results.filter((result) => result.mappingId === folder).length;
    expect(folders.filter((folder) => fixtureCount(folder) < 3)).toEqual([]);
  });

  describe('on a copy of the mappings', () => {
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'fixtures-'));
      await cp(MAPPINGS, dir, { recursive: true });
    });

    it('fails a fixture whose expected output differs, with a readable diff', async () => {
      const file = join(dir, 'person-wanted-to-red', 'fixtures', 'missing-optional-fields.expected.xml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('ISSOUFOU', 'ISSOUFOU-MAHAMADOU'));
      const results = await runMappingFixtures(dir);
      const failed = results.filter((result) => !result.passed);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ mappingId: 'person-wanted-to-red', name: 'missing-optional-fields' });
      expect(failed[0].diff).toMatch(/^- +"surname": "ISSOUFOU-MAHAMADOU"\n\+ +"surname": "ISSOUFOU"$/mu);
    });

    it('reports a mapping that does not load as a failed fixture with every issue', async () => {
      const file = join(dir, 'red-to-person-wanted', 'mapping.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('each: [lower]', 'each: [lowercase]'));
      const results = await runMappingFixtures(dir);
      const failed = results.filter((result) => !result.passed);
      expect(failed).toEqual([
        expect.objectContaining({ mappingId: 'red-to-person-wanted', name: 'mapping.yaml', passed: false }),
      ]);
      expect(failed[0].error).toMatch(/mapping\.yaml:\d+:\d+ MAPPING_TRANSFORM_UNKNOWN/u);
    });

    it('fails a fixture without an expected file and one whose translation fails', async () => {
      const fixtures = join(dir, 'red-to-person-wanted', 'fixtures');
      const input = await readFile(join(fixtures, 'red-birth-country-tchad.input.xml'), 'utf8');
      await writeFile(join(fixtures, 'lonely.input.xml'), input);
      await writeFile(join(fixtures, 'unknown-country.input.xml'), input.replace('>Tchad<', '>Atlantis<'));
      for (const suffix of ['expected.json', 'context.json']) {
        await cp(
          join(fixtures, `red-birth-country-tchad.${suffix}`),
          join(fixtures, `unknown-country.${suffix}`),
        );
      }
      const failed = (await runMappingFixtures(dir)).filter((result) => !result.passed);
      expect(failed.map((result) => result.name).sort()).toEqual(['lonely', 'unknown-country']);
      expect(failed.find((result) => result.name === 'lonely')?.error).toContain('no lonely.expected.*');
      expect(failed.find((result) => result.name === 'unknown-country')?.error).toContain(
        'MAPPING_TRANSFORM_FAILED',
      );
    });
  });
});
