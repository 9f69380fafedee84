import { Help, type Command } from 'commander';
import type { CliContext } from './cli.context';
import { createRootCommand } from './cli.root';

type Register = (program: Command, context: CliContext) => void;

/** A command module: the top-level commands it registers, as `pcms --help` lists them. */
interface CommandGroup {
  /**
   * `term` is what the help lists on the left (`send [options] <file>`), `summary` the line beside
   * it (Commander's `summary()`); the command's own `--help` shows its full description.
   */
  commands: readonly { name: string; term: string; summary: string }[];
  load(): Promise<Register>;
}

const command = (name: string, term: string, ...summary: string[]) => ({
  name,
  term,
  summary: summary.join('\n'),
});

/**
 * The commands and what `pcms --help` says of them, without loading them: command modules pull
 * in the configuration, class-validator, the broker client and the journal, most of a second
 * before the first line is printed (issue 11, defect 8). A new top-level command goes here too:
 * `cli.catalogue.spec.ts` fails until its name and arguments are listed.
 */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    commands: [
      command(
        'pki',
        'pki',
        "the deployment's PKI: CA, certificates, revocation / la PKI du déploiement : AC, certificats, révocation",
      ),
    ],
    load: async () => (await import('./commands/pki.command')).registerPkiCommands,
  },
  {
    commands: [
      command(
        'send',
        'send [options] <file>',
        'submit a PCMS envelope (JSON file) over AMQP as a platform',
        'soumet une enveloppe PCMS (fichier JSON) par AMQP au nom d’une plateforme',
      ),
    ],
    load: async () => (await import('./commands/send.command')).registerSendCommand,
  },
  {
    commands: [command('peer', 'peer', 'the local I-24/7-like peer / le pair I-24/7 local')],
    load: async () => (await import('./commands/peer.command')).registerPeerCommands,
  },
  {
    commands: [command('mapping', 'mapping', 'mappings between formats / correspondances entre formats')],
    load: async () => (await import('./commands/mapping.command')).registerMappingCommands,
  },
  {
    commands: [
      command(
        'translate',
        'translate [options] <file>',
        'dry run: translate a file with the mappings on disk, print the result and which rule (file:line) filled which field; nothing is sent',
        'essai à blanc : traduit un fichier avec les correspondances du disque, affiche le résultat et quelle règle (fichier:ligne) a rempli quel champ ; rien n’est envoyé',
      ),
    ],
    load: async () => (await import('./commands/translate.command')).registerTranslateCommand,
  },
  {
    commands: [
      command(
        'status',
        'status [options]',
        'queues, their depth and consumers, the last dead letters, certificates and revocation list',
        'files, profondeur, consommateurs, dernières lettres mortes, certificats et liste de révocation',
      ),
    ],
    load: async () => (await import('./commands/status.command')).registerStatusCommand,
  },
  {
    commands: [
      command(
        'access',
        'access',
        'who may use which door of the gateway',
        'qui peut utiliser quelle porte de la passerelle',
      ),
    ],
    load: async () => (await import('./commands/access.command')).registerAccessCommands,
  },
  {
    commands: [
      command(
        'trace',
        'trace [options] <messageId>',
        'the timeline of one message: time, app, stage and details of every stage',
        'la chronologie d’un message : heure, application, étape et détails de chaque étape',
      ),
      command(
        'search',
        'search [options]',
        'messages by sender, type, current stage, date, correlation or business key, most recent first',
        'messages par émetteur, type, étape actuelle, date, corrélation ou clé métier, les plus récents d’abord',
      ),
      command(
        'payload',
        'payload [options] <messageId>',
        'the kept bytes of one message (decrypted), raw on stdout; exit 1 when not kept or purged',
        'les octets conservés d’un message (déchiffrés), bruts sur la sortie ; code 1 s’ils ne sont pas conservés ou sont purgés',
      ),
      command('audit', 'audit', 'tamper evidence of the journal / preuve d’intégrité du journal'),
    ],
    load: async () => (await import('./commands/journal.command')).registerJournalCommands,
  },
  {
    commands: [
      command(
        'dlq',
        'dlq',
        'dead letters: list, replay, discard / lettres mortes : lister, rejouer, écarter',
      ),
    ],
    load: async () => (await import('./commands/dlq.command')).registerDlqCommands,
  },
  {
    commands: [
      command(
        'public-notices',
        'public-notices',
        "Interpol's public notices (red, yellow, UN) into PCMS / les notices publiques d'Interpol vers PCMS",
      ),
    ],
    load: async () => (await import('./commands/public-notices.command')).registerPublicNoticesCommands,
  },
  {
    commands: [
      command(
        'hold',
        'hold',
        'messages held for operators (four eyes): list, show, approve, reject, sign',
        'messages retenus pour les opérateurs (quatre yeux) : lister, voir, approuver, refuser, signer',
      ),
    ],
    load: async () => (await import('./commands/hold.command')).registerHoldCommands,
  },
  {
    commands: [
      command(
        'directory',
        'directory',
        'the judicial directory: states, networks, authorities, treaties',
        'l’annuaire judiciaire : États, réseaux, autorités, traités',
      ),
    ],
    load: async () => (await import('./commands/directory.command')).registerDirectoryCommands,
  },
  {
    commands: [
      command(
        'judicial',
        'judicial',
        'judicial requests: list, show, remind, stats; send, status, contact as an authority; the peer’s inbox',
        'demandes d’entraide : lister, voir, relancer, statistiques ; envoyer, faire avancer, contacter au nom d’une autorité ; la boîte du pair',
      ),
    ],
    load: async () => (await import('./commands/judicial.command')).registerJudicialCommands,
  },
];

/**
 * The program for one command line: the group of the command it names is loaded and registered,
 * every other command is a stub that only lists itself in the help. `pcms help <command>` names
 * its command second. The context is asked for only when a group is loaded.
 */
export async function buildProgramFor(
  argv: readonly string[],
  context: () => Promise<CliContext>,
): Promise<Command> {
  const program = createRootCommand();
  const words = argv.slice(2).filter((word) => !word.startsWith('-'));
  const named = words[0] === 'help' ? words[1] : words[0];
  const terms = new Map<Command, string>();
  for (const group of COMMAND_GROUPS) {
    if (group.commands.some(({ name }) => name === named)) {
      (await group.load())(program, await context());
      summarise(program, group);
      continue;
    }
    for (const { name, term, summary } of group.commands) {
      terms.set(program.command(name).description(summary), term);
    }
  }
  const help = new Help();
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd) ?? help.subcommandTerm(cmd) });
  return program;
}

/** Gives the commands of `groups` registered on `program` their one-line summary for `pcms --help`. */
export function summarise(program: Command, ...groups: readonly CommandGroup[]): void {
  for (const { name, summary } of groups.flatMap((group) => group.commands)) {
    program.commands.find((cmd) => cmd.name() === name)?.summary(summary);
  }
}
