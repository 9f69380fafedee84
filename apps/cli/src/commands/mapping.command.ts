import type { Command } from 'commander';
import { resolve } from 'node:path';
import {
  formatIssue,
  mappingCoverage,
  mappingFilesIn,
  runMappingFixtures,
  validateMappingFiles,
  type CoverageReport,
} from '@pcms/translation';
import { say, type CliContext } from '../cli.context';

const JSON_OPTION = ['--json', 'machine-readable output / sortie JSON'] as const;

/** `mapping validate|test|coverage`: what an integrator runs before a mapping goes live. */
export function registerMappingCommands(program: Command, context: CliContext): void {
  const mapping = program
    .command('mapping')
    .description('mappings between formats / correspondances entre formats');

  mapping
    .command('validate')
    .description(
      'check mapping files (default: every mapping): each error with file:line:column and a suggestion; exit 1 on any error\n' +
        'vérifie les fichiers de correspondance (par défaut : tous) : chaque erreur avec fichier:ligne:colonne et une suggestion ; code 1 en cas d’erreur',
    )
    .argument('[files...]', 'mapping.yaml files / fichiers mapping.yaml')
    .option(...JSON_OPTION)
    .action(async (files: string[], options: { json?: boolean }) => {
      const targets =
        files.length > 0
          ? files.map((file) => resolve(file))
          : await mappingFilesIn(context.config.paths.mappings);
      const reports = await validateMappingFiles(targets);
      const invalid = reports.filter((report) => report.issues.length > 0);
      if (invalid.length > 0 || reports.length === 0) process.exitCode = 1;
      if (options.json) return print({ valid: invalid.length === 0 && reports.length > 0, files: reports });
      for (const report of reports) {
        const mark = report.issues.length === 0 ? '✓' : '✗';
        process.stdout.write(
          `${mark} ${report.file}${report.mappingId ? ` (${report.mappingId}@${report.version ?? '?'})` : ''}\n`,
        );
        for (const issue of report.issues) process.stdout.write(`    ${formatIssue(issue)}\n`);
      }
      const issues = invalid.reduce((sum, report) => sum + report.issues.length, 0);
      say(
        `${reports.length} files, ${invalid.length} invalid, ${issues} errors`,
        `${reports.length} fichiers, ${invalid.length} invalides, ${issues} erreurs`,
      );
    });

  mapping
    .command('test')
    .description(
      'run every fixture of every mapping (or of one); a line diff on failure; exit 1 on any failure\n' +
        'exécute chaque jeu d’essai de chaque correspondance (ou d’une seule) ; un diff par ligne en cas d’échec ; code 1 en cas d’échec',
    )
    .option('--mapping <id>', 'only this mapping / seulement cette correspondance')
    .option(...JSON_OPTION)
    .action(async (options: { mapping?: string; json?: boolean }) => {
      const results = (await runMappingFixtures(context.config.paths.mappings)).filter(
        (result) => !options.mapping || result.mappingId === options.mapping,
      );
      const failed = results.filter((result) => !result.passed).length;
      if (failed > 0 || results.length === 0) process.exitCode = 1;
      if (options.json) return print({ passed: results.length - failed, failed, results });
      for (const result of results) {
        process.stdout.write(`${result.passed ? '✓' : '✗'} ${result.mappingId} › ${result.name}\n`);
        if (result.error) process.stdout.write(`${indent(result.error)}\n`);
        if (result.diff)
          process.stdout.write(`    --- expected / attendu, +++ actual / obtenu\n${indent(result.diff)}\n`);
      }
      if (results.length === 0) {
        say('No fixture found.', 'Aucun jeu d’essai trouvé.');
        return;
      }
      say(
        `${results.length - failed} passed, ${failed} failed`,
        `${results.length - failed} réussis, ${failed} en échec`,
      );
    });

  mapping
    .command('coverage')
    .description(
      'for each mapping, the target fields its fixtures fill and those never filled; then every field of the notice XSD and of each PCMS payload, and whether a fixture carries it (exit 0)\n' +
        'pour chaque correspondance, les champs cibles remplis par ses jeux d’essai et ceux jamais remplis ; puis chaque champ du XSD des notices et de chaque charge utile PCMS, et si un jeu d’essai le porte (code 0)',
    )
    .option(...JSON_OPTION)
    .action(async (options: { json?: boolean }) => {
      const report = await mappingCoverage(context.config.paths.mappings);
      if (options.json) return print(report);
      printCoverage(report);
    });
}

function printCoverage(report: CoverageReport): void {
  say('Mappings (fields filled / declared):', 'Correspondances (champs remplis / déclarés) :');
  for (const mapping of report.mappings) {
    const declared = mapping.filled.length + mapping.never.length;
    const failing = mapping.failedFixtures > 0 ? `, ${mapping.failedFixtures} failing / en échec` : '';
    process.stdout.write(
      `  ${mapping.mappingId}@${mapping.version}: ${mapping.filled.length}/${declared} (${mapping.fixtures} fixtures${failing})\n`,
    );
    for (const path of mapping.never) process.stdout.write(`      never / jamais: ${path}\n`);
  }
  say('Schemas (fields carried by some fixture):', 'Schémas (champs portés par un jeu d’essai) :');
  for (const schema of report.schemas) {
    const name = schema.type ? `${schema.format} ${schema.type}` : `${schema.format} (XSD)`;
    process.stdout.write(
      `  ${name}: ${schema.fields.length - schema.missing.length}/${schema.fields.length}\n`,
    );
    for (const path of schema.missing) process.stdout.write(`      missing / absent: ${path}\n`);
  }
  const missing = report.schemas.reduce((sum, schema) => sum + schema.missing.length, 0);
  const never = report.mappings.reduce((sum, mapping) => sum + mapping.never.length, 0);
  say(
    `${never} mapping targets never filled, ${missing} schema fields in no fixture`,
    `${never} cibles de correspondance jamais remplies, ${missing} champs de schéma dans aucun jeu d’essai`,
  );
}

function indent(text: string): string {
  return text.replace(/^/gmu, '    ');
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
