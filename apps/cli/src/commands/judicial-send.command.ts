// `judicial send|status|contact|inbox`: acting as an authority of the judicial network (issue 15)
// from the command line, with that authority's key from the deployment's PKI folder (in demo and
// tests the development PKI holds every authority's), and reading what the local judicial peer
// received. Each send prints the door's receipt, or its coded refusal and exits 1.
import { InvalidArgumentError, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import {
  JUDICIAL_MESSAGES_PATH,
  JUDICIAL_STATES,
  JudicialPeerInbox,
  REFUSAL_GROUNDS,
  contactMessage,
  isJudicialState,
  judicialPeerInboxOf,
  requestMessage,
  sendAsAuthority,
  statusMessage,
  type DoorAnswer,
  type JudicialMessage,
  type JudicialRequest,
  type JudicialState,
  type RefusalGround,
} from '@pcms/judicial';
import { SignedHttpError } from '@pcms/signed-http';
import { identityOf, PkiStore, SignatureVerifier, TrustError, type Credential } from '@pcms/trust';
import { say, type CliContext } from '../cli.context';

const JSON_OPTION = ['--json', 'machine-readable output / sortie JSON'] as const;
const AS_OPTION = [
  '--as <authority>',
  'the sending authority (directory id); its key comes from the PKI folder / l’autorité qui envoie (id de l’annuaire) ; sa clé vient du dossier de la PKI',
] as const;
const DOOR_OPTION = [
  '--door <url>',
  'the judicial door (default: judicialAdapter.http of the profile) / la porte judiciaire (par défaut : judicialAdapter.http du profil)',
] as const;

/** A refusal the command makes before anything is sent: a code, English, French. */
class SendRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly french: string,
  ) {
    super(message);
  }
}

interface SendOptions {
  as: string;
  door?: string;
  json?: boolean;
}

export function registerJudicialSendCommands(judicial: Command, context: CliContext): void {
  judicial
    .command('send <file>')
    .description(
      'send a judicial request (a JSON payload: see libs/judicial/fixtures/requests/ok) to the gateway as an authority, signed with its key; prints the receipt\n' +
        'envoie une demande judiciaire (charge utile JSON) à la passerelle au nom d’une autorité, signée de sa clé ; affiche l’accusé',
    )
    .requiredOption(...AS_OPTION)
    .option(...DOOR_OPTION)
    .option(...JSON_OPTION)
    .action((file: string, options: SendOptions) =>
      act(context, options, () => requestMessage(readRequest(file), options.as)),
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

/** Builds the message, signs it as `--as`, posts it, prints the answer; exit 1 on any refusal. */
async function act(context: CliContext, options: SendOptions, build: () => JudicialMessage): Promise<void> {
  try {
    const message = build();
    const { credential, caPem } = credentialOf(context, options.as);
    const doorUrl = options.door ?? doorUrlOf(context);
    const answer = await sendAsAuthority({
      doorUrl,
      message,
      credential,
      caPem,
      timeoutMs: context.config.judicialAdapter.delivery.timeoutMs,
    });
    printAnswer(message, answer, options.json);
    if (answer.status >= 300) process.exitCode = 1;
  } catch (error: unknown) {
    process.exitCode = 1;
    if (error instanceof SendRefusal) return refuse(options.json, error.code, error.message, error.french);
    if (error instanceof SignedHttpError) {
      return refuse(
        options.json,
        error.code,
        `${error.message}. Is the judicial adapter running (npm start)? Check judicialAdapter.http or --door.`,
        `${error.message}. L’adaptateur judiciaire tourne-t-il (npm start) ? Vérifiez judicialAdapter.http ou --door.`,
      );
    }
    throw error;
  }
}

function printAnswer(message: JudicialMessage, answer: DoorAnswer, json?: boolean): void {
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ status: answer.status, messageId: message.id, type: message.type, from: message.from, answer: answer.body }, null, 2)}\n`,
    );
    return;
  }
  const { status, body } = answer;
  if (status === 202) {
    say(
      `Accepted ${message.id} (${message.type}) from ${message.from}, ${answer.bytes} bytes signed as ${message.from}: receipt ${textOf(body.receipt, 'accepted')}.`,
      `Accepté ${message.id} (${message.type}) de ${message.from}, ${answer.bytes} octets signés par ${message.from} : accusé ${textOf(body.receipt, 'accepted')}.`,
    );
  } else if (status >= 200 && status < 300) {
    say(
      `Already received: ${message.id} (duplicate, nothing recorded twice).`,
      `Déjà reçu : ${message.id} (doublon, rien d’enregistré deux fois).`,
    );
  } else {
    const code = typeof body.code === 'string' ? body.code : `HTTP_${status}`;
    const reason = typeof body.reason === 'string' ? body.reason : textOf(body.text, '');
    // The door words its reason in both languages already; a separate `raison` is printed apart.
    const raison = typeof body.raison === 'string' && body.raison !== reason ? `\n  FR: ${body.raison}` : '';
    const retry = status === 503 ? ' Try again later. / Réessayez plus tard.' : '';
    process.stderr.write(`${code}: ${reason}${retry}${raison}\n`);
  }
}

function refuse(json: boolean | undefined, code: string, english: string, french: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: code, message: english }, null, 2)}\n`);
    return;
  }
  process.stderr.write(`${code}: ${english}\n  FR: ${french}\n`);
}

