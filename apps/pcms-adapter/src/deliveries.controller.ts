import { Controller, Inject, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RouteLedger } from '@pcms/dedupe';
import { isPlatformId } from '@pcms/envelope';
import { JournalEmitter } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import {
  AmqpConnection,
  GATEWAY_SIGNER_ID,
  GATEWAY_TOPOLOGY,
  Outcome,
  type AmqpMessage,
  type ConsumerOutcome,
  type GatewayPlatformId,
  type GatewayTopology,
} from '@pcms/messaging';
import { APP_LOGGER, GATEWAY_SIGNER, requeueAfter, RpcErrorPassThroughFilter } from '@pcms/runtime';
import type { CmsSigner } from '@pcms/trust';

export const DELIVERY_UNKNOWN_PLATFORM = 'DELIVERY_UNKNOWN_PLATFORM';
/** The step a retry must not repeat: the platform's queue has the message. */
const DELIVERED = 'delivered';

/** Messages for a platform leave signed by the gateway, one queue per platform. */
@Controller()
@UseFilters(RpcErrorPassThroughFilter)
export class DeliveriesController {
  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_SIGNER) private readonly signer: CmsSigner,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly journal: JournalEmitter,
    private readonly ledger: RouteLedger,
  ) {}

  @MessagePattern('adapterDeliveries')
  async onDelivery(@Payload() message: AmqpMessage): Promise<ConsumerOutcome> {
    const platform = message.routingKey.split('.')[1];
    if (!isPlatformId(platform)) {
      return Outcome.deadLetter(DELIVERY_UNKNOWN_PLATFORM, `no platform queue for "${platform}"`, 'deliver');
    }
    const correlationId = message.headers['pcms-correlation-id'] as string | undefined;
    // A retry after the publish was confirmed only journals: the platform has its copy already.
    if (!message.retry?.done.includes(DELIVERED)) {
      await this.publishOnce(message, platform, correlationId);
    }
    if (message.messageId) {
      // One delivery per platform: the platform tells the events apart.
      const stage = { messageId: message.messageId, correlationId, discriminator: platform };
      try {
        await this.journal.emit([
          { ...stage, stage: 'signed', details: { signer: 'GATEWAY', for: platform } },
          { ...stage, stage: 'delivered', details: { destination: platform, queue: 'platform' } },
        ]);
      } catch (error: unknown) {
        return requeueAfter(error, [DELIVERED]);
      }
    }
    forMessage(this.logger, { messageId: message.messageId }).info(
      { stage: 'deliver', platform },
      'delivered to platform queue',
    );
    return Outcome.ack();
  }

  /**
   * Signs and publishes to the platform's queue, unless the ledger says the broker confirmed it
   * before: this adapter died after the confirm and before its ack, and the broker gave the
   * delivery back. A message without an id (not published by the router) is simply published.
   */
  private async publishOnce(
    message: AmqpMessage,
    platform: GatewayPlatformId,
    correlationId: string | undefined,
  ): Promise<void> {
    const route = this.topology.routes.platform(platform);
    const publish = async (): Promise<void> => {
      const signature = this.signatureFor(message);
      await this.amqp.publish(route, message.body, {
        messageId: message.messageId,
        headers: {
          'pcms-signature': signature,
          'pcms-message-type': message.headers['pcms-message-type'] as string | undefined,
          'pcms-correlation-id': correlationId,
        },
      });
    };
    if (!message.messageId) return publish();
    const { skipped } = await this.ledger.sendOnce(message.messageId, [route], (r) => r.routingKey, publish);
    if (skipped.length > 0) {
      forMessage(this.logger, { messageId: message.messageId }).info(
        { stage: 'deliver', platform },
        'already in the platform queue, not again / déjà dans la file de la plateforme, pas de nouvel envoi',
      );
    }
  }

  /**
   * The gateway's signature of these bytes: the router's when it says it made one (an inbound notice
   * it re-addressed and signed a moment before), else a new one. Not checked here: the platform
   * verifies every copy, and a hop that lied would reach it with a signature that fails, where
   * signing whatever arrived would have made it pass.
   */
  private signatureFor(message: AmqpMessage): string {
    const offered = message.headers['pcms-signature'];
    if (
      message.headers['pcms-signer'] === GATEWAY_SIGNER_ID &&
      typeof offered === 'string' &&
      offered !== ''
    ) {
      return offered;
    }
    return this.signer.sign(message.body).toString('base64');
  }
}
