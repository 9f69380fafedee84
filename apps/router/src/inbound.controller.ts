import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { canonicalBytes, parseEnvelope } from '@pcms/envelope';
import { forMessage, type Logger } from '@pcms/logging';
import {
  AmqpConnection,
  GATEWAY_TOPOLOGY,
  Outcome,
  type AmqpMessage,
  type ConsumerOutcome,
  type GatewayTopology,
} from '@pcms/messaging';
import { decideInbound } from '@pcms/routing';
import { APP_LOGGER } from '@pcms/runtime';

/** Notices from the external network: to each G5 platform they concern, and always to RP. */
@Controller()
export class InboundController {
  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern('routerInbound')
  async onInbound(@Payload() message: AmqpMessage): Promise<ConsumerOutcome> {
    const decision = decideInbound(parseEnvelope(message.body));
    // The recipients are the router's decision: the platforms see who else received the notice.
    const envelope = { ...parseEnvelope(message.body), recipients: decision.platforms };
    const body = canonicalBytes(envelope);
    const headers = {
      // Replaced by the gateway's own signature when the PCMS adapter delivers it.
      'pcms-signature': message.headers['pcms-signature'] as string,
      'pcms-message-type': envelope.type,
      'pcms-correlation-id': envelope.correlationId,
    };
    await Promise.all(
      decision.platforms.map((platform) =>
        this.amqp.publish(this.topology.routes.deliver(platform), body, { messageId: envelope.id, headers }),
      ),
    );
    forMessage(this.logger, { messageId: envelope.id, correlationId: envelope.correlationId }).info(
      { stage: 'route', verdicts: decision.verdicts },
      'routed inbound',
    );
    return Outcome.ack();
  }
}
