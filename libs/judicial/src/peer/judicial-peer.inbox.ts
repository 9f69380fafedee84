// The local judicial peer's inbox (issue 15): the stand-in for every authority's system in demo and
// tests. It takes what the GATEWAY delivers (mutual TLS, the gateway's detached CMS signature over
// the exact bytes), checks the message as an authority's system would (the wire contract), and
// keeps each message once by id: `<id>.json` (the bytes as delivered) beside `<id>.p7s` (the
// gateway's signature, DER: `openssl cms -verify -binary -inform DER` reads it), and one line per
// delivery in `receipts.log`. The same message delivered twice (to the requested authority and as
// the secretariat's copy, both played here) is stored once.
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { httpStatusOfTrustCode } from '@pcms/signed-http';
import { TrustError, type SignatureVerifier } from '@pcms/trust';
import { JudicialDoorCode } from '../door/judicial-door.codes';
import { readJudicialMessage } from '../door/judicial-message.reader';
import { requestIdOf } from '../delivery/judicial-dispatcher';
import type { JudicialMessage } from '../wire/judicial-message';

/** The certificate identity (CN) the local judicial peer serves HTTPS with (role peer). */
export const JUDICIAL_PEER_ID = 'JUDICIAL-PEER';

/** The peer's own refusals; the wire contract's codes (JUDICIAL_MESSAGE_INVALID…) are the reader's. */
export enum JudicialPeerCode {
  /** Only the gateway delivers judicial messages to an authority's system. */
  ClientNotGateway = 'JUDICIAL_PEER_CLIENT_NOT_GATEWAY',
  /** No body at all. */
  BodyEmpty = 'JUDICIAL_PEER_BODY_EMPTY',
}

export type JudicialPeerAcceptance =
  | { ok: true; stored: 'new' | 'duplicate'; message: JudicialMessage }
  | {
      ok: false;
      /** The HTTP status the peer answers with. */
      status: number;
      code: string;
      reason: string;
      raison: string;
    };

export interface JudicialPeerDelivery {
  body: Buffer;
  /** Base64 of the detached CMS SignedData (DER), the `x-pcms-signature` header. */
  signatureB64?: string;
  /** The `x-pcms-message-id` header: must be the message's own id. */
  messageIdHeader?: string;
  /** The authority the gateway delivers it to (`?to=` of the delivery URL), when it says. */
  to?: string;
  /** Who opened the TLS connection (its client certificate). */
  client: { id: string; role: string };
}

export interface ReceivedJudicialMessage {
  messageId: string;
  type: JudicialMessage['type'];
  from: string;
  sentAt: string;
  /** The request it is about (a request's own id, a status's, a contact's relatesTo). */
  requestId?: string;
  storedAt: string;
  /** `<id>.json` in the inbox. */
  file: string;
  message: JudicialMessage;
}

/** One line of `receipts.log`: every verified delivery, duplicates included. */
export interface JudicialPeerReceipt {
  messageId: string;
  type: JudicialMessage['type'];
  stored: 'new' | 'duplicate';
  /** The authority it was delivered to, when the gateway said (`?to=`). */
  to?: string;
  at: string;
}

export interface JudicialPeerInboxOptions {
  /** limits.maxJsonDepth: the peer reads JSON with the gateway's own bounds. */
  maxJsonDepth: number;
  /** The only party that delivers here and signs what it delivers. */
  gatewayId?: string;
}

const RECEIPTS_FILE = 'receipts.log';
const FILE_MODE = 0o640;

export class JudicialPeerInbox {
  private readonly gatewayId: string;
  /** Serialises the accepts of one id: two copies of a message may arrive at once. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    readonly directory: string,
    private readonly verifier: SignatureVerifier,
    private readonly options: JudicialPeerInboxOptions,
  ) {
    this.gatewayId = options.gatewayId ?? 'GATEWAY';
  }

  /** Checks one delivery and stores it once; a refusal is an answer, never a throw. */
  async accept(delivery: JudicialPeerDelivery): Promise<JudicialPeerAcceptance> {
    if (delivery.client.id !== this.gatewayId) {
      return refused(
        403,
        JudicialPeerCode.ClientNotGateway,
        `${delivery.client.id} (${delivery.client.role}) may not deliver judicial messages here: only ${this.gatewayId}`,
        `${delivery.client.id} (${delivery.client.role}) ne peut pas livrer de messages judiciaires ici : seulement ${this.gatewayId}`,
      );
    }
    if (delivery.body.length === 0) {
      return refused(
        400,
        JudicialPeerCode.BodyEmpty,
        'The request carries no message',
        'La requête ne porte aucun message',
      );
    }
    const signature = delivery.signatureB64 ? Buffer.from(delivery.signatureB64, 'base64') : undefined;
    try {
      // Verified before anything else, duplicates included: an unsigned request learns nothing.
      this.verifier.verify(delivery.body, signature, { expectedSigner: this.gatewayId });
    } catch (error: unknown) {
      if (!(error instanceof TrustError)) throw error;
      return refused(
        httpStatusOfTrustCode(error.code),
        error.code,
        error.message,
        `Signature de la passerelle refusée (${error.code})`,
      );
    }
    const reading = readJudicialMessage(delivery.body, { maxDepth: this.options.maxJsonDepth });
    if (!reading.ok) {
      const { code, reason, raison } = reading.refusal;
      return refused(reading.refusal.fault === 'size' ? 413 : 422, code, reason, raison);
    }
    const message = reading.message;
    if (delivery.messageIdHeader !== message.id) {
      return refused(
        400,
        JudicialDoorCode.MessageIdMismatch,
        `x-pcms-message-id (${String(delivery.messageIdHeader)}) is not the message's id ${message.id}`,
        `x-pcms-message-id (${String(delivery.messageIdHeader)}) n’est pas l’id du message ${message.id}`,
      );
    }
    return this.serialised(message.id, async () => {
      const stored = await this.store(message.id, delivery.body, signature as Buffer);
      if (stored === 'conflict') {
        return refused(
          409,
          JudicialDoorCode.MessageConflict,
          `Message ${message.id} is already held with other bytes: a change is a new message`,
          `Le message ${message.id} est déjà détenu avec d’autres octets : un changement est un nouveau message`,
        );
      }
      await this.recordReceipt({
        messageId: message.id,
        type: message.type,
        stored,
        ...(delivery.to ? { to: delivery.to } : {}),
        at: new Date().toISOString(),
      });
      return { ok: true, stored, message };
    });
  }

