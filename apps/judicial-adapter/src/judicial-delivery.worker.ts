import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import type { DeliveryQueue, NoticeDeliveryJob } from '@pcms/delivery';
import {
  JudicialDeliveryOutcomes,
  judicialHttpsSender,
  type ClosableJudicialSender,
  type JudicialDeliveryQueue,
  type JudicialStore,
} from '@pcms/judicial';
import { JournalEmitter } from '@pcms/journal-emitter';
import type { Logger } from '@pcms/logging';
import { AmqpConnection } from '@pcms/messaging';
import { APP_LOGGER, GATEWAY_CONFIG } from '@pcms/runtime';
import { PkiStore } from '@pcms/trust';
import { JUDICIAL_STORE } from './judicial-adapter.tokens';
import { I247_DELIVERIES, JUDICIAL_DELIVERIES } from './judicial-routing.tokens';

/**
 * Runs the judicial delivery jobs: HTTPS with mutual TLS and the gateway's certificate to each
 * authority's system; receipts, journal and dead letters by JudicialDeliveryOutcomes.
 */
@Injectable()
export class JudicialDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private sender?: ClosableJudicialSender;

  constructor(
    @Inject(JUDICIAL_DELIVERIES) private readonly deliveries: JudicialDeliveryQueue,
    @Inject(I247_DELIVERIES) private readonly interpol: DeliveryQueue<NoticeDeliveryJob>,
    @Inject(JUDICIAL_STORE) private readonly store: JudicialStore,
    private readonly amqp: AmqpConnection,
    private readonly pki: PkiStore,
    private readonly journal: JournalEmitter,
    @Inject(GATEWAY_CONFIG) private readonly config: LoadedConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const { delivery } = this.config.judicialAdapter;
    if (!delivery.enabled) {
      this.logger.warn(
        { stage: 'deliver' },
        'judicial delivery disabled by configuration: messages are queued, not sent / remise judiciaire désactivée : messages en file, non envoyés',
      );
      return;
    }
    const gateway = this.pki.credential('GATEWAY');
    this.sender = judicialHttpsSender({
      certificatePem: gateway.certificatePem,
      privateKeyPem: gateway.privateKeyPem,
      caPem: this.pki.caCertificatePem(),
      timeoutMs: delivery.timeoutMs,
    });
    const outcomes = new JudicialDeliveryOutcomes({
      store: this.store,
      journal: this.journal,
      amqp: this.amqp,
      logger: this.logger,
    });
    this.deliveries.process(this.sender, outcomes.hooks());
  }

  /** Stops taking jobs, waits for those being delivered, then closes the connections they used. */
  async onApplicationShutdown(): Promise<void> {
    await this.deliveries.close();
    await this.interpol.close();
    this.sender?.close();
  }
}
