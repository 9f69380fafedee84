import 'reflect-metadata';
import { CommanderError } from 'commander';
import { CliContext } from './cli.context';
import { buildProgram } from './cli.program';
import { explainError } from '@pcms/runtime';

// `npm run cli -- search … | head`: the reader went away, so stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

async function main(): Promise<void> {
  const context = new CliContext();
  try {
    await buildProgram(context).parseAsync(process.argv);
  } catch (error: unknown) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`${explainError(error)}\n`);
    process.exitCode = 1;
  } finally {
    await context.close();
  }
}

void main();
