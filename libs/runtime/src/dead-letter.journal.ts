import type { JournalEmitter } from '@pcms/journal-emitter';
import type { Logger } from '@pcms/logging';
import { RETRIES_EXHAUSTED, type AmqpMessage, type ConsumerOutcome } from '@pcms/messaging';

/**
 * The consumers' outcome observer for the journal: every dead-lettered message gets a
 * `dead-lettered` event (code, reason, stage, queue). An observer cannot delay the settlement,
 * so this one event is published without being awaited: it may be lost if the process dies in
 * that instant, unlike the stage events the handlers await before their ack.
 */
export function journalDeadLetters(
  emitterOf: () => JournalEmitter | undefined,
  logger: Logger,
): (outcome: ConsumerOutcome, message: AmqpMessage) => void {
  return (outcome, message) => {
    const emitter = emitterOf();
    if (outcome.kind !== 'dead-letter' || !emitter || !message.messageId) return;
    const correlationId = message.headers['pcms-correlation-id'];
    const ids = {
      messageId: message.messageId,
      ...(typeof correlationId === 'string' ? { correlationId } : {}),
    };
    emitter
      .emit([
        ...receivedIfNeverPassed(outcome, message, ids),
        {
          ...ids,
          stage: 'dead-lettered',
          details: { code: outcome.code, reason: outcome.reason, stage: outcome.stage, queue: message.queue },
          discriminator: message.queue,
        },
      ])
      .catch((error: unknown) =>
        logger.warn(
          { messageId: message.messageId, error: error instanceof Error ? error.message : String(error) },
          'dead-lettered event not journaled',
        ),
      );
  };
}

/**
 * A submission given up at the door after its retries (its claim stayed in progress) never got
 * to the stage that journals it as received: it is journaled so here, with the door it came
 * through. If an earlier delivery did journal it, this event has the same id and the writer
 * drops it.
 */
function receivedIfNeverPassed(
  outcome: ConsumerOutcome,
  message: AmqpMessage,
  ids: { messageId: string; correlationId?: string },
): { messageId: string; correlationId?: string; stage: 'received'; details: Record<string, string> }[] {
  if (outcome.kind !== 'dead-letter' || outcome.code !== RETRIES_EXHAUSTED) return [];
  if (!message.routingKey.startsWith('submit.')) return [];
  const door = message.routingKey.endsWith('.https') ? 'https' : 'amqp';
  return [{ ...ids, stage: 'received', details: { door, route: message.routingKey } }];
}
