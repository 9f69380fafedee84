import { EnvelopeError, parseEnvelope, type PcmsEnvelope } from '@pcms/envelope';
import {
  Outcome,
  type AmqpConnection,
  type AmqpMessage,
  type ConsumerHandle,
  type ConsumerOutcome,
  type MessagingLogger,
} from '@pcms/messaging';
import { TrustError, TrustErrorCode, type SignatureVerifier, type VerifiedSignature } from '@pcms/trust';
import type { HandledMessageStore, Refusal } from './handled-message.store';

export interface ReceivedMessage {
  envelope: PcmsEnvelope;
  signature: VerifiedSignature;
}

/** The platform's own work on a message; it throws to have the message given again later. */
export type PlatformMessageHandler = (message: ReceivedMessage) => Promise<void> | void;

export interface PlatformConsumerOptions {
  readonly store: HandledMessageStore;
  readonly handler: PlatformMessageHandler;
  /** Wait before a failed message goes back to the queue: doubles per failure of the same id. */
  readonly retry?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
  readonly logger?: MessagingLogger;
  /** Told of every copy refused before the handler (bad signature, unreadable envelope). */
  readonly onRefused?: (refusal: Refusal) => void;
}

/** What the platform counts, from its own side of the queue. */
export interface PlatformCounters {
  /** Every copy the broker delivered, duplicates and refusals included. */
  readonly received: number;
  /** Copies of an id already handled (in this process or before a restart), acknowledged unseen. */
  readonly duplicatesDropped: number;
  /** Messages the handler finished and the store recorded: at most one per id. */
  readonly handled: number;
  /** Copies whose gateway signature did not verify; never handed to the handler. */
  readonly signatureFailures: number;
  /** Copies correctly signed whose body is not a readable envelope; never handed to the handler. */
  readonly envelopeRefusals: number;
  /** Handler calls that threw; the copy went back to the queue. */
  readonly handlerFailures: number;
}

type MutableCounters = { -readonly [K in keyof PlatformCounters]: PlatformCounters[K] };

/** Stage named in the gateway's dead-letter queue when a platform refuses a copy. */
export const PLATFORM_RECEIVE_STAGE = 'platform-receive';

/** Why a copy goes back to the queue (named on the requeue outcome). */
export const PlatformRetryCode = {
  handlerFailed: 'PLATFORM_HANDLER_FAILED',
  notRecorded: 'PLATFORM_HANDLED_NOT_RECORDED',
  unexpected: 'PLATFORM_RECEIVE_UNEXPECTED',
} as const;

const silentLogger: MessagingLogger = { warn: () => undefined, error: () => undefined };

/**
 * Reads one platform's queue effectively once: each copy is verified as signed by the gateway,
 * dropped when its id is already in the platform's store, otherwise handed to the handler, and
 * acknowledged only after the handler resolved and the id was recorded. A copy that is refused
 * is rejected without requeue: the queue's own dead-letter exchange takes it to the gateway's
 * dead-letter queue (a platform's broker user may not publish there), and the code stays here.
 */
export class PlatformConsumer {
  private readonly counts: MutableCounters = {
    received: 0,
    duplicatesDropped: 0,
    handled: 0,
    signatureFailures: 0,
    envelopeRefusals: 0,
    handlerFailures: 0,
  };
  /** Copies of one id run one after another: a redelivered copy waits for the first's verdict. */
  private readonly byId = new Map<string, Promise<ConsumerOutcome>>();
  private readonly failures = new Map<string, number>();
  private readonly sleepers = new Set<() => void>();
  private readonly logger: MessagingLogger;
  private handle?: ConsumerHandle;
  private stopped = false;

  constructor(
    private readonly queue: string,
    private readonly verifier: SignatureVerifier,
    private readonly amqp: AmqpConnection,
    private readonly options: PlatformConsumerOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
  }

  get counters(): PlatformCounters {
    return { ...this.counts };
  }

  async start(): Promise<this> {
    this.handle = await this.amqp.consume(this.queue, (message) => this.receive(message), {
      stage: PLATFORM_RECEIVE_STAGE,
      // receive() catches its own errors; should one escape, keep the message rather than lose it.
      errorPolicy: (error) =>
        Outcome.requeue(PlatformRetryCode.unexpected, error instanceof Error ? error.message : String(error)),
    });
    return this;
  }

