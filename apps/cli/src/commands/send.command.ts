import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import {
  canonicalBytes,
  EnvelopeErrorCode,
  isPlatformId,
  PLATFORM_IDS,
  scanJsonStructure,
  validateEnvelope,
  type PlatformId,
  type ValidationIssue,
} from '@pcms/envelope';
import { PlatformClient } from '@pcms/platform-client';
import { CmsSigner, PkiStore } from '@pcms/trust';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { say, type CliContext } from '../cli.context';
import { readDetachedSignature, SendError, SendErrorCode } from './send.input';

interface SendOptions {
  as: PlatformId;
  newId?: boolean;
  raw?: boolean;
  signature?: string;
  json?: boolean;
}

/** What goes on the wire: the bytes, their detached signature (if made elsewhere), what we know of them. */
interface Outgoing {
  body: Buffer;
  signature?: Buffer;
  messageId?: string;
  issues: readonly ValidationIssue[];
}

function platformOption(value: string): PlatformId {
  if (!isPlatformId(value)) {
    throw new InvalidArgumentError(`one of / l'une de : ${PLATFORM_IDS.join(', ')}`);
  }
  return value;
}

export function registerSendCommand(program: Command, context: CliContext): void {
  program
    .command('send')
    .description(
      'submit a PCMS envelope (JSON file) over AMQP as a platform. By default the file is parsed and\n' +
        'its canonical form (RFC 8785) is signed with the platform certificate; --raw sends the file’s\n' +
        'bytes exactly as they are; --signature sends them with a detached CMS made elsewhere.\n' +
        'Refused above limits.maxMessageBytes (the door would refuse it too).\n' +
        'soumet une enveloppe PCMS (fichier JSON) par AMQP au nom d’une plateforme. Par défaut le fichier\n' +
        'est lu et sa forme canonique (RFC 8785) signée avec le certificat de la plateforme ; --raw envoie\n' +
        'les octets du fichier tels quels ; --signature les envoie avec une signature CMS détachée faite\n' +
        'ailleurs. Refusé au-delà de limits.maxMessageBytes (la porte le refuserait aussi).',
    )
    .argument('<file>', 'envelope JSON / enveloppe JSON')
    .requiredOption(
      '--as <platform>',
      `submitting platform / plateforme émettrice (${PLATFORM_IDS.join(', ')})`,
      platformOption,
    )
    .option('--new-id', 'give it a fresh id and creation time / nouvel identifiant et nouvelle date')
    .option('--raw', 'send the bytes as they are, signed as --as / octets tels quels, signés par --as')
    .option(
      '--signature <file.p7s>',
      'detached CMS SignedData (DER or PEM) over the file’s bytes, sent as it is (implies --raw)\n' +
        'signature CMS détachée (DER ou PEM) sur les octets du fichier, envoyée telle quelle (implique --raw)',
    )
    .option('--json', 'machine-readable output / sortie JSON')
    .action(async (file: string, options: SendOptions) => {
      let outgoing: Outgoing;
      try {
        outgoing = prepare(readFileSync(file), options, context);
      } catch (error: unknown) {
        if (!(error instanceof SendError)) throw error;
        process.exitCode = 1;
        if (options.json) return print({ error: error.code, detail: error.english });
        say(`Refused: ${error.code}: ${error.english}`, `Refusé : ${error.code} : ${error.french}`);
        return;
      }
      if (outgoing.issues.length > 0 && !options.json) {
        // Submitted all the same: the gateway quarantines it with these reasons, which is the point of a test.
        say(
          'Warning: the envelope is invalid; the gateway will quarantine it:',
          'Attention : enveloppe invalide, la passerelle la mettra en quarantaine :',
        );
        for (const issue of outgoing.issues) process.stdout.write(`  - ${issue.path}: ${issue.reason}\n`);
      }
      const pki = PkiStore.open(context.config.paths.pki);
      const { amqp, topology } = await context.broker();
      const credential = pki.credential(options.as);
      const client = new PlatformClient(options.as, credential, pki.caCertificatePem(), amqp, topology);
      const signature = outgoing.signature ?? new CmsSigner(credential).sign(outgoing.body);
      await client.submitSigned(outgoing.body, signature, outgoing.messageId);
      const signedBy = outgoing.signature ? 'signature given' : `signed as ${options.as}`;
      if (options.json) {
        return print({
          messageId: outgoing.messageId,
          submittedAs: options.as,
          bytes: outgoing.body.length,
          signature: outgoing.signature ? 'given' : 'made',
          confirmed: true,
          issues: outgoing.issues,
        });
      }
      say(
        `Submitted ${outgoing.messageId ?? '(no id)'} as ${options.as} (${outgoing.body.length} bytes, ${signedBy}, confirmed by the broker).`,
        `Soumis ${outgoing.messageId ?? '(sans id)'} en tant que ${options.as} (${outgoing.body.length} octets, ${outgoing.signature ? 'signature fournie' : `signé par ${options.as}`}, confirmé par le courtier).`,
      );
    });
}

/** The bytes to send, or a SendError saying why nothing is sent. */
function prepare(file: Buffer, options: SendOptions, context: CliContext): Outgoing {
  const { maxMessageBytes, maxJsonDepth } = context.config.limits;
  const asIs = options.raw === true || options.signature !== undefined;
  if (asIs && options.newId) {
    throw new SendError(
      SendErrorCode.OPTIONS_CONFLICT,
      '--new-id changes the bytes; --raw and --signature send them as they are',
      '--new-id change les octets ; --raw et --signature les envoient tels quels',
    );
  }
  checkSize(file.length, maxMessageBytes);
  const text = file.toString('utf8');
  const finding = scanJsonStructure(text, maxJsonDepth);
  if (finding?.kind === 'too-deep') {
    throw new SendError(
      EnvelopeErrorCode.TooDeep,
      `the JSON nests deeper than limits.maxJsonDepth (${maxJsonDepth}) at ${finding.path || '(root)'}`,
      `le JSON est imbriqué plus profond que limits.maxJsonDepth (${maxJsonDepth}) en ${finding.path || '(racine)'}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (cause: unknown) {
    if (asIs) return { body: file, signature: signatureOf(options), issues: [] };
    throw new SendError(
      EnvelopeErrorCode.MalformedJson,
      `the file is not well-formed JSON (${(cause as Error).message})`,
      'le fichier n’est pas un JSON bien formé',
    );
  }
  if (options.newId && parsed !== null && typeof parsed === 'object') {
    Object.assign(parsed, { id: randomUUID(), createdAt: new Date().toISOString() });
  }
  const check = validateEnvelope(parsed);
  const issues = check.ok ? [] : check.issues;
  const id = (parsed as { id?: unknown } | null)?.id;
  const messageId = typeof id === 'string' ? id : undefined;
  if (asIs) return { body: file, signature: signatureOf(options), messageId, issues };
  const body = canonicalBytes(parsed);
  checkSize(body.length, maxMessageBytes);
  return { body, messageId, issues };
}

function checkSize(bytes: number, limit: number): void {
  if (bytes <= limit) return;
  throw new SendError(
    SendErrorCode.TOO_LARGE,
    `${bytes} bytes, more than limits.maxMessageBytes (${limit}) that the doors accept; raise it in config/<profile>.yaml on the gateway and here if the message must go`,
    `${bytes} octets, plus que limits.maxMessageBytes (${limit}) accepté par les portes ; augmentez-le dans config/<profil>.yaml sur la passerelle et ici si le message doit partir`,
  );
}

function signatureOf(options: SendOptions): Buffer | undefined {
  return options.signature === undefined ? undefined : readDetachedSignature(options.signature);
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
