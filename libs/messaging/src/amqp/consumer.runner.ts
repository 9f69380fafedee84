import type { Channel, ConsumeMessage } from 'amqplib';
import type { HeaderValue, RetryTopology, Route } from '../topology/topology.types';
import { toAmqpMessage, type AmqpMessage } from './amqp-message';
import type { MessagingLogger, OutcomeObserver } from './amqp-connection';
import {
  deadLetterUnexpected,
  INVALID_OUTCOME_CODE,
  isConsumerOutcome,
  Outcome,
  type ConsumerOutcome,
  type ErrorPolicy,
  type MessageHandler,
} from './consumer-outcome';
import { deadLetterHeaders } from './dead-letter.headers';
import { limitedOutcome, RetryHeader, retryPublication, retryStateOf } from './retry';

type Publish = (
  route: Route,
  body: Buffer,
  headers: Record<string, HeaderValue | undefined>,
  messageId: string | undefined,
) => Promise<void>;

/**
 * Runs one consumer's handler on each delivery and settles the message from the outcome.
 * Ack rule: a message is acknowledged only after everything it caused is confirmed by the broker
 * (the handler awaits its own publishes; a dead letter is confirmed before the original is acked).
 */
export class ConsumerRunner {
  constructor(
    private readonly queue: string,
    private readonly handler: MessageHandler,
    private readonly errorPolicy: ErrorPolicy,
    private readonly stage: string,
    private readonly logger: MessagingLogger,
    private readonly publish: Publish,
    private readonly deadLetterExchange: string | undefined,
    private readonly onOutcome?: OutcomeObserver,
    private readonly retry?: RetryTopology,
  ) {}

  async run(raw: ConsumeMessage, channel: Channel | undefined): Promise<void> {
    const delivered = toAmqpMessage(raw, this.queue);
    const message: AmqpMessage = { ...delivered, retry: retryStateOf(delivered, this.retry) };
    const outcome = limitedOutcome(await this.decide(message), message, this.retry, this.stage);
    this.observe(outcome, message);
    await this.settle(outcome, raw, message, channel);
  }

  /** An observer (metrics) never changes how a message is settled, even when it throws. */
  private observe(outcome: ConsumerOutcome, message: AmqpMessage): void {
    try {
      this.onOutcome?.(outcome, message);
    } catch (error: unknown) {
      this.logger.warn('outcome observer failed', {
        ...this.fields(message),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async decide(message: AmqpMessage): Promise<ConsumerOutcome> {
    try {
      const outcome: unknown = await this.handler(message);
      if (isConsumerOutcome(outcome)) return outcome;
      return Outcome.deadLetter(INVALID_OUTCOME_CODE, 'the handler returned no consumer outcome', this.stage);
    } catch (error: unknown) {
      try {
        return this.errorPolicy(error, message, this.stage);
      } catch (policyError: unknown) {
        return deadLetterUnexpected(policyError, message, this.stage);
      }
    }
  }

  private async settle(
    outcome: ConsumerOutcome,
    raw: ConsumeMessage,
    message: AmqpMessage,
    channel: Channel | undefined,
  ): Promise<void> {
    switch (outcome.kind) {
      case 'ack':
        return this.onChannel(channel, message, (c) => c.ack(raw));
      case 'requeue':
        return this.requeue(outcome, raw, message, channel);
      case 'dead-letter': {
        if (!this.deadLetterExchange) {
          // No catalogue: the queue's own x-dead-letter-exchange (if any) takes it, without reasons.
          this.logger.warn(
            'no dead-letter exchange configured, rejecting',
            this.fields(message, outcome.code),
          );
          return this.onChannel(channel, message, (c) => c.nack(raw, false, false));
        }
        try {
          await this.publish(
            {
              exchange: this.deadLetterExchange,
              routingKey: message.routingKey,
              body: 'pcms-envelope/canonical-json',
            },
            outcome.record?.body ?? message.body,
            { ...deadLetterHeaders(message, outcome, new Date()), ...outcome.record?.headers },
            message.messageId,
          );
        } catch (error: unknown) {
          // Not confirmed: keep the original rather than lose it; it comes back for another try.
          this.logger.error('dead letter not confirmed, requeueing', {
            ...this.fields(message, outcome.code),
            error: error instanceof Error ? error.message : String(error),
          });
          return this.onChannel(channel, message, (c) => c.nack(raw, false, true));
        }
        return this.onChannel(channel, message, (c) => c.ack(raw));
      }
    }
  }

  /**
   * Through a wait queue of the retry layout, so that it comes back after a growing delay instead
   * of at once. The copy is confirmed before the original is acked; unconfirmed, the original goes
   * straight back (as it did before delayed retries existed).
   */
  private async requeue(
    outcome: Extract<ConsumerOutcome, { kind: 'requeue' }>,
    raw: ConsumeMessage,
    message: AmqpMessage,
    channel: Channel | undefined,
  ): Promise<void> {
    if (!this.retry) return this.onChannel(channel, message, (c) => c.nack(raw, false, true));
    const state = message.retry ?? { attempts: 0, done: [] };
    const { route, headers } = retryPublication(message, this.retry, outcome, state);
    try {
      await this.publish(route, message.body, headers, message.messageId);
    } catch (error: unknown) {
      this.logger.error(
        'retry not confirmed, requeueing at once / nouvel essai non confirmé, remis en file aussitôt',
        {
          ...this.fields(message, outcome.code),
          error: error instanceof Error ? error.message : String(error),
        },
      );
      return this.onChannel(channel, message, (c) => c.nack(raw, false, true));
    }
    this.logger.warn('requeued with a delay / remis en file avec un délai', {
      ...this.fields(message, outcome.code),
      attempts: headers[RetryHeader.attempts],
      delayMs: Number(headers[RetryHeader.delay]),
      reason: outcome.reason,
    });
    return this.onChannel(channel, message, (c) => c.ack(raw));
  }

  private onChannel(
    channel: Channel | undefined,
    message: AmqpMessage,
    settle: (channel: Channel) => void,
  ): void {
    try {
      if (!channel) throw new Error('no consume channel');
      settle(channel);
    } catch (error: unknown) {
      // The delivering channel is gone (reconnect): the broker redelivers the message by itself.
      this.logger.warn('could not settle, the broker will redeliver', {
        ...this.fields(message),
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private fields(message: AmqpMessage, code?: string): Record<string, unknown> {
    return {
      queue: this.queue,
      messageId: message.messageId,
      correlationId: message.headers['pcms-correlation-id'],
      code,
    };
  }
}
