import type { Channel, ConsumeMessage } from 'amqplib';
import type { HeaderValue, Route } from '../topology/topology.types';
import { toAmqpMessage, type AmqpMessage } from './amqp-message';
import type { MessagingLogger } from './amqp-connection';
import { describeError, isConsumerOutcome, type ConsumerOutcome } from './consumer-outcome';
import { deadLetterHeaders } from './dead-letter.headers';

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
  ) {
    this.maxBatch = options.maxBatch ?? 200;
    this.maxWaitMs = options.maxWaitMs ?? 100;
  }

  receive(raw: ConsumeMessage, channel: Channel | undefined): void {
    this.pending.push({ raw, message: toAmqpMessage(raw, this.queue), channel });
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
      this.logger.error('batch not committed, requeueing it', {
        queue: this.queue,
        size: batch.length,
        error: describeError(error),
      });
      for (const p of batch) this.settle(p, (c) => c.nack(p.raw, false, true));
      return;
    }
    await Promise.all(batch.map((p, i) => this.settleOutcome(p, outcomes[i])));
  }

  private async settleOutcome(p: Pending, outcome: ConsumerOutcome): Promise<void> {
    if (outcome.kind === 'ack') return this.settle(p, (c) => c.ack(p.raw));
    if (outcome.kind === 'requeue' || !this.deadLetterExchange) {
      return this.settle(p, (c) => c.nack(p.raw, false, outcome.kind === 'requeue'));
    }
    try {
      await this.publish(
        {
          exchange: this.deadLetterExchange,
          routingKey: p.message.routingKey,
          body: 'pcms-journal/event-json',
        },
        p.message.body,
        deadLetterHeaders(p.message, outcome, new Date()),
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
