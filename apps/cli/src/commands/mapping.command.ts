import type { Command } from 'commander';
import { runMappingFixtures } from '@pcms/translation';
import { say, type CliContext } from '../cli.context';

export function registerMappingCommands(program: Command, context: CliContext): void {
  const mapping = program
    .command('mapping')
    .description('mappings between formats / correspondances entre formats');

  mapping
    .command('test')
    .description(
      'run every fixture of every mapping; exit 1 on any failure\n' +
        'exécute chaque jeu d’essai de chaque correspondance ; code 1 en cas d’échec',
    )
    .option('--mapping <id>', 'only this mapping / seulement cette correspondance')
    .action(async (options: { mapping?: string }) => {
      const results = (await runMappingFixtures(context.config.paths.mappings)).filter(
        (result) => !options.mapping || result.mappingId === options.mapping,
      );
      for (const result of results) {
        process.stdout.write(`${result.passed ? '✓' : '✗'} ${result.mappingId} › ${result.name}\n`);
        if (result.error) process.stdout.write(`    ${result.error}\n`);
        if (result.diff) process.stdout.write(`${result.diff.replace(/^/gm, '    ')}\n`);
      }
      const failed = results.filter((result) => !result.passed).length;
      if (results.length === 0) {
        say('No fixture found.', 'Aucun jeu d’essai trouvé.');
        process.exitCode = 1;
        return;
      }
      say(
        `${results.length - failed} passed, ${failed} failed`,
        `${results.length - failed} réussis, ${failed} en échec`,
      );
      if (failed > 0) process.exitCode = 1;
    });
}
