import { Command } from 'commander';

/** `pcms` itself, before any command is registered: its settings are inherited by every command. */
export function createRootCommand(): Command {
  return (
    new Command('pcms')
      .description(
        'pcms-gateway command line (profile from PCMS_PROFILE, default demo)\n' +
          'ligne de commande de pcms-gateway (profil via PCMS_PROFILE, par défaut demo)',
      )
      // Set before the commands are registered: every subcommand inherits them (Commander's own are English only).
      .helpOption('-h, --help', 'display help for command / affiche l’aide de la commande')
      .helpCommand('help [command]', 'display help for command / affiche l’aide de la commande')
      .showHelpAfterError()
      .exitOverride()
  );
}
