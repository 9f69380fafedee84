import { Controller, Inject, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { forMessage, type Logger } from '@pcms/logging';
import { parseEnvelope } from '@pcms/envelope';
import {
  AmqpConnection,
  GATEWAY_TOPOLOGY,
  Outcome,
  publishEnvelope,
  type AmqpMessage,
  type ConsumerOutcome,
  type GatewayTopology,
} from '@pcms/messaging';
import { oversizeRecord, PipelineRejection, refusalRecord, SubmissionPipeline } from '@pcms/pipeline';
import { DedupeStore } from '@pcms/dedupe';
import { JournalEmitter, receivedStage } from '@pcms/journal-emitter';
import { GatewayMetrics } from '@pcms/observability';
import { APP_LOGGER, requeueAfter, RpcErrorPassThroughFilter } from '@pcms/runtime';

const SIGNATURE_HEADER = 'pcms-signature';

/** National platforms submit signed envelopes; what passes verify → validate → dedupe goes to the router. */
@Controller()
@UseFilters(RpcErrorPassThroughFilter)
export class SubmissionsController {
  constructor(
    private readonly pipeline: SubmissionPipeline,
    private readonly dedupe: DedupeStore,
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly metrics: GatewayMetrics,
    private readonly journal: JournalEmitter,
  ) {}

  @MessagePattern('adapterSubmissions')
  async onSubmission(@Payload() message: AmqpMessage): Promise<ConsumerOutcome> {
    if (message.retry?.done.includes(FORWARDED)) return this.completeForwarded(message);
    const signature = message.headers[SIGNATURE_HEADER];
    let result;
    try {
      result = await this.pipeline.run({
        body: message.body,
        signature: typeof signature === 'string' ? Buffer.from(signature, 'base64') : undefined,
        submittedAs: message.routingKey.split('.')[1],
      });
    } catch (error: unknown) {
      if (!(error instanceof PipelineRejection)) throw error;
      this.logger.warn(
        { messageId: message.messageId, code: error.code, stage: error.stage },
        'submission rejected',
      );
      // Without a message id there is nothing to trace: the dead letter keeps the bytes.
      if (message.messageId) {
        const door = { door: doorOf(message.routingKey), route: message.routingKey };
        await this.journal.emit([
          { messageId: message.messageId, stage: 'received', details: door },
          {
            messageId: message.messageId,
            stage: 'rejected',
            details: { code: error.code, reason: error.reason, stage: error.stage },
          },
        ]);
      }
      // Every refusal says its door, the route's platform, its size and the digest of its first
      // bytes; a body refused for its size is only that record: the dead-letter queue is no place
      // to store what the limit keeps out.
      const where = { door: doorOf(message.routingKey), client: message.routingKey.split('.')[1] };
      const record =
        error.stage === 'size' ? oversizeRecord(where, message.body) : refusalRecord(where, message.body);
      return Outcome.deadLetter(error.code, error.reason, error.stage, record);
    }

    const { envelope } = result;
    const log = forMessage(this.logger, { messageId: envelope.id, correlationId: envelope.correlationId });
    if (result.kind === 'duplicate') {
      // The same id with the same bytes: an at-least-once retry, acknowledged and never delivered
      // twice. The same id with other bytes never gets here: it is refused as SUBMISSION_ID_REUSED.
      this.metrics.duplicates.inc({ app: this.metrics.app });
      await this.journal.emit({
        messageId: envelope.id,
        correlationId: envelope.correlationId,
        stage: 'deduplicated',
        details: { sender: envelope.sender, type: envelope.type, route: message.routingKey },
      });
      log.info({ stage: 'dedupe' }, 'duplicate dropped');
      return Outcome.ack();
    }
    if (result.kind === 'in-progress') {
      // Another delivery holds the claim, or a crashed one whose claim (60 s) has not lapsed yet.
      return Outcome.requeue(
        SUBMISSION_IN_PROGRESS,
        `${envelope.id} is claimed by another delivery / est réclamé par une autre livraison`,
      );
    }

    // Journaled before the next hop, so that the router's events always come after these.
    const ids = { messageId: envelope.id, correlationId: envelope.correlationId };
    await this.journal.emit([
      // The signed bytes as submitted.
      receivedStage(
        envelope,
        { door: doorOf(message.routingKey), route: message.routingKey },
        { contentType: 'application/json', bytes: message.body },
      ),
      {
        ...ids,
        stage: 'verified',
        details: { signer: result.signer.signerId, fingerprint: result.signer.fingerprintSha256 },
      },
    ]);
    try {
      await publishEnvelope(this.amqp, this.topology.routes.outbound(envelope.type), {
        envelope,
        body: message.body,
        signature: signature as string,
        headers: { 'pcms-signer': result.signer.signerId },
      });
    } catch (error: unknown) {
      // Not confirmed: forget the claim so the redelivered message is processed again.
      await this.dedupe.release(envelope.id, message.body);
      throw error;
    }
    log.info({ stage: 'verify', signer: result.signer.signerId, type: envelope.type }, 'submission accepted');
    try {
      await this.dedupe.complete(envelope.id, message.body);
    } catch (error: unknown) {
      // Already forwarded and confirmed: the retry only completes the claim, it never forwards again.
      return requeueAfter(error, [FORWARDED]);
    }
    return Outcome.ack();
  }

  /** A retry of a submission already forwarded: only its dedupe completion was left to do. */
  private async completeForwarded(message: AmqpMessage): Promise<ConsumerOutcome> {
    const { id } = parseEnvelope(message.body);
    await this.dedupe.complete(id, message.body);
    forMessage(this.logger, { messageId: id }).info({ stage: 'dedupe' }, 'forwarded submission completed');
    return Outcome.ack();
  }
}

/** The step a retry must not repeat: the router already has the message. */
const FORWARDED = 'forwarded';
export const SUBMISSION_IN_PROGRESS = 'SUBMISSION_IN_PROGRESS';

/**
 * The door a submission came through: `submit.<ID>.https` is published only by the gateway's
 * HTTPS door (a platform's broker user may publish nothing but `submit.<ID>`).
 */
function doorOf(routingKey: string): 'https' | 'amqp' {
  return routingKey.endsWith('.https') ? 'https' : 'amqp';
}
