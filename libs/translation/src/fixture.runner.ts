import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MappingParser, type Mapping } from '@pcms/mapping';
import { FormatRegistry } from './format.registry';
import { lineDiff, stableJson } from './line.diff';
import { MappingRegistry } from './mapping.registry';
import { formatIssue } from './mapping.validator';
import { TranslationContext, TranslationResult, Translator } from './translator';

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

/** A fixture's result with what coverage needs: the input bytes and the translation, when it ran. */
export interface FixtureRun extends FixtureResult {
  input?: Buffer;
  translated?: TranslationResult;
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
  return (await runMappingFixtureSet(mappingsDir, formats)).map(
    ({ input: _input, translated: _translated, ...result }) => result,
  );
}

/** {@link runMappingFixtures}, keeping each fixture's input and translation (for coverage). */
export async function runMappingFixtureSet(
  mappingsDir: string,
  formats: FormatRegistry = FormatRegistry.withDefaults(),
): Promise<FixtureRun[]> {
  const registry = new MappingRegistry(new MappingParser(formats.known()));
  const report = await registry.loadDirectory(mappingsDir);
  const results: FixtureRun[] = report.failed.map(({ file, error }) => ({
    mappingId: dirname(file).split(/[\\/]/u).pop() ?? file,
    name: 'mapping.yaml',
    passed: false,
    error: [error.message, ...error.issues.map(formatIssue)].join('\n'),
  }));
  for (const mapping of report.loaded) results.push(...(await runFixturesOf(mapping, formats)));
  return results;
}

/**
 * The fixtures of one mapping, run against that mapping alone: how a changed mapping is proven
 * before it replaces the running one. A mapping without fixtures gives an empty list.
 */
export async function runFixturesOf(
  mapping: Mapping,
  formats: FormatRegistry = FormatRegistry.withDefaults(),
): Promise<FixtureRun[]> {
  const registry = new MappingRegistry();
  registry.register(mapping);
  const translator = new Translator(registry, formats);
  const dir = join(dirname(mapping.file), 'fixtures');
  const files = await readdir(dir).catch(() => [] as string[]);
  const results: FixtureRun[] = [];
  for (const file of files.sort()) {
    const name = INPUT.exec(file)?.[1];
    if (name === undefined) continue;
    results.push(await runFixture({ translator, formats, mapping, dir, files }, name, file));
  }
  return results;
}

interface FixtureSetting {
  translator: Translator;
  formats: FormatRegistry;
  mapping: Mapping;
  dir: string;
  files: string[];
}

async function runFixture(
  { translator, formats, mapping, dir, files }: FixtureSetting,
  name: string,
  inputFile: string,
): Promise<FixtureRun> {
  const result = { mappingId: mapping.id, name };
  const expectedFile = files.find((file) => file.startsWith(`${name}.expected.`));
  if (!expectedFile) return { ...result, passed: false, error: `no ${name}.expected.* beside ${inputFile}` };
  try {
    const context = files.includes(`${name}.context.json`)
      ? (JSON.parse(await readFile(join(dir, `${name}.context.json`), 'utf8')) as TranslationContext)
      : undefined;
    const input = await readFile(join(dir, inputFile));
    const translated = translator.translate({
      from: mapping.source.format,
      to: mapping.target.format,
      mappingId: mapping.id,
      input,
      context,
    });
    const target = formats.get(mapping.target.format);
    const expected = stableJson(target.parse(await readFile(join(dir, expectedFile))));
    const actual = stableJson(target.parse(translated.output));
    const schemaErrors = (await target.checkDocument?.(translated.output)) ?? [];
    const diff = expected === actual ? undefined : lineDiff(expected, actual);
    const error =
      schemaErrors.length > 0 ? `the output fails its schema:\n${schemaErrors.join('\n')}` : undefined;
    return {
      ...result,
      passed: !diff && !error,
      ...(diff ? { diff } : {}),
      ...(error ? { error } : {}),
      input,
      translated,
    };
  } catch (caught: unknown) {
    const message = caught instanceof Error ? caught.message : String(caught);
    const cause = caught instanceof Error && caught.cause instanceof Error ? caught.cause.message : undefined;
    const because = cause === undefined || message.includes(cause) ? '' : `\n  caused by: ${cause}`;
    return { ...result, passed: false, error: `${message}${because}` };
  }
}