/** `--as`'s certificate and key, from the deployment's PKI folder: it must be an authority's. */
function credentialOf(context: CliContext, id: string): { credential: Credential; caPem: string } {
  const directory = context.config.paths.pki;
  let store: PkiStore;
  try {
    store = PkiStore.open(directory);
  } catch (error: unknown) {
    if (!(error instanceof TrustError)) throw error;
    throw new SendRefusal(
      'PKI_MISSING',
      `${error.message}: create the development PKI with pcms pki init`,
      `${error.message} : créez la PKI de développement avec pcms pki init`,
    );
  }
  const has = (() => {
    try {
      return store.has(id);
    } catch {
      return false;
    }
  })();
  if (!has) {
    throw new SendRefusal(
      'AUTHORITY_KEY_MISSING',
      `No certificate for ${id} in ${directory}: pcms pki init (development) or pcms pki issue ${id} --role authority; the ids: pcms directory list`,
      `Pas de certificat pour ${id} dans ${directory} : pcms pki init (développement) ou pcms pki issue ${id} --role authority ; les ids : pcms directory list`,
    );
  }
  const credential = store.credential(id);
  const role = identityOf(credential.certificatePem).role;
  if (role !== 'authority' || !credential.privateKeyPem) {
    throw new SendRefusal(
      'AUTHORITY_KEY_MISSING',
      `${id} in ${directory} is ${role !== 'authority' ? `a ${role}, not an authority` : 'a certificate without its key'}: only an authority's key signs judicial messages`,
      `${id} dans ${directory} est ${role !== 'authority' ? `un(e) ${role}, pas une autorité` : 'un certificat sans sa clé'} : seule la clé d’une autorité signe les messages judiciaires`,
    );
  }
  return { credential, caPem: store.caCertificatePem() };
}

/** The judicial adapter's door as the profile places it (a wildcard host is reached on loopback). */
function doorUrlOf(context: CliContext): string {
  const { host, port } = context.config.judicialAdapter.http;
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `https://${reachable}:${port}${JUDICIAL_MESSAGES_PATH}`;
}

function readRequest(file: string): JudicialRequest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new SendRefusal(
      'SEND_FILE_UNREADABLE',
      `Cannot read ${file} (${reason})`,
      `${file} illisible (${reason})`,
    );
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    return parsed as JudicialRequest;
  } catch {
    throw new SendRefusal(
      'SEND_FILE_UNREADABLE',
      `${file} is not a JSON object (a judicial request's payload)`,
      `${file} n’est pas un objet JSON (la charge utile d’une demande judiciaire)`,
    );
  }
}

function groundArgument(value: string): RefusalGround {
  if (!(REFUSAL_GROUNDS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`one of / l’un de : ${REFUSAL_GROUNDS.join(', ')}`);
  }
  return value as RefusalGround;
}

function textOf(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
