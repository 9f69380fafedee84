import type { EnqueueOutcome, NoticeDeliveryJob } from '@pcms/delivery';
import type { JournalEmitter } from '@pcms/journal-emitter';
import {
  DeadLetterHeader,
  type AmqpConnection,
  type GatewayTopology,
  type HeaderValue,
  type MessageHeaders,
} from '@pcms/messaging';
import type { Channel, GetMessage } from 'amqplib';
import { resolveReplayTarget, type ReplayTarget } from './dead-letter-origin.resolver';
import { DeadLettersError, DeadLettersErrorCode } from './dead-letters.error';

/** One dead letter as an operator sees it: why, where and when it failed; never its body. */
export interface DeadLetterSummary {
  readonly messageId: string | undefined;
  readonly code: string | undefined;
  readonly reason: string | undefined;
  readonly stage: string | undefined;
  readonly failedAt: string | undefined;
  readonly originalQueue: string | undefined;
  readonly originalRoutingKey: string | undefined;
}

/** The newest dead letters first, and how many the queue held when read. */
export interface DeadLetterList {
  readonly total: number;
  readonly letters: readonly DeadLetterSummary[];
}

export interface ReplayResult {
  readonly messageId: string;
  /** The code it had been dead-lettered with. */
  readonly code: string | undefined;
  /** `queue:<exchange>/<routing key>`, `delivery:requeued|queued` or `judicial-delivery:<authority>:requeued|queued`. */
  readonly to: string;
}

export interface DiscardResult {
  readonly messageId: string;
  readonly code: string | undefined;
  readonly reason: string;
}

/** Puts a failed delivery job back in the delivery queue (`DeliveryQueue.enqueue`). */
export type DeliveryRequeue = (job: NoticeDeliveryJob) => Promise<EnqueueOutcome>;

/** What a judicial delivery's dead letter keeps: enough to queue the delivery to that authority again. */
export interface JudicialDeadLetter {
  messageId: string;
  correlationId?: string;
  /** The message's bytes as its sender signed them. */
  body: Buffer;
  /** The gateway's signature over them. */
  signatureB64: string;
  /** The authority it was for (`pcms-judicial-destination`). */
  destination: string;
  /** The rule that sent it there (`pcms-judicial-rule`), when the letter says. */
  rule?: string;
}

/** Puts a failed judicial delivery back in `judicial-delivery` (@pcms/judicial judicialRequeue). */
export type JudicialDeliveryRequeue = (letter: JudicialDeadLetter) => Promise<EnqueueOutcome>;

const CORRELATION_HEADER = 'pcms-correlation-id';
const SIGNATURE_HEADER = 'pcms-signature';
const JUDICIAL_DESTINATION_HEADER = 'pcms-judicial-destination';
const JUDICIAL_RULE_HEADER = 'pcms-judicial-rule';
const FAILURE_HEADERS: ReadonlySet<string> = new Set(Object.values(DeadLetterHeader));

/**
 * The operator's desk over the dead-letter queue: list, replay to where it failed, discard.
 * Every replay and discard is journalled with who did it. A dead letter is taken on a private
 * channel; the others read on the way stay unacknowledged on it and go back to the queue when the
 * channel closes, untouched.
 */
export class DeadLetterDesk {
  constructor(
    private readonly amqp: AmqpConnection,
    private readonly topology: GatewayTopology,
    private readonly journal: JournalEmitter,
    private readonly requeueDelivery?: DeliveryRequeue,
    private readonly requeueJudicialDelivery?: JudicialDeliveryRequeue,
  ) {}

  /** The newest `limit` dead letters, left in place, and how many the queue holds. */
  list(limit: number): Promise<DeadLetterList> {
    return listDeadLetters(this.amqp, this.topology.declaration.deadLetterQueue, limit);
  }

  /**
   * Sends the dead letter back where it failed (confirmed by the broker, or re-enqueued as a
   * delivery job), THEN acknowledges it: a crash in between leaves a duplicate, never a loss.
   */
  async replay(messageId: string, operator: string): Promise<ReplayResult> {
    return this.take(messageId, async (letter, headers) => {
      const code = text(headers[DeadLetterHeader.errorCode]);
      const target = resolveReplayTarget(
        this.topology,
        text(headers[DeadLetterHeader.originalQueue]),
        text(headers[DeadLetterHeader.originalRoutingKey]),
      );
      const to = await this.send(messageId, letter, headers, target);
      await this.journal.emit({
        messageId,
        correlationId: text(headers[CORRELATION_HEADER]),
        stage: 'replayed',
        details: { code, to, operator },
        // One event per replay: a message may be dead-lettered and replayed more than once.
        discriminator: `replay:${text(headers[DeadLetterHeader.failedAt]) ?? ''}`,
      });
      return { messageId, code, to };
    });
  }

