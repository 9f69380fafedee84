// `judicial send|status|contact|inbox`: acting as an authority of the judicial network (issue 15)
// from the command line, with that authority's key from the deployment's PKI folder (in demo and
// tests the development PKI holds every authority's), and reading what the local judicial peer
// received. Each send prints the door's receipt, or its coded refusal and exits 1.
import { InvalidArgumentError, type Command } from 'commander';
import {
  JUDICIAL_STATES,
  JudicialPeerInbox,
  REFUSAL_GROUNDS,
  contactMessage,
  isJudicialState,
  judicialPeerInboxOf,
  requestMessage,
  statusMessage,
  type JudicialState,
  type RefusalGround,
} from '@pcms/judicial';
import { SignatureVerifier } from '@pcms/trust';
import { say, type CliContext } from '../cli.context';
import { act, readRequest, SendRefusal, type SendOptions, withAttachments } from './judicial-send.support';

const JSON_OPTION = ['--json', 'machine-readable output / sortie JSON'] as const;
const AS_OPTION = [
  '--as <authority>',
  'the sending authority (directory id); its key comes from the PKI folder / l’autorité qui envoie (id de l’annuaire) ; sa clé vient du dossier de la PKI',
] as const;
const DOOR_OPTION = [
  '--door <url>',
  'the judicial door (default: judicialAdapter.http of the profile) / la porte judiciaire (par défaut : judicialAdapter.http du profil)',
] as const;

export function registerJudicialSendCommands(judicial: Command, context: CliContext): void {
  judicial
    .command('send <file>')
    .description(
      'send a judicial request (a JSON payload: see libs/judicial/fixtures/requests/ok) to the gateway as an authority, signed with its key; prints the receipt\n' +
        'envoie une demande judiciaire (charge utile JSON) à la passerelle au nom d’une autorité, signée de sa clé ; affiche l’accusé',
    )
    .requiredOption(...AS_OPTION)
    .option(
      '--attach <file...>',
      'serve these files as the authority’s system (the local judicial peer) and name them in the request with their sha256 / pièces jointes servies par le pair local',
    )
    .option(...DOOR_OPTION)
    .option(...JSON_OPTION)
    .action((file: string, options: SendOptions & { attach?: string[] }) =>
      act(context, options, () =>
        requestMessage(
          withAttachments(context, readRequest(file), options.as, options.attach ?? []),
          options.as,
        ),
      ),
    );

  judicial
    .command('status <requestId> <state>')
    .description(
      `move a request as an authority: ${JUDICIAL_STATES.join(', ')}; REFUSED needs --ground and --grounds-text\n` +
        'fait avancer une demande au nom d’une autorité ; REFUSED exige --ground et --grounds-text',
    )
    .requiredOption(...AS_OPTION)
    .option('--reason <text>', 'why, in the authority’s words / pourquoi, dans les mots de l’autorité')
    .option(
      '--ground <code>',
      `a refusal's ground (${REFUSAL_GROUNDS.join(', ')}) / le motif d’un refus`,
      groundArgument,
    )
    .option('--grounds-text <text>', 'the grounds in full / les motifs en entier')
    .option(...DOOR_OPTION)
    .option(...JSON_OPTION)
    .action(
      (
        requestId: string,
        state: string,
        options: SendOptions & { reason?: string; ground?: RefusalGround; groundsText?: string },
      ) =>
        act(context, options, () => {
          if (!isJudicialState(state)) {
            throw new SendRefusal(
              'JUDICIAL_STATE_UNKNOWN',
              `${state} is not a state: ${JUDICIAL_STATES.join(', ')}`,
              `${state} n’est pas un état : ${JUDICIAL_STATES.join(', ')}`,
            );
          }
          if ((options.ground === undefined) !== (options.groundsText === undefined)) {
            throw new SendRefusal(
              'JUDICIAL_GROUNDS_INCOMPLETE',
              '--ground and --grounds-text go together',
              '--ground et --grounds-text vont ensemble',
            );
          }
          return statusMessage({
            requestId,
            status: state satisfies JudicialState,
            authority: options.as,
            reason: options.reason,
            grounds:
              options.ground && options.groundsText
                ? { ground: options.ground, text: options.groundsText }
                : undefined,
          });
        }),
    );

  judicial
    .command('contact')
    .description(
      'a direct contact between focal points (WACAP, the Sahel platform), before or beside a formal request\n' +
        'un contact direct entre points focaux (WACAP, plateforme Sahel), avant ou à côté d’une demande formelle',
    )
    .requiredOption(...AS_OPTION)
    .requiredOption('--to <authority>', 'the focal point addressed / le point focal destinataire')
    .requiredOption('--subject <text>', 'subject / objet')
    .requiredOption('--text <text>', 'the message / le message')
    .option('--language <code>', 'ISO 639-2/B (fre, eng, por, ara) / langue', 'fre')
    .option('--relates-to <requestId>', 'the request it is about / la demande concernée')
    .option(...DOOR_OPTION)
    .option(...JSON_OPTION)
    .action(
      (
        options: SendOptions & {
          to: string;
          subject: string;
          text: string;
          language: string;
          relatesTo?: string;
        },
      ) =>
        act(context, options, () =>
          contactMessage({
            from: options.as,
            to: options.to,
            subject: options.subject,
            text: options.text,
            language: options.language,
            ...(options.relatesTo ? { relatesTo: options.relatesTo } : {}),
          }),
        ),
    );

  judicial
    .command('inbox')
    .description(
      'what the local judicial peer received from the gateway (judicialPeer.inboxDir), oldest first\n' +
        'ce que le pair judiciaire local a reçu de la passerelle, du plus ancien au plus récent',
    )
    .option(
      '--authority <id>',
      'only what concerns this authority / seulement ce qui concerne cette autorité',
    )
    .option(...JSON_OPTION)
    .action(async (options: { authority?: string; json?: boolean }) => {
      const directory = judicialPeerInboxOf(context.config);
      // Listing verifies nothing (the peer verified each message when it took it): no anchor needed.
      const inbox = new JudicialPeerInbox(directory, new SignatureVerifier({ trustAnchorsPem: [] }), {
        maxJsonDepth: context.config.limits.maxJsonDepth,
      });
      const received = await inbox.list({ authority: options.authority });
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ directory, messages: received }, null, 2)}\n`);
        return;
      }
      for (const { storedAt, messageId, type, from, requestId } of received) {
        process.stdout.write(
          `${storedAt}  ${messageId}  ${type.padEnd(16)} from ${from}${requestId ? `  request ${requestId}` : ''}\n`,
        );
      }
      say(
        `${received.length} message(s) in ${directory}${options.authority ? ` concerning ${options.authority}` : ''}.`,
        `${received.length} message(s) dans ${directory}${options.authority ? ` concernant ${options.authority}` : ''}.`,
      );
    });
}

function groundArgument(value: string): RefusalGround {
  if (!(REFUSAL_GROUNDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`one of / l’un de : ${REFUSAL_GROUNDS.join(', ')}`);
  }
  return value as RefusalGround;
}
