import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { createLogger, type Logger } from '@pcms/logging';
import { CmsSigner, PkiStore, SignatureVerifier } from '@pcms/trust';
import { Redis } from 'ioredis';
import { APP_LOGGER, GATEWAY_CONFIG, GATEWAY_SIGNER, REDIS } from './runtime.tokens';

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
        { provide: GATEWAY_SIGNER, useFactory: () => new CmsSigner(store.credential('GATEWAY')) },
        {
          provide: REDIS,
          useFactory: () =>
            new Redis(config.redis.url, { maxRetriesPerRequest: null, connectionName: `pcms-${app}` }),
        },
        RedisShutdown,
      ],
      exports: [GATEWAY_CONFIG, APP_LOGGER, PkiStore, SignatureVerifier, GATEWAY_SIGNER, REDIS],
    };
  }
}
