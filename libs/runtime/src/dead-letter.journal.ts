import type { JournalEmitter } from '@pcms/journal-emitter';
import type { Logger } from '@pcms/logging';
import type { AmqpMessage, ConsumerOutcome } from '@pcms/messaging';

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
    emitter
      .emit({
        messageId: message.messageId,
        stage: 'dead-lettered',
        ...(typeof correlationId === 'string' ? { correlationId } : {}),
        details: { code: outcome.code, reason: outcome.reason, stage: outcome.stage, queue: message.queue },
        discriminator: message.queue,
      })
      .catch((error: unknown) =>
        logger.warn(
          { messageId: message.messageId, error: error instanceof Error ? error.message : String(error) },
          'dead-lettered event not journaled',
        ),
      );
  };
}
