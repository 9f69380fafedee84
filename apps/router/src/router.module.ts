import { Module, type DynamicModule } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { forMessage, type Logger } from '@pcms/logging';
import { RouteLedger } from '@pcms/dedupe';
import { MessagingModule } from '@pcms/messaging/nest';
import { RequestCorrelationStore, type RoutingPolicy } from '@pcms/routing';
import { APP_LOGGER, REDIS, RuntimeModule } from '@pcms/runtime';
import type { Redis } from 'ioredis';
import { holdStoreFromConfig } from '@pcms/holds';
import { HoldGate } from './hold.gate';
import { HOLD_STORE } from './hold-store.token';
import { HoldTicker } from './hold.ticker';
import { RoutingController } from './routing.controller';
import { requestCorrelationStoreFor } from './request-correlation.factory';
import { ROUTING_POLICY } from './routing-policy.token';

const APP = 'router';

@Module({})
export class RouterModule {
  static forConfig(config: LoadedConfig, policy: RoutingPolicy): DynamicModule {
    return {
      module: RouterModule,
      imports: [
        RuntimeModule.forRoot(config, APP),
        MessagingModule.forRoot({ ...config.amqp, connectionName: `pcms-${APP}-publisher` }),
      ],
      controllers: [RoutingController],
      providers: [
        { provide: ROUTING_POLICY, useValue: policy },
        // Holds live in the journal's database (journal.driver); the ticker closes the store.
        { provide: HOLD_STORE, useFactory: () => holdStoreFromConfig(config) },
        HoldGate,
        HoldTicker,
        {
          // The routes each message was confirmed on: a redelivered message is not forwarded twice.
          provide: RouteLedger,
          inject: [REDIS, APP_LOGGER],
          useFactory: (redis: Redis, logger: Logger) =>
            new RouteLedger(redis, {
              keyPrefix: `${config.redis.keyPrefix}:routes:router`,
              retentionSeconds: config.dedupe.retentionHours * 3600,
              // Redis down: forwarded anyway (a copy the destination absorbs), never held back.
              onUnavailable: (error, messageId) =>
                forMessage(logger, { messageId }).warn(
                  { err: error, stage: 'route-ledger' },
                  'route ledger unavailable, forwarded without it / registre des routes indisponible, transmis sans lui',
                ),
            }),
        },
        {
          provide: RequestCorrelationStore,
          inject: [REDIS],
          useFactory: (redis: Redis) => requestCorrelationStoreFor(config, redis),
        },
      ],
    };
  }
}
