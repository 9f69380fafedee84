import type { Command } from 'commander';
import { DEVELOPMENT_PARTIES, identityOf, initDevelopmentPki } from '@pcms/trust';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { say, type CliContext } from '../cli.context';

export function registerPkiCommands(program: Command, context: CliContext): void {
  const pki = program.command('pki').description('development PKI / PKI de développement');

  pki
    .command('init')
    .description(
      'create a CA and certificates for the six platforms, the gateway and the peer, unless one exists\n' +
        'crée une AC et les certificats des six plateformes, de la passerelle et du pair, sauf si elle existe',
    )
    .option(
      '--if-enabled',
      'only when the profile sets autoInitPki (npm start) / seulement si le profil active autoInitPki',
    )
    .action((options: { ifEnabled?: boolean }) => {
      if (options.ifEnabled && !context.config.autoInitPki) return;
      const directory = context.config.paths.pki;
      if (existsSync(join(directory, 'ca.crt'))) {
        say(
          `PKI already present in ${directory}: nothing to do.`,
          `PKI déjà présente dans ${directory} : rien à faire.`,
        );
        return;
      }
      const store = initDevelopmentPki(directory);
      for (const id of DEVELOPMENT_PARTIES) {
        const { role } = identityOf(store.credential(id).certificatePem);
        process.stdout.write(`  ${id.padEnd(10)} ${role}\n`);
      }
      say(
        `Development PKI created in ${directory} (private keys mode 0600). Not for production.`,
        `PKI de développement créée dans ${directory} (clés privées en mode 0600). Pas pour la production.`,
      );
    });
}
