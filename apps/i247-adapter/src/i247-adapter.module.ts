import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { instanceName, type LoadedConfig } from '@pcms/config';
import { DedupeStore } from '@pcms/dedupe';
import { DeliveryQueue } from '@pcms/delivery';
import type { Logger } from '@pcms/logging';
import { MessagingModule } from '@pcms/messaging/nest';
import { InboundNoticePipeline, OutboundNoticePipeline } from '@pcms/pipeline';
import { APP_LOGGER, GATEWAY_SIGNER, REDIS, RuntimeModule } from '@pcms/runtime';
import { Translator } from '@pcms/translation';
import { SignatureVerifier, type CmsSigner } from '@pcms/trust';
import type { Redis } from 'ioredis';
import { DeliveryWorker } from './delivery.worker';
import { InboundController } from './inbound.controller';
import { MappingHotReload } from './mapping-hot-reload';
import { OutboundController } from './outbound.controller';
import { PeerDoorExceptionFilter } from './peer-door.filter';
import { PublicNoticesWorker } from './public-notices.worker';

const APP = 'i247-adapter';

@Module({})
export class I247AdapterModule {
  static forConfig(config: LoadedConfig): DynamicModule {
    return {
      module: I247AdapterModule,
      imports: [
        RuntimeModule.forRoot(config, APP),
        MessagingModule.forRoot({ ...config.amqp, connectionName: `pcms-${APP}-publisher` }),
      ],
      controllers: [OutboundController, InboundController],
      providers: [
        { provide: APP_FILTER, useClass: PeerDoorExceptionFilter },
        {
          provide: MappingHotReload,
          inject: [APP_LOGGER, REDIS],
          // Every instance reloads its own registry and says so under its own name (`i247-adapter#2`).
          useFactory: (logger: Logger, redis: Redis) =>
            MappingHotReload.load(instanceName(APP, config.instance), config, logger, redis),
        },
        {
          // The registry is the reloader's: a mapping it swaps in translates the next message.
          provide: Translator,
          inject: [MappingHotReload],
          useFactory: (mappings: MappingHotReload) => new Translator(mappings.registry),
        },
        {
          provide: OutboundNoticePipeline,
          inject: [Translator, GATEWAY_SIGNER],
          useFactory: (translator: Translator, signer: CmsSigner) =>
            new OutboundNoticePipeline(translator, signer),
        },
        {
          provide: InboundNoticePipeline,
          inject: [SignatureVerifier, Translator],
          useFactory: (verifier: SignatureVerifier, translator: Translator) =>
            new InboundNoticePipeline(
              verifier,
              translator,
              config.i247Adapter.peerId,
              config.limits.maxMessageBytes,
            ),
        },
        {
          // The peer's door answers a notice it already handed on as a duplicate, at once.
          provide: DedupeStore,
          inject: [REDIS],
          useFactory: (redis: Redis) =>
            new DedupeStore(redis, {
              keyPrefix: `${config.redis.keyPrefix}:dedupe:inbound`,
              retentionSeconds: config.dedupe.retentionHours * 3600,
              leaseSeconds: 60,
            }),
        },
        {
          provide: DeliveryQueue,
          inject: [APP_LOGGER],
          useFactory: (logger: Logger) => DeliveryQueue.fromConfig(config, logger),
        },
        DeliveryWorker,
        PublicNoticesWorker,
      ],
    };
  }
}
