// The judicial network's door (issue 15): an authority posts one signed JudicialMessage; the door
// names the sender (TLS certificate of role `authority`), checks the signature over the exact
// bytes, reads and validates the message, asks the directory who may say it, takes it once
// (message id + bytes), applies it to the request store, journals it, hands it on, and records the
// transport receipt `accepted`. Refusals are verdicts with a code, quarantined with their reason;
// an outage (the store, Redis, the broker) is thrown on untouched: the HTTP layer answers 503.
//
// Order, so that a process dying between two steps loses nothing and doubles nothing:
//   claim → attachments fetched and their digests compared → store (idempotent) → journal (deterministic event ids) → relay (publisher confirm)
//   → receipt `accepted` → complete the claim → 202.
// The store comes first because its answer is the verdict the sender waits for (an illegal
// transition is refused at once, not after the next hop). The relay comes after it, and what makes
// a message "done" is the receipt `accepted`, written only once the broker confirmed the relay:
// a crash before it leaves the claim to lapse and the store's answer `duplicate`; the sender's
// retry (same bytes) then finds no receipt and relays again. So nothing is lost; the next hop may
// see a message twice (a crash between the confirm and the receipt) and keys its work on the
// message id. The same bytes after the receipt are answered 200 duplicate, also long after the
// claim's retention, since the receipt is kept with the request.
import { TrustError } from '@pcms/trust';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { JudicialMessage } from '../wire/judicial-message';
import { JudicialDoorCode, refusal, type JudicialDoorRefusal } from './judicial-door.codes';
import type {
  DoorClient,
  JudicialDoorAnswer,
  JudicialDoorInput,
  JudicialDoorOptions,
  JudicialDoorPorts,
} from './judicial-door.ports';
import { checkAttachmentOrigins, verifyAttachmentDigests } from './judicial-door.attachments';
import { applyToStore, type Applied } from './judicial-door.store-step';
import { readJudicialMessage } from './judicial-message.reader';
import { checkSender } from './judicial-sender.rules';

/** The PKI role of the directory's authorities (libs/trust PARTY_ROLES). */
export const AUTHORITY_ROLE = 'authority';

interface Checked {
  readonly message: JudicialMessage;
  readonly payloadBytes: Buffer;
  readonly client: DoorClient;
  readonly signature: string;
  readonly signer: { readonly signerId: string; readonly fingerprintSha256: string };
}

export class JudicialDoor {
  private readonly clock: () => Date;

