import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import {
  DeliveryQueue,
  httpsNoticeSender,
  type ClosableNoticeSender,
  type DeliveryFailure,
  type NoticeDeliveryJob,
} from '@pcms/delivery';
import { JournalEmitter, type StageEvent } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import { AmqpConnection } from '@pcms/messaging';
import { APP_LOGGER, GATEWAY_CONFIG } from '@pcms/runtime';
import { PkiStore } from '@pcms/trust';

/** Runs the delivery jobs: HTTPS with the gateway's certificate; the last failure is quarantined. */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Its kept-alive connections to the peer are closed once the queue has stopped using them. */
  private sender?: ClosableNoticeSender;

  constructor(
    private readonly deliveries: DeliveryQueue,
    private readonly amqp: AmqpConnection,
    private readonly pki: PkiStore,
    @Inject(GATEWAY_CONFIG) private readonly config: LoadedConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly journal: JournalEmitter,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.i247Adapter.delivery.enabled) {
      this.logger.warn(
        { stage: 'deliver' },
        'delivery disabled by configuration: notices are queued, not sent',
      );
      return;
    }
    const gateway = this.pki.credential('GATEWAY');
    const { peerUrl, peerId, delivery } = this.config.i247Adapter;
    const send = (this.sender = httpsNoticeSender({
      url: peerUrl,
      timeoutMs: delivery.timeoutMs,
      tls: {
        certificatePem: gateway.certificatePem,
        privateKeyPem: gateway.privateKeyPem,
        caPem: this.pki.caCertificatePem(),
        expectedServerId: peerId,
      },
    }));
    this.deliveries.process(send, {
      onDelivered: async (job, receipt) => {
        forMessage(this.logger, job).info({ stage: 'deliver', ...receipt }, 'delivered to the I-24/7 peer');
        await this.journalSafely(job, [
          {
            ...this.ids(job),
            stage: 'delivered',
            details: { destination: 'I-24/7', peerStatus: receipt.status, attempts: receipt.attempts },
          },
        ]);
      },
      onDeadLetter: (job, failure) => this.quarantine(job, failure),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.deliveries.close();
    this.sender?.close();
  }

  private async quarantine(job: NoticeDeliveryJob, failure: DeliveryFailure): Promise<void> {
    await this.amqp.quarantine(
      Buffer.from(job.noticeXml, 'utf8'),
      {
        code: failure.code,
        reason: `${failure.reason} (after ${failure.attempts} attempts)`,
        stage: 'deliver',
      },
      {
        messageId: job.messageId,
        origin: 'i247-adapter.delivery',
        headers: { 'pcms-signature': job.signatureB64, 'pcms-correlation-id': job.correlationId },
      },
    );
    forMessage(this.logger, job).error({ stage: 'deliver', ...failure }, 'delivery failed: dead-lettered');
    const details = {
      destination: 'I-24/7',
      code: failure.code,
      reason: failure.reason,
      attempts: failure.attempts,
    };
    await this.journalSafely(job, [
      { ...this.ids(job), stage: 'failed', details },
      { ...this.ids(job), stage: 'dead-lettered', details: { ...details, queue: 'dead-letters' } },
    ]);
  }

  private ids(job: NoticeDeliveryJob): Pick<StageEvent, 'messageId' | 'correlationId'> {
    return { messageId: job.messageId, correlationId: job.correlationId };
  }

  /**
   * A delivery hook that throws makes the job try again and the peer receive the notice twice:
   * the journal event is logged as lost instead (broker unreachable beyond the publish timeout).
   */
  private async journalSafely(job: NoticeDeliveryJob, events: StageEvent[]): Promise<void> {
    await this.journal
      .emit(events)
      .catch((error: unknown) =>
        forMessage(this.logger, job).error(
          { stage: 'journal', error: error instanceof Error ? error.message : String(error) },
          'journal event not confirmed / événement du journal non confirmé',
        ),
      );
  }
}
