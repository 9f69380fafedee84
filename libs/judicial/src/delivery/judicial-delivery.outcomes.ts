// What a judicial delivery leaves behind, once per job: receipts in the request's transport log
// (delivered, retrieved; not-delivered with its reason), journal entries (delivered; failed and
// dead-lettered), and the message quarantined in the dead letters after its last attempt.
import { JUDICIAL_DELIVERY_ORIGIN } from '@pcms/dead-letters';
import type { DeliveryFailure, DeliveryHooks, DeliveryReceipt } from '@pcms/delivery';
import type { StageEvent } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import type { AmqpConnection } from '@pcms/messaging';
import type { TransportEvidence } from '../receipts/transport-receipt';
import type { JudicialStore } from '../store/judicial-store.types';
import type { JudicialDeliveryJob } from './judicial-delivery.job';

/** The dead letters' origin of a judicial delivery (`pcms dlq list` shows it, `dlq replay` reads it). */
export { JUDICIAL_DELIVERY_ORIGIN };

export interface JudicialDeliveryOutcomesOptions {
  store: Pick<JudicialStore, 'recordReceipt'>;
  journal: { emit(events: readonly StageEvent[]): Promise<void> };
  amqp: Pick<AmqpConnection, 'quarantine'>;
  logger: Logger;
  clock?: () => Date;
}

export class JudicialDeliveryOutcomes {
  constructor(private readonly options: JudicialDeliveryOutcomesOptions) {}

  /** The hooks the judicial delivery queue runs its jobs with. */
  hooks(): DeliveryHooks<JudicialDeliveryJob> {
    return {
      onDelivered: (job, receipt) => this.delivered(job, receipt),
      onDeadLetter: (job, failure) => this.deadLettered(job, failure),
    };
  }

  /**
   * 2xx: `delivered`; an answer `{ registered: true }` also `retrieved` (the system holds it),
   * `{ registered: false }` `not-retrieved`. Never throws: a hook that throws makes the job try
   * again, and the authority would receive the message twice.
   */
  async delivered(job: JudicialDeliveryJob, receipt: DeliveryReceipt): Promise<void> {
    const registered = registeredIn(receipt.body);
    forMessage(this.options.logger, job).info(
      { stage: 'deliver', destination: job.authorityId, status: receipt.status, attempts: receipt.attempts },
      'judicial message delivered / message judiciaire remis',
    );
    await this.receipt(job, 'delivered');
    if (registered === true) await this.receipt(job, 'retrieved');
    if (registered === false) {
      await this.receipt(job, 'not-retrieved', `${job.authorityId} answered registered: false`);
    }
    await this.journalSafely(job, [
      {
        ...ids(job),
        stage: 'delivered',
        discriminator: job.authorityId,
        details: {
          destination: job.authorityId,
          rule: job.rule,
          peerStatus: receipt.status,
          attempts: receipt.attempts,
          ...(registered === undefined ? {} : { registered }),
        },
      },
    ]);
  }

  /**
   * After the last attempt (or a refusal that no retry can change): quarantined with the reason,
   * `not-delivered` with the same reason, journaled failed and dead-lettered. The quarantine comes
   * first: when it fails, the hook throws and the job stays in bull's failed set, so nothing is lost.
   */
  async deadLettered(job: JudicialDeliveryJob, failure: DeliveryFailure): Promise<void> {
    const reason = `${failure.reason} (after ${failure.attempts} attempts)`;
    await this.options.amqp.quarantine(
      Buffer.from(job.body, 'utf8'),
      { code: failure.code, reason, stage: 'deliver' },
      {
        messageId: job.messageId,
        origin: JUDICIAL_DELIVERY_ORIGIN,
        headers: {
          'pcms-signature': job.signatureB64,
          'pcms-correlation-id': job.correlationId,
          // What `pcms dlq replay` needs to queue this delivery again (@pcms/judicial judicialRequeue).
          'pcms-judicial-destination': job.authorityId,
          'pcms-judicial-rule': job.rule,
        },
      },
    );
    forMessage(this.options.logger, job).error(
      { stage: 'deliver', destination: job.authorityId, code: failure.code, attempts: failure.attempts },
      'judicial delivery failed: dead-lettered / remise judiciaire en échec : mise en quarantaine',
    );
    await this.receipt(job, 'not-delivered', `${failure.code}: ${reason}`);
    const details = {
      destination: job.authorityId,
      rule: job.rule,
      code: failure.code,
      reason: failure.reason,
      attempts: failure.attempts,
      ...(failure.status === undefined ? {} : { peerStatus: failure.status }),
    };
    await this.journalSafely(job, [
      { ...ids(job), stage: 'failed', discriminator: job.authorityId, details },
      {
        ...ids(job),
        stage: 'dead-lettered',
        discriminator: job.authorityId,
        details: { ...details, queue: 'dead-letters' },
      },
    ]);
  }

  /** A contact about no request has no transport log: its journal entries say it all. */
  private async receipt(
    job: JudicialDeliveryJob,
    evidence: TransportEvidence,
    reason?: string,
  ): Promise<void> {
    if (job.correlationId === undefined || job.messageType === 'judicial.contact') return;
    const at = (this.options.clock?.() ?? new Date()).toISOString();
    try {
      const outcome = await this.options.store.recordReceipt({
        messageId: job.messageId,
        requestId: job.correlationId,
        evidence,
        issuer: job.authorityId,
        at,
        ...(reason === undefined ? {} : { reason }),
      });
      if (outcome.outcome === 'refused') {
        forMessage(this.options.logger, job).warn(
          { stage: 'receipt', evidence, code: outcome.refusal.code, reason: outcome.refusal.reason },
          'receipt not recorded / accusé non enregistré',
        );
      }
    } catch (error: unknown) {
      forMessage(this.options.logger, job).error(
        { stage: 'receipt', evidence, error: error instanceof Error ? error.message : String(error) },
        'receipt not recorded (store unavailable) / accusé non enregistré (base indisponible)',
      );
    }
  }

  private async journalSafely(job: JudicialDeliveryJob, events: StageEvent[]): Promise<void> {
    await this.options.journal
      .emit(events)
      .catch((error: unknown) =>
        forMessage(this.options.logger, job).error(
          { stage: 'journal', error: error instanceof Error ? error.message : String(error) },
          'journal event not confirmed / événement du journal non confirmé',
        ),
      );
  }
}

function ids(job: JudicialDeliveryJob): Pick<StageEvent, 'messageId' | 'correlationId'> {
  return { messageId: job.messageId, correlationId: job.correlationId };
}

/** `registered` of the system's JSON answer; undefined when it says nothing readable about it. */
function registeredIn(body: string | undefined): boolean | undefined {
  if (!body) return undefined;
  try {
    const answer: unknown = JSON.parse(body);
    const registered = (answer as { registered?: unknown } | null)?.registered;
    return typeof registered === 'boolean' ? registered : undefined;
  } catch {
    return undefined;
  }
}
