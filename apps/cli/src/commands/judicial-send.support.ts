// What `judicial send|status|contact` share: the authority's key from the PKI folder, the door's
// URL from the profile, the request file, and printing the door's answer or a coded refusal.
import { readFileSync } from 'node:fs';
import {
  JudicialPeerAttachments,
  judicialPeerAttachmentsOf,
  JUDICIAL_MESSAGES_PATH,
  sendAsAuthority,
  type DoorAnswer,
  type JudicialMessage,
  type JudicialRequest,
} from '@pcms/judicial';
import { SignedHttpError } from '@pcms/signed-http';
import { identityOf, PkiStore, TrustError, type Credential } from '@pcms/trust';
import { say, type CliContext } from '../cli.context';

/** A refusal the command makes before anything is sent: a code, English, French. */
export class SendRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly french: string,
  ) {
    super(message);
  }
}

export interface SendOptions {
  as: string;
  door?: string;
  json?: boolean;
}

/** Builds the message, signs it as `--as`, posts it, prints the answer; exit 1 on any refusal. */
export async function act(
  context: CliContext,
  options: SendOptions,
  build: () => JudicialMessage,
): Promise<void> {
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

/**
 * `--attach`: each file is put where the local judicial peer serves it as `as`'s system, its uri on
 * the peer's address (judicialPeer.http), and added to the request's attachments with its SHA-256.
 * The door fetches it only if that is `as`'s system for the directory (the default endpoint's
 * origin, in demo the peer); else it refuses JUDICIAL_ATTACHMENT_ORIGIN_REFUSED.
 */
export function withAttachments(
  context: CliContext,
  request: JudicialRequest,
  as: string,
  files: readonly string[],
): JudicialRequest {
  if (files.length === 0) return request;
  const peer = new JudicialPeerAttachments(judicialPeerAttachmentsOf(context.config));
  // Where the peer listens: the door fetches from there when judicialAdapter.defaultEndpoint is the peer's, as in demo.
  const { host, port } = context.config.judicialPeer.http;
  const origin = `https://${host}:${port}`;
  const attachments = files.map((file) => {
    const { uri, sha256, name } = peer.put(as, file, origin);
    return { uri, sha256, title: name };
  });
  return { ...request, attachments: [...request.attachments, ...attachments] };
}

export function readRequest(file: string): JudicialRequest {
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

function textOf(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
