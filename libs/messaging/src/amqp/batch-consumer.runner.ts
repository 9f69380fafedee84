import type { Channel, ConsumeMessage } from 'amqplib';
import { MessagingError } from '../messaging.error';
import type { HeaderValue, RetryTopology, Route } from '../topology/topology.types';
import { toAmqpMessage, type AmqpMessage } from './amqp-message';
import type { MessagingLogger } from './amqp-connection';
import { describeError, isConsumerOutcome, Outcome, type ConsumerOutcome } from './consumer-outcome';
import { deadLetterHeaders } from './dead-letter.headers';
import { limitedOutcome, retryPublication, retryStateOf } from './retry';

/** Why a batch goes round again when the handler threw (its store did not commit). */
export const BATCH_NOT_COMMITTED = 'BATCH_NOT_COMMITTED';

export interface BatchOptions {
  /** Most messages handed to the handler at once (also the consumer's prefetch). Default 200. */
  readonly maxBatch?: number;
  /** How long the first message of a batch waits for others. Default 100 ms. */
  readonly maxWaitMs?: number;
}

/**
 * Decides a whole batch: one outcome per message, in the same order. Throwing requeues the whole
 * batch (nothing of it was acknowledged), so a handler that commits atomically loses nothing.
 */
export type BatchHandler = (messages: readonly AmqpMessage[]) => Promise<readonly ConsumerOutcome[]>;

type Publish = (
  route: Route,
  body: Buffer,
  headers: Record<string, HeaderValue | undefined>,
  messageId: string | undefined,
) => Promise<void>;

interface Pending {
  readonly raw: ConsumeMessage;
  readonly message: AmqpMessage;
  readonly channel: Channel | undefined;
}

/**
 * Gathers deliveries into batches and settles each message only after the handler resolved
 * (the ack rule: acknowledged once what it caused is committed). A batch whose channel died
 * before it was settled is redelivered by the broker: the handler must be idempotent.
 */
export class BatchConsumerRunner {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  readonly maxBatch: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly queue: string,
    private readonly handler: BatchHandler,
    private readonly logger: MessagingLogger,
    private readonly publish: Publish,
    private readonly deadLetterExchange: string | undefined,
    private readonly track: (work: Promise<void>) => void,
    options: BatchOptions = {},
    private readonly retry?: RetryTopology,
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.maxWaitMs = options.maxWaitMs ?? 100;
  }

  receive(raw: ConsumeMessage, channel: Channel | undefined): void {
    const message = toAmqpMessage(raw, this.queue);
    this.pending.push({ raw, message: { ...message, retry: retryStateOf(message, this.retry) }, channel });
    if (this.pending.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
  }

  /** Hands what is gathered to the handler now (on a full batch, the timer, or cancel). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.track(this.run(batch));
  }

  private async run(batch: Pending[]): Promise<void> {
    let outcomes: readonly ConsumerOutcome[];
    try {
      outcomes = await this.handler(batch.map((p) => p.message));
      if (outcomes.length !== batch.length || !outcomes.every(isConsumerOutcome)) {
        throw new Error(
          `the batch handler returned ${outcomes.length} outcomes for ${batch.length} messages`,
        );
      }
    } catch (error: unknown) {
      this.logger.error(
        'batch not committed, retried after a delay / lot non enregistré, réessayé après un délai',
        {
          queue: this.queue,
          size: batch.length,
          error: describeError(error),
        },
      );
      // The database away is no verdict on the events: each goes round again, delayed and counted.
      const code = error instanceof MessagingError ? error.code : BATCH_NOT_COMMITTED;
      const again = Outcome.requeue(code, describeError(error));
      await Promise.all(batch.map((p) => this.settleOutcome(p, again)));
      return;
    }
    await Promise.all(batch.map((p, i) => this.settleOutcome(p, outcomes[i])));
  }

  /** Through the retry layout when there is one; straight back to the queue otherwise. */
  private async requeue(p: Pending, outcome: Extract<ConsumerOutcome, { kind: 'requeue' }>): Promise<void> {
    if (!this.retry) return this.settle(p, (c) => c.nack(p.raw, false, true));
    const state = p.message.retry ?? { attempts: 0, done: [] };
    const { route, headers } = retryPublication(p.message, this.retry, outcome, state);
    try {
      await this.publish(route, p.message.body, headers, p.message.messageId);
    } catch (error: unknown) {
      this.logger.error(
        'retry not confirmed, requeueing at once / nouvel essai non confirmé, remis en file aussitôt',
        {
          queue: this.queue,
          messageId: p.message.messageId,
          error: describeError(error),
        },
      );
      return this.settle(p, (c) => c.nack(p.raw, false, true));
    }
    this.settle(p, (c) => c.ack(p.raw));
  }

  private async settleOutcome(p: Pending, decided: ConsumerOutcome): Promise<void> {
    const outcome = limitedOutcome(decided, p.message, this.retry, this.queue);
    if (outcome.kind === 'ack') return this.settle(p, (c) => c.ack(p.raw));
    if (outcome.kind === 'requeue') return this.requeue(p, outcome);
    if (!this.deadLetterExchange) return this.settle(p, (c) => c.nack(p.raw, false, false));
    try {
      await this.publish(
        {
          exchange: this.deadLetterExchange,
          routingKey: p.message.routingKey,
          body: 'pcms-journal/event-json',
        },
        p.message.body,
        { ...deadLetterHeaders(p.message, outcome, new Date()), ...outcome.record?.headers },
        p.message.messageId,
      );
    } catch (error: unknown) {
      // Not confirmed: keep the original rather than lose it.
      this.logger.error('dead letter not confirmed, requeueing', {
        queue: this.queue,
        messageId: p.message.messageId,
        error: describeError(error),
      });
      return this.settle(p, (c) => c.nack(p.raw, false, true));
    }
    this.settle(p, (c) => c.ack(p.raw));
  }

  private settle(p: Pending, settle: (channel: Channel) => void): void {
    try {
      if (!p.channel) throw new Error('no consume channel');
      settle(p.channel);
    } catch (error: unknown) {
      // The delivering channel is gone (reconnect): the broker redelivers the message by itself.
      this.logger.warn('could not settle, the broker will redeliver', {
        queue: this.queue,
        messageId: p.message.messageId,
        error: describeError(error),
      });
    }
  }
}
