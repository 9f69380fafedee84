// Every command an operator can type has --help text and a --json output (issue 6, "each with
// --help and a JSON output option"). The tree is walked, not listed: a command added later is
// checked too.
import type { Command } from 'commander';
import { CliContext } from '../../apps/cli/src/cli.context';
import { buildProgram } from '../../apps/cli/src/cli.program';

function leaves(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  if (command.commands.length === 0) return [{ path, command }];
  return command.commands.flatMap((sub) => leaves(sub, [...path, sub.name()]));
}

const commands = leaves(buildProgram(new CliContext()));

describe('pcms command line', () => {
  it('has the commands of the README', () => {
    const names = commands.map(({ path }) => path.join(' '));
    for (const name of ['trace', 'search', 'payload', 'audit verify', 'dlq list', 'status', 'send']) {
      expect(names).toContain(name);
    }
  });

  it.each(commands.map(({ path, command }) => [path.join(' '), command] as const))(
    '%s describes itself in --help, in English and French, and offers --json',
    (_name, command) => {
      const help = command.helpInformation();

      expect(command.description().trim()).not.toBe('');
      // English then French, on two lines or around " / "
      expect(command.description()).toMatch(/\n| \/ /);
      expect(help).toContain('-h, --help');
      expect(help).toContain('affiche l’aide');
      expect(help).toMatch(/--json\b/);
    },
  );

  it('prints the help of a nested command when asked, without running it', async () => {
    const output: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(chunk.toString());
      return true;
    });
    try {
      await expect(
        buildProgram(new CliContext()).parseAsync(['node', 'pcms', 'audit', 'verify', '--help']),
      ).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    } finally {
      write.mockRestore();
    }
    expect(output.join('')).toContain('Usage: pcms audit verify');
    expect(output.join('')).toContain('--json');
  });
});