  /** Acknowledges the dead letter away, after the journal confirmed who discarded it and why. */
  async discard(messageId: string, reason: string, operator: string): Promise<DiscardResult> {
    return this.take(messageId, async (_letter, headers) => {
      const code = text(headers[DeadLetterHeader.errorCode]);
      // JOURNAL_STAGES has no `discarded`: the end of a dead letter is still `dead-lettered`.
      await this.journal.emit({
        messageId,
        correlationId: text(headers[CORRELATION_HEADER]),
        stage: 'dead-lettered',
        details: { discarded: true, code, reason, operator },
        discriminator: `discard:${text(headers[DeadLetterHeader.failedAt]) ?? ''}`,
      });
      return { messageId, code, reason };
    });
  }

  /**
   * Finds `messageId` in the dead-letter queue, runs `use` on it and acknowledges it only if
   * `use` resolved. Whatever happens, closing the channel requeues every other message read.
   */
  private async take<T>(
    messageId: string,
    use: (letter: GetMessage, headers: MessageHeaders) => Promise<T>,
  ): Promise<T> {
    const queue = this.topology.declaration.deadLetterQueue;
    return this.amqp.withTemporaryChannel(async (channel) => {
      const letter = await find(channel, queue, messageId);
      if (!letter) throw new DeadLettersError(DeadLettersErrorCode.DEAD_LETTER_NOT_FOUND, messageId);
      const result = await use(letter, headersOf(letter));
      channel.ack(letter);
      // The ack is asynchronous; a round trip on the same channel makes sure the broker got it.
      await channel.checkQueue(queue);
      return result;
    });
  }

  private async send(
    messageId: string,
    letter: GetMessage,
    headers: MessageHeaders,
    target: ReplayTarget,
  ): Promise<string> {
    switch (target.kind) {
      case 'queue':
        await this.amqp.publish(target.route, letter.content, {
          headers: withoutFailureHeaders(headers),
          messageId,
        });
        return `queue:${target.route.exchange}/${target.route.routingKey}`;
      case 'delivery':
        return `delivery:${await this.requeue(messageId, letter, headers)}`;
      case 'judicial-delivery':
        return this.requeueJudicial(messageId, letter, headers);
      case 'not-replayable':
        throw new DeadLettersError(
          DeadLettersErrorCode.NOT_REPLAYABLE,
          `${messageId} came through ${target.origin ?? 'an unknown door'}`,
        );
      case 'unknown':
        throw new DeadLettersError(DeadLettersErrorCode.ORIGIN_UNKNOWN, `${messageId} from ${target.origin}`);
    }
  }

  private async requeue(
    messageId: string,
    letter: GetMessage,
    headers: MessageHeaders,
  ): Promise<EnqueueOutcome> {
    const signatureB64 = text(headers[SIGNATURE_HEADER]);
    if (!signatureB64) throw new DeadLettersError(DeadLettersErrorCode.DELIVERY_INCOMPLETE, messageId);
    if (!this.requeueDelivery) {
      throw new DeadLettersError(
        DeadLettersErrorCode.NOT_REPLAYABLE,
        `${messageId}: no delivery queue given`,
      );
    }
    const outcome = await this.requeueDelivery({
      messageId,
      correlationId: text(headers[CORRELATION_HEADER]),
      noticeXml: letter.content.toString('utf8'),
      signatureB64,
      // The quarantine keeps the signed notice, not which mapping made it; the journal has that.
      mapping: { id: 'replayed-dead-letter', version: '-' },
    });
    if (outcome === 'duplicate') {
      throw new DeadLettersError(DeadLettersErrorCode.DELIVERY_NOT_REQUEUED, messageId);
    }
    return outcome;
  }

