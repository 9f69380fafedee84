import { Help } from 'commander';
import { buildProgramFor, COMMAND_GROUPS } from './cli.catalogue';
import type { CliContext } from './cli.context';
import { buildProgram } from './cli.program';

// Registering a command touches no configuration and no broker: an empty context is enough.
const context = {} as CliContext;

describe(buildProgramFor.name, () => {
  it('lists every command with its arguments as the commands themselves declare them, in the same order', () => {
    // When this fails, a top-level command was added, renamed or given new arguments: list it in
    // COMMAND_GROUPS (cli.catalogue.ts) as `pcms --help` should show it.
    const eager = buildProgram(context).commands.map((cmd) => ({
      name: cmd.name(),
      term: new Help().subcommandTerm(cmd),
    }));

    expect(
      COMMAND_GROUPS.flatMap((group) => group.commands.map(({ name, term }) => ({ name, term }))),
    ).toEqual(eager);
  });

  it('gives every command a one-line summary in English and French', () => {
    for (const cmd of buildProgram(context).commands) {
      expect(cmd.summary()).toMatch(/\S.* \/ \S|\n\S/);
    }
  });

  it('prints the same `pcms --help` as the whole program without loading a command or the configuration', async () => {
    const contextFactory = jest.fn(() => Promise.resolve(context));

    const sut = await buildProgramFor(['node', 'pcms', '--help'], contextFactory);

    expect(sut.helpInformation()).toBe(buildProgram(context).helpInformation());
    expect(contextFactory).not.toHaveBeenCalled();
  });

  it.each([
    [['pki', 'renew', '--all'], 'pki'],
    [['help', 'pki'], 'pki'],
    [['search', '--since', '2026-01-01'], 'search'],
  ])('loads the group of the command it runs: %j', async (args, name) => {
    const contextFactory = jest.fn(() => Promise.resolve(context));

    const sut = await buildProgramFor(['node', 'pcms', ...args], contextFactory);

    // A stub has neither options nor subcommands; the real command has one or the other.
    const loaded = sut.commands.find((cmd) => cmd.name() === name);
    expect(contextFactory).toHaveBeenCalled();
    expect((loaded?.options.length ?? 0) + (loaded?.commands.length ?? 0)).toBeGreaterThan(0);
  });
});
