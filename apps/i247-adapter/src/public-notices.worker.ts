import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { JournalEmitter } from '@pcms/journal-emitter';
import type { Logger } from '@pcms/logging';
import { AmqpConnection, GATEWAY_TOPOLOGY, type GatewayTopology } from '@pcms/messaging';
import { GatewayMetrics } from '@pcms/observability';
import { AmqpInboundOutlet, publicNoticesFromConfig, PublicNoticesSchedule } from '@pcms/public-notices';
import { APP_LOGGER, GATEWAY_CONFIG, GATEWAY_SIGNER, REDIS } from '@pcms/runtime';
import { Translator } from '@pcms/translation';
import type { CmsSigner } from '@pcms/trust';
import type { Redis } from 'ioredis';

/**
 * Polls Interpol's public notices (when `publicNotices.enabled`) and puts those concerning the G5
 * on the inbound route, signed by the gateway, as the peer's verified notices are.
 */
@Injectable()
export class PublicNoticesWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private schedule?: PublicNoticesSchedule;

  constructor(
    private readonly translator: Translator,
    private readonly amqp: AmqpConnection,
    private readonly journal: JournalEmitter,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(GATEWAY_SIGNER) private readonly signer: CmsSigner,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: LoadedConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const options = this.config.publicNotices;
    if (!options.enabled) return;
    const logger = this.logger.child({ stage: 'public-notices' });
    const { poller } = publicNoticesFromConfig(this.config, {
      translator: this.translator,
      redis: this.redis,
      outlet: new AmqpInboundOutlet(this.amqp, this.topology, this.signer, this.journal),
      logger,
      observer: {
        handled: () => this.metrics.accepted.inc({ app: this.metrics.app, stage: 'public-notices' }),
        failed: (_kind, code) =>
          this.metrics.rejected.inc({ app: this.metrics.app, code, stage: 'public-notices' }),
      },
    });
    this.schedule = new PublicNoticesSchedule(poller, {
      redisUrl: this.config.redis.url,
      keyPrefix: this.config.redis.keyPrefix,
      kinds: options.kinds,
      everyMs: options.intervalSeconds * 1000,
      attempts: options.attempts,
      backoffMs: options.backoffMs,
      logger,
    });
    await this.schedule.start();
    logger.info(
      { kinds: options.kinds, everySeconds: options.intervalSeconds, baseUrl: options.baseUrl },
      'polling public notices / relève des notices publiques',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule?.stop();
  }
}
