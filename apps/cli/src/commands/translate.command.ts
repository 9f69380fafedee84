import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  FormatRegistry,
  MappingRegistry,
  TranslationError,
  Translator,
  type TranslationContext,
} from '@pcms/translation';
import { MappingParser } from '@pcms/mapping';
import { say, type CliContext } from '../cli.context';

interface TranslateOptions {
  from: string;
  to: string;
  mapping?: string;
  context?: string;
  json?: boolean;
}

/** `translate`: a dry run of any message through the mappings on disk, with each field's rule. */
export function registerTranslateCommand(program: Command, context: CliContext): void {
  program
    .command('translate')
    .description(
      'dry run: translate a file with the mappings on disk, print the result and which rule (file:line) filled which field; nothing is sent\n' +
        'essai à blanc : traduit un fichier avec les correspondances du disque, affiche le résultat et quelle règle (fichier:ligne) a rempli quel champ ; rien n’est envoyé',
    )
    .argument('<file>', 'the message or notice / le message ou la notice')
    .requiredOption('--from <format>', 'source format, e.g. i247-notice / format source')
    .requiredOption('--to <format>', 'target format, e.g. pcms-envelope / format cible')
    .option('--mapping <id>', 'use this mapping / utiliser cette correspondance')
    .option(
      '--context <file>',
      'JSON of $context (messageId, createdAt, sender, recipients); default: <name>.context.json beside the file, else a new id, now and INTERPOL\n' +
        'JSON du $context ; par défaut : <nom>.context.json à côté du fichier, sinon un nouvel id, maintenant et INTERPOL',
    )
    .option('--json', 'machine-readable output / sortie JSON')
    .action(async (file: string, options: TranslateOptions) => {
      try {
        await dryRun(context, file, options);
      } catch (error: unknown) {
        if (!(error instanceof TranslationError) && !isFileError(error)) throw error;
        process.exitCode = 1;
        const code = error instanceof TranslationError ? error.code : 'FILE_UNREADABLE';
        const issues = error instanceof TranslationError ? error.issues : [];
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ error: { code, reason: error.message, issues } }, null, 2)}\n`,
          );
          return;
        }
        say(
          `Translation refused: ${code}: ${error.message}`,
          `Traduction refusée : ${code} : ${error.message}`,
        );
        for (const issue of issues) process.stdout.write(`  ${issue.path}: ${issue.reason}\n`);
      }
    });
}

async function dryRun(context: CliContext, file: string, options: TranslateOptions): Promise<void> {
  const registry = new MappingRegistry(new MappingParser(FormatRegistry.withDefaults().known()));
  await registry.loadDirectory(context.config.paths.mappings);
  const result = new Translator(registry).translate({
    from: options.from,
    to: options.to,
    ...(options.mapping ? { mappingId: options.mapping } : {}),
    input: await readFile(file),
    context: await contextFor(file, options.context),
  });
  if (options.json) {
    const output = result.output.toString('utf8');
    process.stdout.write(
      `${JSON.stringify({ mapping: result.mapping, output, trace: result.trace }, null, 2)}\n`,
    );
    return;
  }
  say(
    `Translated with ${result.mapping.id}@${result.mapping.version} (dry run):`,
    `Traduit avec ${result.mapping.id}@${result.mapping.version} (essai à blanc) :`,
  );
  process.stdout.write(`${result.output.toString('utf8')}\n`);
  say('Which rule filled which field:', 'Quelle règle a rempli quel champ :');
  for (const entry of result.trace) {
    const source = entry.from === undefined ? '(constant / constante)' : `← ${entry.from}`;
    process.stdout.write(`  ${entry.to.padEnd(44)} ${entry.rule.padEnd(50)} ${source}\n`);
  }
}

/** A failed read of the input or context file (checked by shape: fs errors may come from another realm). */
function isFileError(error: unknown): error is Error & { code: string } {
  return (
    typeof error === 'object' && error !== null && 'syscall' in error && 'code' in error && 'message' in error
  );
}

/** The fixture convention first, so that a fixture input translates exactly as `mapping test` does. */
async function contextFor(file: string, explicit?: string): Promise<TranslationContext> {
  const beside = join(dirname(file), `${basename(file).replace(/\.input\.[a-z]+$/u, '')}.context.json`);
  const source = explicit ?? (existsSync(beside) ? beside : undefined);
  if (source) return JSON.parse(await readFile(source, 'utf8')) as TranslationContext;
  return { messageId: randomUUID(), createdAt: new Date().toISOString(), sender: 'INTERPOL' };
}
