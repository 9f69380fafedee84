// The judicial door's ports on the real services: the broker (relay to judicial.route with a
// publisher confirm, quarantine in the dead-letter queue), Redis (claims), the journal emitter.
import type { LoadedConfig } from '@pcms/config';
import type { JournalEmitter } from '@pcms/journal-emitter';
import type { AcceptedJudicialMessage, RefusedJudicialMessage } from '@pcms/judicial';
import type { AmqpConnection, GatewayTopology } from '@pcms/messaging';
import { oversizeRecord, refusalRecord } from '@pcms/pipeline';
import { SignedHttpHeader } from '@pcms/signed-http';

/** Where the door's refusals say they came from: an HTTPS door, so only the sender can send again. */
export const JUDICIAL_DOOR_ORIGIN = 'judicial-adapter.https';

/** Publishes an accepted message to `judicial.route`, confirmed: the bytes and signature as sent. */
export function relayTo(amqp: AmqpConnection, topology: GatewayTopology) {
  return async ({ message, bytes, signature, correlationId }: AcceptedJudicialMessage): Promise<void> => {
    await amqp.publish(topology.routes.judicialRoute(message.type), bytes, {
      messageId: message.id,
      contentType: 'application/json',
      headers: {
        'pcms-signature': signature,
        'pcms-message-type': message.type,
        'pcms-judicial-from': message.from,
        'pcms-correlation-id': correlationId,
      },
    });
  };
}

/** Keeps a refused message in the dead-letter queue with its code, reason (EN / FR) and stage. */
export function quarantineIn(amqp: AmqpConnection) {
  return async (refused: RefusedJudicialMessage): Promise<void> => {
    const where = { door: 'https' as const, client: refused.client };
    // A body past the limit is recorded (size, digest of its head), never kept.
    const record = refused.oversize
      ? oversizeRecord(where, refused.oversize)
      : refusalRecord(where, refused.body);
    const { code, stage, reason, raison } = refused.refusal;
    await amqp.quarantine(
      record.body,
      { code, stage, reason: `${reason} / ${raison}` },
      {
        messageId: refused.messageId,
        origin: JUDICIAL_DOOR_ORIGIN,
        headers: {
          ...(refused.signature ? { [SignedHttpHeader.SIGNATURE]: refused.signature } : {}),
          ...record.headers,
        },
      },
    );
  };
}

/** The journal as the door emits to it. */
export function journalOf(emitter: JournalEmitter) {
  return { emit: (events: Parameters<JournalEmitter['emit']>[0]) => emitter.emit(events) };
}

/** Redis keys of the door's claims: beside the other doors', apart from them. */
export function claimsPrefix(config: LoadedConfig): string {
  return `${config.redis.keyPrefix}:dedupe:judicial`;
}
