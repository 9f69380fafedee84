import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AmqpConnection, brokerUrls, type MessagingLogger } from '../amqp/amqp-connection';
import type { AmqpClientTls } from '../amqp/amqp-tls.options';
import { QueueStats } from '../amqp/queue.stats';
import { gatewayTopology, type GatewayTopology, type RetrySettings } from '../topology/gateway.topology';
import type { QueueType } from '../topology/topology.types';
import { connectionNameIn } from './connection-name';
import { AMQP_CLIENT_TLS, GATEWAY_TOPOLOGY, MESSAGING_LOGGER } from './messaging.tokens';

export interface MessagingModuleOptions {
  readonly url: string;
  /** The nodes of a cluster (failover); replaces `url` when it lists any. */
  readonly urls?: readonly string[];
  readonly namespace?: string;
  readonly prefetch?: number;
  readonly queueType?: QueueType;
  readonly connectionName?: string;
  /** Delays and delivery limit of requeued messages (configuration `amqp.retry`). */
  readonly retry?: RetrySettings;
}

@Injectable()
class MessagingShutdown implements OnApplicationShutdown {
  constructor(@Inject(AmqpConnection) private readonly connection: AmqpConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** Provides the publishing `AmqpConnection`, the topology and `QueueStats` to services. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const topology = gatewayTopology(options.namespace, options.retry);
    return {
      module: MessagingModule,
      providers: [
        { provide: GATEWAY_TOPOLOGY, useValue: topology },
        {
          provide: AmqpConnection,
          inject: [
            { token: AMQP_CLIENT_TLS, optional: true },
            { token: MESSAGING_LOGGER, optional: true },
          ],
          useFactory: (tls?: AmqpClientTls, logger?: MessagingLogger) =>
            AmqpConnection.connect(brokerUrls(options), {
              topology: topology.declaration,
              prefetch: options.prefetch,
              queueType: options.queueType,
              connectionName: connectionNameIn(options.namespace, options.connectionName),
              tls,
              // Absent (a test module without the runtime): the connection's own console logger.
              ...(logger ? { logger } : {}),
            }),
        },
        {
          provide: QueueStats,
          inject: [AmqpConnection, GATEWAY_TOPOLOGY],
          useFactory: (connection: AmqpConnection, gateway: GatewayTopology) =>
            new QueueStats(connection, gateway.declaration.deadLetterQueue),
        },
        MessagingShutdown,
      ],
      exports: [GATEWAY_TOPOLOGY, AmqpConnection, QueueStats],
    };
  }
}
