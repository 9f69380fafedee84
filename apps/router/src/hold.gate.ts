import { Inject, Injectable } from '@nestjs/common';
import type { PcmsEnvelope } from '@pcms/envelope';
import type { HoldStore } from '@pcms/holds';
import { JournalEmitter } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import type { AmqpMessage } from '@pcms/messaging';
import type { HoldRequest } from '@pcms/routing';
import { APP_LOGGER } from '@pcms/runtime';
import { HOLD_STORE } from './hold-store.token';

/**
 * Where a `hold` decision stops a message: the message (its signed bytes, untouched) waits in the
 * holds store until operators release it; the journal says why (`held`). Stored and journaled
 * before the router acknowledges, so a router killed here gets the message again and finds its hold.
 */
@Injectable()
export class HoldGate {
  constructor(
    @Inject(HOLD_STORE) private readonly store: HoldStore,
    private readonly journal: JournalEmitter,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async hold(
    envelope: PcmsEnvelope,
    message: AmqpMessage,
    requests: readonly HoldRequest[],
    now = new Date(),
  ): Promise<void> {
    for (const request of requests) {
      const { hold, created } = await this.store.create(
        {
          messageId: envelope.id,
          correlationId: envelope.correlationId,
          sender: envelope.sender,
          type: envelope.type,
          classification: envelope.classification,
          destination: request.network,
          rule: request.rule,
          reason: request.reason,
          approvalsRequired: request.approvals,
          expiresAt: new Date(now.getTime() + request.expiresAfterMs),
          body: message.body,
          signature: message.headers['pcms-signature'] as string,
        },
        now,
      );
      // On a redelivery the hold already exists: journal it again under the same event id (dropped).
      await this.journal.emit({
        messageId: envelope.id,
        correlationId: envelope.correlationId,
        stage: 'held',
        details: {
          holdId: hold.id,
          destination: hold.destination,
          rule: hold.rule,
          reason: hold.reason,
          approvalsRequired: hold.approvalsRequired,
          expiresAt: hold.expiresAt,
        },
      });
      forMessage(this.logger, { messageId: envelope.id, correlationId: envelope.correlationId }).info(
        { stage: 'route', holdId: hold.id, rule: hold.rule, created },
        'held for operators / retenu pour les opérateurs',
      );
    }
  }
}
