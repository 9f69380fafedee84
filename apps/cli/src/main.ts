import 'reflect-metadata';
import { CommanderError } from 'commander';
import { buildProgramFor } from './cli.catalogue';
import type { CliContext } from './cli.context';

// `pcms search … | head`: the reader went away, so stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

// Everything heavy (configuration, broker, Nest) is imported when a command needs it, so that
// `pcms --help` prints in a few hundred milliseconds (issue 11, defect 8; `npm run bench`).
async function main(): Promise<void> {
  let context: CliContext | undefined;
  const contextOnce = async (): Promise<CliContext> => {
    context ??= new (await import('./cli.context')).CliContext();
    return context;
  };
  try {
    await (await buildProgramFor(process.argv, contextOnce)).parseAsync(process.argv);
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    const { explainError } = await import('@pcms/runtime/process');
    process.stderr.write(`${explainError(error)}\n`);
    process.exitCode = 1;
  } finally {
    await context?.close();
  }
}

void main();
