// The one class, not the package's index: the index loads every Nest transport (~0.7 s), and
// AmqpContext is exported by @pcms/messaging, which the command line loads (issue 11, defect 8).
import { BaseRpcContext } from '@nestjs/microservices/ctx-host/base-rpc.context';
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
