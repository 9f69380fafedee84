import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { LoadedConfig } from '@pcms/config';
import { forMessage, type Logger } from '@pcms/logging';
import { DedupeStore, RouteLedger } from '@pcms/dedupe';
import { MessagingModule } from '@pcms/messaging/nest';
import { SubmissionPipeline } from '@pcms/pipeline';
import { APP_LOGGER, REDIS, RuntimeModule } from '@pcms/runtime';
import { SignatureVerifier } from '@pcms/trust';
import type { Redis } from 'ioredis';
import { DeliveriesController } from './deliveries.controller';
import { HttpDoorExceptionFilter } from './https/http-door.filter';
import { HttpsMessagesController } from './https/https-messages.controller';
import { HttpsSubmissionsController } from './https/https-submissions.controller';
import { SubmissionsController } from './submissions.controller';

const APP = 'pcms-adapter';

@Module({})
export class PcmsAdapterModule {
  static forConfig(config: LoadedConfig): DynamicModule {
    return {
      module: PcmsAdapterModule,
      imports: [
        RuntimeModule.forRoot(config, APP),
        MessagingModule.forRoot({ ...config.amqp, connectionName: `pcms-${APP}-publisher` }),
      ],
      controllers: [
        SubmissionsController,
        DeliveriesController,
        // The platforms' HTTPS door; served only when pcmsAdapter.https.enabled.
        HttpsSubmissionsController,
        HttpsMessagesController,
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpDoorExceptionFilter },
        {
          provide: DedupeStore,
          inject: [REDIS],
          useFactory: (redis: Redis) =>
            new DedupeStore(redis, {
              keyPrefix: `${config.redis.keyPrefix}:dedupe:submissions`,
              retentionSeconds: config.dedupe.retentionHours * 3600,
              leaseSeconds: 60,
            }),
        },
        {
          // The platform queues each delivery was confirmed on: a redelivery is not published twice.
          provide: RouteLedger,
          inject: [REDIS, APP_LOGGER],
          useFactory: (redis: Redis, logger: Logger) =>
            new RouteLedger(redis, {
              keyPrefix: `${config.redis.keyPrefix}:routes:pcms-adapter`,
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
          provide: SubmissionPipeline,
          inject: [SignatureVerifier, DedupeStore],
          useFactory: (verifier: SignatureVerifier, dedupe: DedupeStore) =>
            new SubmissionPipeline(verifier, dedupe, {
              maxBytes: config.limits.maxMessageBytes,
              maxJsonDepth: config.limits.maxJsonDepth,
              maxClockSkewSeconds: config.limits.maxClockSkewSeconds,
              maxMessageAgeHours: config.limits.maxMessageAgeHours,
            }),
        },
      ],
    };
  }
}
