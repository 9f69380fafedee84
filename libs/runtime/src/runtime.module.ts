import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { createLogger, type Logger } from '@pcms/logging';
import { GatewayMetrics, startObservabilityServer, type ObservabilityServer } from '@pcms/observability';
import { JournalEmitter } from '@pcms/journal-emitter';
import { AMQP_CLIENT_TLS, AmqpConnection, gatewayTopology, MESSAGING_LOGGER } from '@pcms/messaging';
import { PkiMaintenance } from '@pcms/revocation';
import { CmsSigner, PkiStore, SignatureVerifier } from '@pcms/trust';
import { amqpClientTlsOf } from './amqp-client-tls.factory';
import { messagingLoggerOf } from './messaging-logger';
import { APP_LOGGER, GATEWAY_CONFIG, GATEWAY_SIGNER, REDIS } from './runtime.tokens';
import { createAppRedis } from './redis-client.factory';
import type { Redis } from 'ioredis';

/** How long the gateway's signature of some bytes is handed out again for the same bytes. */
const SIGNATURE_REUSE_MS = 1000;

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  // Nest calls the hooks once consumers have stopped and in-flight messages are settled.
  async onApplicationShutdown(signal?: string): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
    this.logger.info({ signal }, 'stopped cleanly / arrêt propre');
  }
}

/** Serves /metrics, /health and /ready on the process's own port while the app runs. */
@Injectable()
export class ObservabilityLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: ObservabilityServer;

  /** Where /metrics is served once the app has started (a free port when configured as 0). */
  get url(): string | undefined {
    return this.server?.url;
  }

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: LoadedConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { enabled, host, ports } = this.config.observability;
    const port = ports[OBSERVABILITY_PORT_OF[this.metrics.app]];
    if (!enabled || port === undefined) return;
    this.server = await startObservabilityServer(this.metrics, { host, port });
    this.logger.info({ url: this.server.url }, 'metrics, health and readiness served');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}

const OBSERVABILITY_PORT_OF: Readonly<Record<string, keyof LoadedConfig['observability']['ports']>> = {
  'pcms-adapter': 'pcmsAdapter',
  router: 'router',
  'i247-adapter': 'i247Adapter',
  'i247-peer': 'i247Peer',
  'judicial-adapter': 'judicialAdapter',
  'judicial-peer': 'judicialPeer',
};

/**
 * What every gateway process receives: the typed configuration, a structured logger, the
 * deployment's trust anchors (a verifier) and the gateway's own signing credential, and Redis.
 * The PKI is read once at start; a missing PKI stops the process with a message saying what to run.
 */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(config: LoadedConfig, app: string, logger?: Logger): DynamicModule {
    const store = PkiStore.open(config.paths.pki);
    return {
      module: RuntimeModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_LOGGER, useValue: logger ?? createLogger(app, config.logLevel) },
        { provide: PkiStore, useValue: store },
        {
          provide: SignatureVerifier,
          useFactory: () => new SignatureVerifier({ trustAnchorsPem: [store.caCertificatePem()] }),
        },
        {
          provide: GATEWAY_SIGNER,
          // One signature for the identical copies of a notice to several platforms (issue 14).
          useFactory: () =>
            new CmsSigner(store.credential('GATEWAY'), undefined, { reuseWithinMs: SIGNATURE_REUSE_MS }),
        },
        {
          provide: REDIS,
          inject: [APP_LOGGER],
          useFactory: (appLogger: Logger) => createAppRedis(config.redis.url, app, appLogger),
        },
        { provide: GatewayMetrics, useValue: new GatewayMetrics(app) },
        { provide: AMQP_CLIENT_TLS, useFactory: () => amqpClientTlsOf(config, store) },
        { provide: MESSAGING_LOGGER, inject: [APP_LOGGER], useFactory: messagingLoggerOf },
        {
          // Stage events go out on the app's publishing connection (MessagingModule), with confirms.
          provide: JournalEmitter,
          inject: [{ token: AmqpConnection, optional: true }],
          useFactory: (amqp?: AmqpConnection) =>
            amqp
              ? new JournalEmitter(amqp, gatewayTopology(config.amqp.namespace), app, {
                  keepPayloads: config.journal.payloads.keep === 'encrypted',
                })
              : undefined,
        },
        RedisShutdown,
        ObservabilityLifecycle,
        {
          // Revocation enforced in this process's verifier; certificate expiry watched.
          provide: PkiMaintenance,
          inject: [SignatureVerifier, GatewayMetrics, APP_LOGGER],
          useFactory: (verifier: SignatureVerifier, metrics: GatewayMetrics, appLogger: Logger) =>
            new PkiMaintenance(config, {
              verifier,
              metrics,
              logger: appLogger,
              caCertificatePem: store.caCertificatePem(),
            }),
        },
      ],
      exports: [
        GATEWAY_CONFIG,
        APP_LOGGER,
        PkiStore,
        SignatureVerifier,
        GATEWAY_SIGNER,
        REDIS,
        GatewayMetrics,
        AMQP_CLIENT_TLS,
        MESSAGING_LOGGER,
        JournalEmitter,
      ],
    };
  }
}
