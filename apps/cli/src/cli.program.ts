import type { Command } from 'commander';
import type { CliContext } from './cli.context';
import { COMMAND_GROUPS, summarise } from './cli.catalogue';
import { createRootCommand } from './cli.root';
import { registerAccessCommands } from './commands/access.command';
import { registerDirectoryCommands } from './commands/directory.command';
import { registerDlqCommands } from './commands/dlq.command';
import { registerHoldCommands } from './commands/hold.command';
import { registerJournalCommands } from './commands/journal.command';
import { registerJudicialCommands } from './commands/judicial.command';
import { registerMappingCommands } from './commands/mapping.command';
import { registerPeerCommands } from './commands/peer.command';
import { registerPkiCommands } from './commands/pki.command';
import { registerPublicNoticesCommands } from './commands/public-notices.command';
import { registerSendCommand } from './commands/send.command';
import { registerStatusCommand } from './commands/status.command';
import { registerTranslateCommand } from './commands/translate.command';

/**
 * Every command registered at once: for tests and in-process callers. The `pcms` executable goes
 * through `buildProgramFor` (cli.catalogue.ts), which loads only the command it runs.
 */
export function buildProgram(context: CliContext): Command {
  const program = createRootCommand();
  registerPkiCommands(program, context);
  registerSendCommand(program, context);
  registerPeerCommands(program, context);
  registerMappingCommands(program, context);
  registerTranslateCommand(program, context);
  registerStatusCommand(program, context);
  registerAccessCommands(program, context);
  registerJournalCommands(program, context);
  registerDlqCommands(program, context);
  registerPublicNoticesCommands(program, context);
  registerHoldCommands(program, context);
  registerDirectoryCommands(program, context);
  registerJudicialCommands(program, context);
  summarise(program, ...COMMAND_GROUPS);
  return program;
}