  /**
   * What the peer holds, oldest first. `authority`: only the messages that concern it, as sender
   * or addressee (a request's two authorities, a contact's `to`, a status's request's parties, or
   * a delivery the gateway addressed to it: the secretariat's copies).
   */
  async list(filter: { authority?: string } = {}): Promise<ReceivedJudicialMessage[]> {
    const all = await this.readAll();
    const sorted = all.sort(
      (a, b) => a.storedAt.localeCompare(b.storedAt) || a.sentAt.localeCompare(b.sentAt),
    );
    const authority = filter.authority;
    if (authority === undefined) return sorted;
    const partiesOf = new Map<string, string[]>();
    for (const { message } of sorted) {
      if (message.type === 'judicial.request') {
        partiesOf.set(message.payload.requestId, [
          message.payload.requesting.authority,
          message.payload.requested.authority,
        ]);
      }
    }
    const deliveredTo = new Set(
      (await this.receipts())
        .filter((receipt) => receipt.to === authority)
        .map((receipt) => receipt.messageId),
    );
    return sorted.filter(
      (received) => deliveredTo.has(received.messageId) || concerns(received, authority, partiesOf),
    );
  }

  async receipts(): Promise<JudicialPeerReceipt[]> {
    const text = await readFile(join(this.directory, RECEIPTS_FILE), 'utf8').catch(absentAs(''));
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as JudicialPeerReceipt);
  }

  private async readAll(): Promise<ReceivedJudicialMessage[]> {
    const entries = await readdir(this.directory).catch(absentAs<string[]>([]));
    const files = entries.filter((entry) => entry.endsWith('.json') && !entry.startsWith('.'));
    const read = await Promise.all(
      files.map(async (file): Promise<ReceivedJudicialMessage | undefined> => {
        const path = join(this.directory, file);
        const [text, facts] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
        // Stored only after the reader accepted it: unreadable now means someone edited the file.
        const reading = readJudicialMessage(Buffer.from(text, 'utf8'), {
          maxDepth: this.options.maxJsonDepth,
        });
        if (!reading.ok) return undefined;
        const message = reading.message;
        return {
          messageId: message.id,
          type: message.type,
          from: message.from,
          sentAt: message.sentAt,
          requestId: requestIdOf(message),
          storedAt: facts.mtime.toISOString(),
          file: path,
          message,
        };
      }),
    );
    return read.filter((received): received is ReceivedJudicialMessage => received !== undefined);
  }

  private async serialised<T>(id: string, action: () => Promise<T>): Promise<T> {
    const previous = this.inFlight.get(id) ?? Promise.resolve();
    const current = previous.then(action, action);
    this.inFlight.set(id, current);
    try {
      return await current;
    } finally {
      if (this.inFlight.get(id) === current) this.inFlight.delete(id);
    }
  }

  /** The ids were checked as lower-case UUIDs by the reader: safe as file names. */
  private async store(
    id: string,
    body: Buffer,
    signature: Buffer,
  ): Promise<'new' | 'duplicate' | 'conflict'> {
    const json = join(this.directory, `${id}.json`);
    const held = await readFile(json).catch(absentAs<Buffer | undefined>(undefined));
    if (held) return held.equals(body) ? 'duplicate' : 'conflict';
    await mkdir(this.directory, { recursive: true });
    // The signature first, the message last (rename is atomic, POSIX rename(2)): a message is
    // listed only once both files are whole; a .p7s left alone by a crash is simply replaced.
    await this.writeAtomically(join(this.directory, `${id}.p7s`), signature);
    await this.writeAtomically(json, body);
    return 'new';
  }

  private async recordReceipt(receipt: JudicialPeerReceipt): Promise<void> {
    await appendFile(join(this.directory, RECEIPTS_FILE), `${JSON.stringify(receipt)}\n`);
  }

  private async writeAtomically(path: string, content: Buffer): Promise<void> {
    const temporary = join(this.directory, `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx', FILE_MODE);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, path);
    } catch (error: unknown) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}

function refused(status: number, code: string, reason: string, raison: string): JudicialPeerAcceptance {
  return { ok: false, status, code, reason, raison };
}

function concerns(
  received: ReceivedJudicialMessage,
  authority: string,
  partiesOf: ReadonlyMap<string, string[]>,
): boolean {
  const { message } = received;
  if (message.from === authority) return true;
  switch (message.type) {
    case 'judicial.request':
      return [message.payload.requesting.authority, message.payload.requested.authority].includes(authority);
    case 'judicial.status':
      return partiesOf.get(message.payload.requestId)?.includes(authority) ?? false;
    case 'judicial.contact':
      return message.payload.to === authority;
  }
}

function absentAs<T>(value: T): (error: unknown) => T {
  return (error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return value;
    throw error;
  };
}
