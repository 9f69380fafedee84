import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AmqpConnection } from '../amqp/amqp-connection';
import type { AmqpClientTls } from '../amqp/amqp-tls.options';
import { QueueStats } from '../amqp/queue.stats';
import { gatewayTopology, type GatewayTopology } from '../topology/gateway.topology';
import type { QueueType } from '../topology/topology.types';

export interface MessagingModuleOptions {
  readonly url: string;
  readonly namespace?: string;
  readonly prefetch?: number;
  readonly queueType?: QueueType;
  readonly connectionName?: string;
}

/** Injection token of the `GatewayTopology` built from the module's namespace. */
export const GATEWAY_TOPOLOGY = Symbol('GATEWAY_TOPOLOGY');

/** Optional `AmqpClientTls` (provided by the runtime when `amqp.tls.enabled`): the connection then uses TLS. */
export const AMQP_CLIENT_TLS = Symbol('AMQP_CLIENT_TLS');

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
    const topology = gatewayTopology(options.namespace);
    return {
      module: MessagingModule,
      providers: [
        { provide: GATEWAY_TOPOLOGY, useValue: topology },
        {
          provide: AmqpConnection,
          inject: [{ token: AMQP_CLIENT_TLS, optional: true }],
          useFactory: (tls?: AmqpClientTls) =>
            AmqpConnection.connect(options.url, {
              topology: topology.declaration,
              prefetch: options.prefetch,
              queueType: options.queueType,
              connectionName: options.connectionName,
              tls,
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
