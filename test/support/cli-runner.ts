// Runs the pcms CLI in-process against a test configuration, as an operator would type it, and
// returns what it printed and the exit code it set.
import type { LoadedConfig } from '@pcms/config';
import { CliContext } from '../../apps/cli/src/cli.context';
import { buildProgram } from '../../apps/cli/src/cli.program';

export async function runCli(
  config: LoadedConfig,
  ...args: string[]
): Promise<{ output: string; exitCode: number }> {
  const context = new CliContext(config);
  const output: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(chunk.toString());
    return true;
  });
  const before = process.exitCode;
  process.exitCode = 0;
  try {
    await buildProgram(context).parseAsync(['node', 'pcms', ...args]);
  } finally {
    write.mockRestore();
    await context.close();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { output: output.join(''), exitCode };
}