  constructor(
    private readonly ports: JudicialDoorPorts,
    private readonly options: JudicialDoorOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  private get directory(): JudicialDirectory {
    return this.ports.directory;
  }

  async receive(input: JudicialDoorInput): Promise<JudicialDoorAnswer> {
    const checked = this.check(input);
    if ('refusal' in checked) return this.refuse(input, checked.refusal, checked.messageId);
    const { message } = checked;
    const claim = await this.ports.claims.claim(message.id, input.body);
    if (claim === 'in-progress') return { outcome: 'in-progress', messageId: message.id };
    if (claim === 'duplicate') return this.duplicate(message);
    if (claim === 'conflict') {
      return this.refuse(
        input,
        refusal(
          JudicialDoorCode.MessageConflict,
          'dedupe',
          'conflict',
          `message ${message.id} was already received with other bytes: a change is a new message with a new id`,
          `le message ${message.id} a déjà été reçu avec d’autres octets : un changement est un nouveau message, avec un nouvel id`,
        ),
        message.id,
      );
    }
    try {
      const fetched = await verifyAttachmentDigests(
        message,
        this.directory,
        this.options.authoritySystems,
        this.ports.attachments,
      );
      if (fetched !== undefined) {
        await this.ports.claims.release(message.id, input.body);
        if ('refusal' in fetched) return await this.refuse(input, fetched.refusal, message.id);
        return { outcome: 'unavailable', messageId: message.id, ...fetched.unreachable };
      }
      const applied = await applyToStore(
        { store: this.ports.store, directory: this.directory, issuer: this.options.issuer },
        message,
        checked.payloadBytes,
        this.clock(),
      );
      if ('refusal' in applied) {
        await this.ports.claims.release(message.id, input.body);
        return await this.refuse(input, applied.refusal, message.id);
      }
      if (applied.alreadyAccepted) {
        await this.ports.claims.complete(message.id, input.body);
        return await this.duplicate(message);
      }
      await this.accept(checked, input, applied);
      await this.ports.claims.complete(message.id, input.body);
      return { outcome: 'accepted', messageId: message.id };
    } catch (error: unknown) {
      // Not taken: the sender's retry must be judged anew, not answered "in progress" for a minute.
      await this.ports.claims.release(message.id, input.body).catch(() => undefined);
      throw error;
    }
  }

  /** Everything that needs no store: who speaks, the size, the signature, the message, the directory. */
  private check(input: JudicialDoorInput): Checked | { refusal: JudicialDoorRefusal; messageId?: string } {
    const client = this.checkClient(input);
    if ('refusal' in client) return client;
    if (input.oversize) {
      return {
        refusal: refusal(
          JudicialDoorCode.TooLarge,
          'size',
          'size',
          `the message is ${input.oversize.bytes} bytes; the limit is ${this.options.maxMessageBytes}`,
          `le message fait ${input.oversize.bytes} octets ; la limite est ${this.options.maxMessageBytes}`,
        ),
      };
    }
    let signer: Checked['signer'];
    try {
      // The signature must be the TLS client's own: the authority that connects is the one that signed.
      signer = this.ports.verifier.verify(input.body, signatureBytes(input.signature), {
        expectedSigner: client.id,
      });
    } catch (error: unknown) {
      if (!(error instanceof TrustError)) throw error;
      return { refusal: { ...trustRefusal(error, 'verify'), fault: 'signature', trustCode: error.code } };
    }
    const reading = readJudicialMessage(input.body, { maxDepth: this.options.maxJsonDepth });
    if (!reading.ok) return { refusal: reading.refusal };
    const { message } = reading;
    if (input.messageIdHeader !== message.id) {
      return {
        messageId: message.id,
        refusal: refusal(
          JudicialDoorCode.MessageIdMismatch,
          'validate',
          'content',
          `x-pcms-message-id must be the message's id ${message.id}`,
          `x-pcms-message-id doit être l’id du message ${message.id}`,
        ),
      };
    }
    const refused =
      this.checkSenderAndDate(message, client) ??
      checkAttachmentOrigins(message, this.directory, this.options.authoritySystems);
    if (refused) return { refusal: refused, messageId: message.id };
    return { message, payloadBytes: reading.payloadBytes, client, signature: input.signature ?? '', signer };
  }

  private checkClient(input: JudicialDoorInput): DoorClient | { refusal: JudicialDoorRefusal } {
    const { client } = input;
    if ('refused' in client) {
      const { code, reason } = client.refused;
      return {
        refusal: refusal(
          JudicialDoorCode.ClientIdentity,
          'identity',
          'client',
          `${code}: ${reason}`,
          `${code} : ${reason}`,
        ),
      };
    }
    if (client.role !== AUTHORITY_ROLE) {
      return {
        refusal: refusal(
          JudicialDoorCode.ClientNotAuthority,
          'identity',
          'client',
          `${client.id} (role ${client.role}) may not use the judicial door: only certificates of role authority`,
          `${client.id} (rôle ${client.role}) ne peut pas utiliser la porte judiciaire : seuls les certificats de rôle authority`,
        ),
      };
    }
    try {
      // TLS checked the chain; the revocation list is the verifier's.
      this.ports.verifier.assertNotRevoked(client.certificatePem);
    } catch (error: unknown) {
      if (!(error instanceof TrustError)) throw error;
      return { refusal: { ...trustRefusal(error, 'identity'), fault: 'client' } };
    }
    return client;
  }

  private checkSenderAndDate(message: JudicialMessage, client: DoorClient): JudicialDoorRefusal | undefined {
    if (message.from !== client.id) {
      return refusal(
        JudicialDoorCode.SenderMismatch,
        'identity',
        'client',
        `the message is from ${message.from} but the connection is ${client.id}'s`,
        `le message est de ${message.from} mais la connexion est celle de ${client.id}`,
      );
    }
    const ahead = Date.parse(message.sentAt) - this.clock().getTime();
    if (ahead > this.options.maxClockSkewSeconds * 1000) {
      return refusal(
        JudicialDoorCode.SentInFuture,
        'validate',
        'content',
        `sentAt ${message.sentAt} is ahead of the gateway's clock by more than ${this.options.maxClockSkewSeconds} s`,
        `sentAt ${message.sentAt} est en avance de plus de ${this.options.maxClockSkewSeconds} s sur l’horloge de la passerelle`,
      );
    }
    return checkSender(message, this.directory);
  }

  private async accept(checked: Checked, input: JudicialDoorInput, applied: Applied): Promise<void> {
    const { message, signer } = checked;
    const correlationId = applied.requestId;
    const ids = { messageId: message.id, ...(correlationId ? { correlationId } : {}) };
    // Journaled before the next hop, so that routing's and delivery's entries always come after.
    await this.ports.journal.emit([
      {
        ...ids,
        stage: 'received',
        details: {
          door: 'https',
          type: message.type,
          // `sender` is the journal's search column (pcms search --sender ML-CA), as for every message.
          sender: message.from,
          from: message.from,
          sentAt: message.sentAt,
          ...(message.type === 'judicial.contact' ? { to: message.payload.to } : {}),
        },
        // Sealed by the journal when the deployment keeps payloads; never in clear.
        payload: { contentType: 'application/json', bytes: input.body },
      },
      {
        ...ids,
        stage: 'verified',
        details: { signer: signer.signerId, fingerprint: signer.fingerprintSha256 },
      },
      ...applied.events,
    ]);
    await this.ports.relay({ message, bytes: input.body, signature: checked.signature, correlationId });
    if (applied.requestId !== undefined && message.type !== 'judicial.contact') {
      await this.ports.store.recordReceipt({
        messageId: message.id,
        requestId: applied.requestId,
        evidence: 'accepted',
        issuer: this.options.issuer,
        at: this.clock().toISOString(),
      });
    }
  }

  private async duplicate(message: JudicialMessage): Promise<JudicialDoorAnswer> {
    await this.ports.journal.emit([
      {
        messageId: message.id,
        ...(correlationOf(message) ? { correlationId: correlationOf(message) } : {}),
        stage: 'deduplicated',
        details: { door: 'https', from: message.from },
        // One entry per copy received: the time tells them apart.
        discriminator: `duplicate:${this.clock().toISOString()}`,
      },
    ]);
    return { outcome: 'duplicate', messageId: message.id };
  }

  /** Quarantines the body with its reason, journals the refusal when the message has an id. */
  private async refuse(
    input: JudicialDoorInput,
    why: JudicialDoorRefusal,
    parsedId: string | undefined,
  ): Promise<JudicialDoorAnswer> {
    const messageId = input.messageIdHeader ?? parsedId;
    const client = 'refused' in input.client ? undefined : input.client.id;
    await this.ports.quarantine({
      body: input.body,
      oversize: input.oversize,
      refusal: why,
      messageId,
      client,
      signature: input.signature,
    });
    if (messageId) {
      const reason = { code: why.code, reason: why.reason, stage: why.stage };
      await this.ports.journal.emit([
        { messageId, stage: 'received', details: { door: 'https', ...(client ? { client } : {}) } },
        { messageId, stage: 'rejected', details: reason },
        { messageId, stage: 'dead-lettered', details: { ...reason, queue: 'dead-letters' } },
      ]);
    }
    return { outcome: 'refused', refusal: why };
  }
}

function correlationOf(message: JudicialMessage): string | undefined {
  return message.type === 'judicial.contact' ? message.payload.relatesTo : message.payload.requestId;
}

function signatureBytes(header: string | undefined): Buffer | undefined {
  return header ? Buffer.from(header, 'base64') : undefined;
}

function trustRefusal(error: TrustError, stage: 'verify' | 'identity'): JudicialDoorRefusal {
  return refusal(
    error.code,
    stage,
    'signature',
    error.message,
    `signature ou certificat refusé : ${error.message}`,
  );
}
