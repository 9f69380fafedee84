import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { LoadedConfig } from '@pcms/config';
import { DedupeStore } from '@pcms/dedupe';
import { JournalEmitter } from '@pcms/journal-emitter';
import type { Logger } from '@pcms/logging';
import {
  judicialAttachmentFetcher,
  JudicialDoor,
  judicialStoreFromConfig,
  type JudicialDirectory,
  type AttachmentFetch,
  type JudicialStore,
} from '@pcms/judicial';
import { AmqpConnection, GATEWAY_TOPOLOGY, type GatewayTopology } from '@pcms/messaging';
import { MessagingModule } from '@pcms/messaging/nest';
import { REDIS, RuntimeModule } from '@pcms/runtime';
import { PkiStore, SignatureVerifier } from '@pcms/trust';
import type { Redis } from 'ioredis';
import { APP, JUDICIAL_DIRECTORY, JUDICIAL_STORE } from './judicial-adapter.tokens';
import { JudicialDoorController } from './judicial-door.controller';
import { JudicialDoorExceptionFilter } from './judicial-door.filter';
import { ReminderTicker } from './reminder.ticker';
import { JudicialRouteController } from './judicial-route.controller';
import { judicialRoutingProviders } from './judicial-routing.providers';
import { claimsPrefix, journalOf, quarantineIn, relayTo } from './judicial-door.wiring';

/** The door's fetcher of attachments (its kept-alive connections closed at shutdown). */
const ATTACHMENT_FETCH = Symbol('ATTACHMENT_FETCH');

/** The store is the journal's database: closed once the consumers and the door have stopped. */
@Injectable()
class JudicialStoreShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(JUDICIAL_STORE) private readonly store: JudicialStore,
    @Inject(ATTACHMENT_FETCH) private readonly attachments: ReturnType<typeof judicialAttachmentFetcher>,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.attachments.close();
    await this.store.close();
  }
}

/**
 * The judicial adapter's wiring. The door is here; routing and delivery (the `judicialRoute` queue's
 * consumer, `@MessagePattern('judicialRoute')`) and the reminders' clock join as one line each in
 * `controllers` or `providers`, injecting JUDICIAL_DIRECTORY, JUDICIAL_STORE and the runtime's tokens.
 */
@Module({})
export class JudicialAdapterModule {
  static forConfig(config: LoadedConfig, directory: JudicialDirectory, logger?: Logger): DynamicModule {
    return {
      module: JudicialAdapterModule,
      imports: [
        RuntimeModule.forRoot(config, APP, logger),
        MessagingModule.forRoot({ ...config.amqp, connectionName: `pcms-${APP}-publisher` }),
      ],
      controllers: [JudicialDoorController, JudicialRouteController],
      providers: [
        { provide: APP_FILTER, useClass: JudicialDoorExceptionFilter },
        { provide: JUDICIAL_DIRECTORY, useValue: directory },
        { provide: JUDICIAL_STORE, useFactory: () => judicialStoreFromConfig(config) },
        {
          provide: ATTACHMENT_FETCH,
          inject: [PkiStore],
          useFactory: (pki: PkiStore) => {
            const gateway = pki.credential('GATEWAY');
            return judicialAttachmentFetcher({
              certificatePem: gateway.certificatePem,
              privateKeyPem: gateway.privateKeyPem,
              caPem: pki.caCertificatePem(),
              ...config.judicialAdapter.attachments,
            });
          },
        },
        JudicialStoreShutdown,
        ReminderTicker,
        ...judicialRoutingProviders(config, directory),
        {
          provide: JudicialDoor,
          inject: [
            JUDICIAL_STORE,
            SignatureVerifier,
            REDIS,
            JournalEmitter,
            AmqpConnection,
            GATEWAY_TOPOLOGY,
            ATTACHMENT_FETCH,
          ],
          useFactory: (
            store: JudicialStore,
            verifier: SignatureVerifier,
            redis: Redis,
            journal: JournalEmitter,
            amqp: AmqpConnection,
            topology: GatewayTopology,
            attachments: AttachmentFetch,
          ) =>
            new JudicialDoor(
              {
                directory,
                verifier,
                store,
                // Retention as every door's; the receipt `accepted` in the store outlives it.
                claims: new DedupeStore(redis, {
                  keyPrefix: claimsPrefix(config),
                  retentionSeconds: config.dedupe.retentionHours * 3600,
                  leaseSeconds: 60,
                }),
                journal: journalOf(journal),
                relay: relayTo(amqp, topology),
                quarantine: quarantineIn(amqp),
                attachments,
              },
              {
                maxMessageBytes: config.limits.maxMessageBytes,
                maxJsonDepth: config.limits.maxJsonDepth,
                maxClockSkewSeconds: config.limits.maxClockSkewSeconds,
                issuer: 'GATEWAY',
                authoritySystems: {
                  url: config.judicialAdapter.defaultEndpoint,
                  serverId: config.judicialAdapter.defaultEndpointId,
                },
              },
            ),
        },
      ],
    };
  }
}
