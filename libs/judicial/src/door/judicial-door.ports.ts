// What the judicial door needs from the process around it, as small interfaces: the app wires the
// real ones (the store, Redis claims, the journal emitter, the broker), a unit test wires fakes.
import type { JournalStage } from '@pcms/journal';
import type { SignatureVerifier } from '@pcms/trust';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { JudicialStore } from '../store/judicial-store.types';
import type { JudicialMessage } from '../wire/judicial-message';
import type { DefaultEndpoint } from '../delivery/judicial-dispatcher';
import type { AttachmentFetch } from './judicial-door.attachments';
import type { JudicialDoorRefusal } from './judicial-door.codes';

/** A body refused for its size, as the doors' bounded reader measures it (@pcms/signed-http OversizeBody). */
export interface OversizeMeasure {
  readonly bytes: number;
  /** SHA-256 (hex) of its first `headBytes` bytes. */
  readonly headSha256: string;
  readonly headBytes: number;
}

/** The TLS client certificate's identity, as the HTTP layer read it. */
export interface DoorClient {
  readonly id: string;
  readonly role: string;
  readonly certificatePem: string;
}

export interface JudicialDoorInput {
  /** The exact bytes the signature covers; empty when `oversize`. */
  readonly body: Buffer;
  /** The body passed limits.maxMessageBytes: its measure, nothing of it was kept. */
  readonly oversize?: OversizeMeasure;
  /** x-pcms-signature: base64 of the detached CMS SignedData over `body`. */
  readonly signature?: string;
  /** x-pcms-message-id: must be the message's `id`. */
  readonly messageIdHeader?: string;
  /** The TLS client, or why none could be named (SignedHttpError's code and reason). */
  readonly client: DoorClient | { readonly refused: { readonly code: string; readonly reason: string } };
}

export type JudicialDoorAnswer =
  | { readonly outcome: 'accepted'; readonly messageId: string }
  /** The same message (id and bytes) was accepted before: nothing new happens. */
  | { readonly outcome: 'duplicate'; readonly messageId: string }
  /** Another copy is being taken right now (or a crashed one's claim has not lapsed): retry. */
  | { readonly outcome: 'in-progress'; readonly messageId: string }
  | { readonly outcome: 'refused'; readonly refusal: JudicialDoorRefusal }
  /** Something the door needs from elsewhere cannot be had now (the sender's attachments): retry. */
  | {
      readonly outcome: 'unavailable';
      readonly messageId: string;
      readonly code: string;
      readonly reason: string;
      readonly raison: string;
    };

/** What the next hop receives: the very bytes the sender signed, and its signature. */
export interface AcceptedJudicialMessage {
  readonly message: JudicialMessage;
  readonly bytes: Buffer;
  /** The sender's x-pcms-signature as received (base64 DER). */
  readonly signature: string;
  /** The request the message is about, when there is one. */
  readonly correlationId?: string;
}

/** A refused message, for the dead-letter queue: the body (or, past the size limit, its measure) and why. */
export interface RefusedJudicialMessage {
  readonly body: Buffer;
  readonly oversize?: OversizeMeasure;
  readonly refusal: JudicialDoorRefusal;
  readonly messageId?: string;
  readonly client?: string;
  readonly signature?: string;
}

/** One journal stage, as @pcms/journal-emitter's JournalEmitter takes it. */
export interface JudicialDoorEvent {
  readonly messageId: string;
  readonly stage: JournalStage;
  readonly correlationId?: string;
  readonly details?: Record<string, unknown>;
  readonly discriminator?: string;
  readonly payload?: { readonly contentType: string; readonly bytes: Buffer };
}

export interface JudicialDoorPorts {
  readonly directory: JudicialDirectory;
  readonly verifier: Pick<SignatureVerifier, 'verify' | 'assertNotRevoked'>;
  readonly store: Pick<JudicialStore, 'submit' | 'move' | 'recordReceipt' | 'find'>;
  /** Idempotency by message id and bytes (@pcms/dedupe's DedupeStore). */
  readonly claims: {
    claim(id: string, content: Buffer): Promise<'new' | 'duplicate' | 'in-progress' | 'conflict'>;
    complete(id: string, content: Buffer): Promise<void>;
    release(id: string, content: Buffer): Promise<void>;
  };
  /** Resolves once the broker confirmed every event. */
  readonly journal: { emit(events: readonly JudicialDoorEvent[]): Promise<void> };
  /** Hands the accepted message on; resolves once it is durable (publisher confirm). */
  relay(accepted: AcceptedJudicialMessage): Promise<void>;
  /** Fetches an attachment from its sender's system and hashes it (judicialAttachmentFetcher). */
  readonly attachments: AttachmentFetch;
  /** Keeps a refused message in the dead-letter queue with its reason; resolves once confirmed. */
  quarantine(refused: RefusedJudicialMessage): Promise<void>;
}

export interface JudicialDoorOptions {
  /** limits.maxMessageBytes. */
  readonly maxMessageBytes: number;
  /** limits.maxJsonDepth. */
  readonly maxJsonDepth: number;
  /** limits.maxClockSkewSeconds: how far ahead of our clock a sentAt may be. */
  readonly maxClockSkewSeconds: number;
  /** Who gives the transport evidence (the gateway's PKI id). */
  readonly issuer: string;
  /**
   * judicialAdapter.defaultEndpoint(Id): where an authority without an `endpoint` of its own is
   * reached, hence the only origin its attachments may be fetched from.
   */
  readonly authoritySystems: DefaultEndpoint;
  readonly clock?: () => Date;
}
