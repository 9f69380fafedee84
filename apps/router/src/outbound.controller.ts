import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { parseEnvelope } from '@pcms/envelope';
import { forMessage, type Logger } from '@pcms/logging';
import {
  AmqpConnection,
  GATEWAY_TOPOLOGY,
  Outcome,
  type AmqpMessage,
  type ConsumerOutcome,
  type GatewayTopology,
} from '@pcms/messaging';
import { decideOutbound } from '@pcms/routing';
import { APP_LOGGER } from '@pcms/runtime';

/** Verified submissions: to the platforms they name, and to INTERPOL only when every release rule allows. */
@Controller()
export class OutboundController {
  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern('routerOutbound')
  async onOutbound(@Payload() message: AmqpMessage): Promise<ConsumerOutcome> {
    const envelope = parseEnvelope(message.body);
    const decision = decideOutbound(envelope);
    const log = forMessage(this.logger, { messageId: envelope.id, correlationId: envelope.correlationId });
    const headers = {
      'pcms-signature': message.headers['pcms-signature'] as string,
      'pcms-message-type': envelope.type,
      'pcms-correlation-id': envelope.correlationId,
    };
    const { routes } = this.topology;
    await Promise.all([
      ...decision.platforms.map((platform) =>
        this.amqp.publish(routes.deliver(platform), message.body, { messageId: envelope.id, headers }),
      ),
      ...decision.networks.map(() =>
        this.amqp.publish(routes.interpol(envelope.type), message.body, { messageId: envelope.id, headers }),
      ),
    ]);
    log.info({ stage: 'route', verdicts: decision.verdicts }, 'routed');

    const [refusal] = decision.refusals;
    // What was allowed has left (and is confirmed); the refused part is quarantined with its rule.
    return refusal
      ? Outcome.deadLetter(refusal.code, `${refusal.reason} [rule ${refusal.rule}]`, 'route')
      : Outcome.ack();
  }
}
