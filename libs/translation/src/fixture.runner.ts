import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FormatRegistry } from './format.registry';
import { lineDiff, stableJson } from './line.diff';
import { MappingRegistry } from './mapping.registry';
import { TranslationContext, Translator } from './translator';

export interface FixtureResult {
  mappingId: string;
  /** The fixture name (`<name>.input.<ext>`), or `mapping.yaml` when the mapping itself did not load. */
  name: string;
  passed: boolean;
  /** Expected (-) against actual (+), as sorted pretty JSON of both parsed documents. */
  diff?: string;
  /** Why the fixture failed when there is nothing to diff: a translation or schema error. */
  error?: string;
}

const INPUT = /^(.+)\.input\.[a-z]+$/u;

/**
 * Runs every `<mapping>/fixtures/<name>.input.*` through its own mapping and compares the result
 * with `<name>.expected.*`, both parsed by the target format's codec, then checks the output
 * against the format's schema (the XSD for notices). `<name>.context.json` is the `$context`.
 */
export async function runMappingFixtures(
  mappingsDir: string,
  formats: FormatRegistry = FormatRegistry.withDefaults(),
): Promise<FixtureResult[]> {
  const registry = new MappingRegistry();
  const report = await registry.loadDirectory(mappingsDir);
  const results: FixtureResult[] = report.failed.map(({ file, error }) => ({
    mappingId: dirname(file).split(/[\\/]/u).pop() ?? file,
    name: 'mapping.yaml',
    passed: false,
    error: [
      error.message,
      ...error.issues.map(
        (issue) => `${issue.file}:${issue.line}:${issue.column} ${issue.code}: ${issue.reason}`,
      ),
    ].join('\n'),
  }));
  const translator = new Translator(registry, formats);
  for (const mapping of report.loaded) {
    const dir = join(dirname(mapping.file), 'fixtures');
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const file of files.sort()) {
      const name = INPUT.exec(file)?.[1];
      if (name === undefined) continue;
      results.push(await runFixture(translator, formats, mapping.id, dir, name, file, files));
    }
  }
  return results;
}

async function runFixture(
  translator: Translator,
  formats: FormatRegistry,
  mappingId: string,
  dir: string,
  name: string,
  inputFile: string,
  files: string[],
): Promise<FixtureResult> {
  const result = { mappingId, name };
  const expectedFile = files.find((file) => file.startsWith(`${name}.expected.`));
  if (!expectedFile) return { ...result, passed: false, error: `no ${name}.expected.* beside ${inputFile}` };
  try {
    const mapping = translator.mappingById(mappingId);
    const context = files.includes(`${name}.context.json`)
      ? (JSON.parse(await readFile(join(dir, `${name}.context.json`), 'utf8')) as TranslationContext)
      : undefined;
    const translated = translator.translate({
      from: mapping.source.format,
      to: mapping.target.format,
      mappingId,
      input: await readFile(join(dir, inputFile)),
      context,
    });
    const target = formats.get(mapping.target.format);
    const expected = stableJson(target.parse(await readFile(join(dir, expectedFile))));
    const actual = stableJson(target.parse(translated.output));
    const schemaErrors = (await target.checkDocument?.(translated.output)) ?? [];
    const diff = expected === actual ? undefined : lineDiff(expected, actual);
    const error =
      schemaErrors.length > 0 ? `the output fails its schema:\n${schemaErrors.join('\n')}` : undefined;
    return { ...result, passed: !diff && !error, ...(diff ? { diff } : {}), ...(error ? { error } : {}) };
  } catch (caught: unknown) {
    const message = caught instanceof Error ? caught.message : String(caught);
    const cause = caught instanceof Error && caught.cause instanceof Error ? caught.cause.message : undefined;
    const because = cause === undefined || message.includes(cause) ? '' : `\n  caused by: ${cause}`;
    return { ...result, passed: false, error: `${message}${because}` };
  }
}
