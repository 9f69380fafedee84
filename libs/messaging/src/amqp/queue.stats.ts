import type { Channel } from 'amqplib';
import { MessagingError, MessagingErrorCode } from '../messaging.error';
import type { AmqpConnection } from './amqp-connection';
import { toAmqpMessage, type MessageHeaders } from './amqp-message';
import { DeadLetterHeader } from './dead-letter.headers';

export interface QueueDepth {
  readonly queue: string;
  readonly messageCount: number;
  readonly consumerCount: number;
}

export interface DeadLetter {
  readonly messageId: string | undefined;
  readonly code: string | undefined;
  readonly reason: string | undefined;
  readonly stage: string | undefined;
  readonly failedAt: string | undefined;
  readonly originalRoutingKey: string | undefined;
  readonly originalQueue: string | undefined;
  readonly headers: MessageHeaders;
  readonly body: Buffer;
}

/** Read-only views of the broker for the `status` command and the console. */
export class QueueStats {
  constructor(
    private readonly connection: AmqpConnection,
    private readonly deadLetterQueue: string,
  ) {}

  async queueDepths(names: readonly string[]): Promise<QueueDepth[]> {
    const depths: QueueDepth[] = [];
    // One channel per queue: a 404 on checkQueue closes the channel it was asked on.
    for (const queue of names) {
      depths.push(await this.connection.withTemporaryChannel((channel) => this.depth(channel, queue)));
    }
    return depths;
  }

  /**
   * Up to `limit` dead letters from the head of the queue, left in place: they are fetched
   * unacknowledged on a private channel, and closing that channel hands them back to the queue in
   * their original order. While being read they are briefly invisible to other readers, and their
   * `redelivered` flag is set afterwards.
   */
  async peekDeadLetters(limit: number): Promise<DeadLetter[]> {
    return this.connection.withTemporaryChannel(async (channel) => {
      await this.depth(channel, this.deadLetterQueue);
      const letters: DeadLetter[] = [];
      while (letters.length < limit) {
        const raw = await channel.get(this.deadLetterQueue, { noAck: false });
        if (raw === false) break;
        const message = toAmqpMessage(raw, this.deadLetterQueue);
        const text = (name: string): string | undefined => {
          const value = message.headers[name];
          return value === undefined ? undefined : String(value);
        };
        letters.push({
          messageId: message.messageId,
          code: text(DeadLetterHeader.errorCode),
          reason: text(DeadLetterHeader.errorReason),
          stage: text(DeadLetterHeader.stage),
          failedAt: text(DeadLetterHeader.failedAt),
          originalRoutingKey: text(DeadLetterHeader.originalRoutingKey),
          originalQueue: text(DeadLetterHeader.originalQueue),
          headers: message.headers,
          body: message.body,
        });
      }
      return letters;
    });
  }

  private async depth(channel: Channel, queue: string): Promise<QueueDepth> {
    try {
      const { messageCount, consumerCount } = await channel.checkQueue(queue);
      return { queue, messageCount, consumerCount };
    } catch (error: unknown) {
      // AMQP 0-9-1 reply code 404 NOT_FOUND closes the channel; anything else is not ours to rename.
      if ((error as { code?: unknown }).code === 404) {
        throw new MessagingError(MessagingErrorCode.QUEUE_NOT_FOUND, queue, { cause: error });
      }
      throw error;
    }
  }
}
