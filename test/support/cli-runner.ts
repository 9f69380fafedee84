// Runs the pcms CLI in-process against a test configuration, as an operator would type it, and
// returns what it printed on stdout and on stderr and the exit code it set. Both streams are part
// of the command's result: a refusal or a usage error a test provokes is asserted, not printed
// among the test results.
import type { LoadedConfig } from '@pcms/config';
import { CliContext } from '../../apps/cli/src/cli.context';
import { buildProgram } from '../../apps/cli/src/cli.program';

export interface CliRun {
  output: string;
  /** What the command wrote on stderr (errors in both languages, commander's usage). */
  errors: string;
  exitCode: number;
}

/** A command that threw (commander's usage errors): the error, with what it wrote on stderr. */
export type CliFailure = Error & { stderr?: string };

export async function runCli(config: LoadedConfig, ...args: string[]): Promise<CliRun> {
  const context = new CliContext(config);
  const output: string[] = [];
  const errors: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array) => {
    into.push(chunk.toString());
    return true;
  };
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(capture(output));
  const writeError = jest.spyOn(process.stderr, 'write').mockImplementation(capture(errors));
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await buildProgram(context).parseAsync(['node', 'pcms', ...args]);
  } catch (error: unknown) {
    if (error instanceof Error) Object.assign(error, { stderr: errors.join('') });
    throw error;
  } finally {
    write.mockRestore();
    writeError.mockRestore();
    await context.close();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { output: output.join(''), errors: errors.join(''), exitCode };
}
