import { Command } from 'commander';
import type { CliContext } from './cli.context';
import { registerAccessCommands } from './commands/access.command';
import { registerDlqCommands } from './commands/dlq.command';
import { registerHoldCommands } from './commands/hold.command';
import { registerJournalCommands } from './commands/journal.command';
import { registerMappingCommands } from './commands/mapping.command';
import { registerPeerCommands } from './commands/peer.command';
import { registerPkiCommands } from './commands/pki.command';
import { registerPublicNoticesCommands } from './commands/public-notices.command';
import { registerSendCommand } from './commands/send.command';
import { registerStatusCommand } from './commands/status.command';
import { registerTranslateCommand } from './commands/translate.command';

export function buildProgram(context: CliContext): Command {
  const program = new Command('pcms')
    .description(
      'pcms-gateway command line (profile from PCMS_PROFILE, default demo)\n' +
        'ligne de commande de pcms-gateway (profil via PCMS_PROFILE, par défaut demo)',
    )
    // Set before the commands are registered: every subcommand inherits them (Commander's own are English only).
    .helpOption('-h, --help', 'display help for command / affiche l’aide de la commande')
    .helpCommand('help [command]', 'display help for command / affiche l’aide de la commande')
    .showHelpAfterError()
    .exitOverride();
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
  return program;
}