  /** A judicial delivery goes back to the one authority it failed for, signed as it was. */
  private async requeueJudicial(
    messageId: string,
    letter: GetMessage,
    headers: MessageHeaders,
  ): Promise<string> {
    const signatureB64 = text(headers[SIGNATURE_HEADER]);
    const destination = text(headers[JUDICIAL_DESTINATION_HEADER]);
    if (!signatureB64 || !destination) {
      throw new DeadLettersError(DeadLettersErrorCode.DELIVERY_INCOMPLETE, messageId);
    }
    if (!this.requeueJudicialDelivery) {
      throw new DeadLettersError(
        DeadLettersErrorCode.NOT_REPLAYABLE,
        `${messageId}: no judicial delivery queue given`,
      );
    }
    const correlationId = text(headers[CORRELATION_HEADER]);
    const rule = text(headers[JUDICIAL_RULE_HEADER]);
    const outcome = await this.requeueJudicialDelivery({
      messageId,
      ...(correlationId ? { correlationId } : {}),
      body: letter.content,
      signatureB64,
      destination,
      ...(rule ? { rule } : {}),
    });
    if (outcome === 'duplicate') {
      throw new DeadLettersError(DeadLettersErrorCode.DELIVERY_NOT_REQUEUED, messageId);
    }
    return `judicial-delivery:${destination}:${outcome}`;
  }
}

/** Reads up to the queue's current depth, leaving what it passes unacknowledged on `channel`. */
async function find(channel: Channel, queue: string, messageId: string): Promise<GetMessage | undefined> {
  const { messageCount } = await channel.checkQueue(queue);
  for (let read = 0; read < messageCount; read += 1) {
    const raw = await channel.get(queue, { noAck: false });
    if (raw === false) return undefined;
    if (raw.properties.messageId === messageId) return raw;
  }
  return undefined;
}

/**
 * The newest `limit` dead letters of `queue`, left in place, and how many it holds: the one an
 * operator just caused must show however many older ones wait. The queue is FIFO, so the whole
 * of it (its depth at the start) is read on a private channel, unacknowledged, and handed back in
 * order when the channel closes; only the headers are kept, never the bodies.
 */
export async function listDeadLetters(
  amqp: AmqpConnection,
  queue: string,
  limit: number,
): Promise<DeadLetterList> {
  const read = await amqp.withTemporaryChannel(async (channel) => {
    const { messageCount } = await channel.checkQueue(queue);
    const letters: DeadLetterSummary[] = [];
    for (let index = 0; index < messageCount; index += 1) {
      const raw = await channel.get(queue, { noAck: false });
      if (raw === false) break;
      letters.push(summaryOf(raw));
    }
    return letters;
  });
  // Queue order is arrival order; a replayed letter that failed again carries its new failedAt.
  const newestFirst = read
    .map((letter, position) => ({ letter, position }))
    .sort(
      (a, b) => (b.letter.failedAt ?? '').localeCompare(a.letter.failedAt ?? '') || b.position - a.position,
    )
    .map(({ letter }) => letter);
  return { total: read.length, letters: newestFirst.slice(0, limit) };
}

function summaryOf(raw: GetMessage): DeadLetterSummary {
  const headers = headersOf(raw);
  return {
    messageId: typeof raw.properties.messageId === 'string' ? raw.properties.messageId : undefined,
    code: text(headers[DeadLetterHeader.errorCode]),
    reason: text(headers[DeadLetterHeader.errorReason]),
    stage: text(headers[DeadLetterHeader.stage]),
    failedAt: text(headers[DeadLetterHeader.failedAt]),
    originalQueue: text(headers[DeadLetterHeader.originalQueue]),
    originalRoutingKey: text(headers[DeadLetterHeader.originalRoutingKey]),
  };
}

function headersOf(raw: GetMessage): MessageHeaders {
  const headers: Record<string, HeaderValue | undefined> = {};
  for (const [name, value] of Object.entries(raw.properties.headers ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      headers[name] = value;
    } else if (Buffer.isBuffer(value)) {
      headers[name] = value.toString('utf8');
    }
  }
  return headers;
}

/** The original headers, without the reason of the failure it is being replayed after. */
function withoutFailureHeaders(headers: MessageHeaders): Record<string, HeaderValue | undefined> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => !FAILURE_HEADERS.has(name) && !name.startsWith('x-pcms-error-'),
    ),
  );
}

function text(value: HeaderValue | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
