import { BaseRpcContext } from '@nestjs/microservices';
import type { AmqpMessage } from '../amqp/amqp-message';

/** What `@Ctx()` receives in a handler served by `AmqpTransport`. */
export class AmqpContext extends BaseRpcContext<[AmqpMessage, string]> {
  getMessage(): AmqpMessage {
    return this.args[0];
  }

  getQueue(): string {
    return this.args[1];
  }
}