  /**
   * Stops taking messages; a copy waiting out its retry delay goes back to the queue at once.
   * A handler still running keeps its copy unacknowledged until it returns.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const wake of this.sleepers) wake();
    await this.handle?.cancel();
  }

  private async receive(message: AmqpMessage): Promise<ConsumerOutcome> {
    this.counts.received += 1;
    const header = message.headers['pcms-signature'];
    let signature: VerifiedSignature;
    try {
      signature = this.verifier.verify(
        message.body,
        typeof header === 'string' && header !== '' ? Buffer.from(header, 'base64') : undefined,
        { expectedSigner: 'GATEWAY' },
      );
    } catch (error: unknown) {
      this.counts.signatureFailures += 1;
      const code = error instanceof TrustError ? error.code : TrustErrorCode.SIGNATURE_MALFORMED;
      return this.refuse(message, code, 'gateway signature refused / signature de la passerelle refusée');
    }
    let envelope: PcmsEnvelope;
    try {
      envelope = parseEnvelope(message.body);
    } catch (error: unknown) {
      this.counts.envelopeRefusals += 1;
      const code = error instanceof EnvelopeError ? error.code : 'ENVELOPE_UNREADABLE';
      return this.refuse(message, code, 'unreadable envelope / enveloppe illisible');
    }
    return this.oneAfterAnother(envelope.id, () => this.handleOnce({ envelope, signature }, message));
  }

  private oneAfterAnother(id: string, work: () => Promise<ConsumerOutcome>): Promise<ConsumerOutcome> {
    const previous = this.byId.get(id) ?? Promise.resolve(Outcome.ack());
    const next = previous.then(work, work);
    this.byId.set(id, next);
    void next.finally(() => {
      if (this.byId.get(id) === next) this.byId.delete(id);
    });
    return next;
  }

  /**
   * Order: handler, then record, then ack. A crash after the record and before the ack only
   * brings a copy back, which the store drops. A crash after the handler succeeded and before the
   * record commits lets the next copy reach the handler again: that window is the platform's
   * (make the handler idempotent on `envelope.id`, or keep its effect in this store's file).
   */
  private async handleOnce(received: ReceivedMessage, message: AmqpMessage): Promise<ConsumerOutcome> {
    const id = received.envelope.id;
    const fields = { queue: this.queue, messageId: id, correlationId: received.envelope.correlationId };
    if (this.options.store.hasHandled(id)) {
      this.counts.duplicatesDropped += 1;
      return Outcome.ack();
    }
    try {
      await this.options.handler(received);
    } catch (error: unknown) {
      this.counts.handlerFailures += 1;
      this.logger.warn(
        'platform handler failed, the message will come again / échec du traitement, le message reviendra',
        {
          ...fields,
          redelivered: message.redelivered,
          error: error instanceof Error ? error.message : String(error),
        },
      );
      return this.later(id, PlatformRetryCode.handlerFailed, 'platform handler failed');
    }
    try {
      this.options.store.markHandled(id);
    } catch (error: unknown) {
      this.logger.error(
        'handled message not recorded, it will come again / message traité non enregistré, il reviendra',
        {
          ...fields,
          error: error instanceof Error ? error.message : String(error),
        },
      );
      return this.later(id, PlatformRetryCode.notRecorded, 'handled message not recorded');
    }
    this.failures.delete(id);
    this.counts.handled += 1;
    return Outcome.ack();
  }

  /** Holds the copy (unacknowledged) for the retry delay, then hands it back to the queue. */
  private async later(id: string, code: string, reason: string): Promise<ConsumerOutcome> {
    const failures = (this.failures.get(id) ?? 0) + 1;
    this.failures.set(id, failures);
    const initial = this.options.retry?.initialDelayMs ?? 1_000;
    const max = this.options.retry?.maxDelayMs ?? 60_000;
    const delay = Math.min(initial * 2 ** (failures - 1), max);
    if (!this.stopped) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, delay);
        this.sleepers.add(wake);
      });
    }
    return Outcome.requeue(code, reason);
  }

  private refuse(message: AmqpMessage, code: string, reason: string): ConsumerOutcome {
    const refusal: Refusal = {
      messageId: message.messageId,
      code,
      reason,
      refusedAt: new Date().toISOString(),
    };
    try {
      this.options.store.recordRefusal(refusal);
    } catch (error: unknown) {
      this.logger.error('refusal not recorded / refus non enregistré', {
        queue: this.queue,
        messageId: message.messageId,
        code,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    this.logger.warn(`${reason} (${code})`, { queue: this.queue, messageId: message.messageId, code });
    try {
      this.options.onRefused?.(refusal);
    } catch {
      // An observer cannot turn a refusal into a retry loop.
    }
    return Outcome.deadLetter(code, reason, PLATFORM_RECEIVE_STAGE);
  }
}
