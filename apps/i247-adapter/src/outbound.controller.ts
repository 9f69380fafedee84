import { Controller, Inject, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DeliveryQueue } from '@pcms/delivery';
import { parseEnvelope } from '@pcms/envelope';
import { JournalEmitter } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import { Outcome, type AmqpMessage, type ConsumerOutcome } from '@pcms/messaging';
import { OutboundNoticePipeline, PipelineRejection } from '@pcms/pipeline';
import { allSteps, APP_LOGGER, RpcErrorPassThroughFilter } from '@pcms/runtime';

/** Released messages become gateway-signed notices, handed to a delivery job before the ack. */
@Controller()
@UseFilters(RpcErrorPassThroughFilter)
export class OutboundController {
  constructor(
    private readonly pipeline: OutboundNoticePipeline,
    private readonly deliveries: DeliveryQueue,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly journal: JournalEmitter,
  ) {}

  @MessagePattern('i247Outbound')
  async onReleased(@Payload() message: AmqpMessage): Promise<ConsumerOutcome> {
    const envelope = parseEnvelope(message.body);
    const log = forMessage(this.logger, { messageId: envelope.id, correlationId: envelope.correlationId });
    const ids = { messageId: envelope.id, correlationId: envelope.correlationId };
    let notice;
    try {
      notice = await this.pipeline.run(envelope, message.body);
    } catch (error: unknown) {
      if (!(error instanceof PipelineRejection)) throw error;
      log.warn({ code: error.code, stage: error.stage }, 'notice not produced');
      await this.journal.emit({
        ...ids,
        stage: 'rejected',
        details: { code: error.code, reason: error.reason, stage: error.stage },
      });
      return Outcome.deadLetter(error.code, error.reason, error.stage);
    }
    // The job is in Redis before the message leaves the queue: a crash in between redelivers it,
    // and the job id (the message id) keeps the second enqueue from delivering twice. So the
    // journal's confirm and the enqueue need not wait for each other.
    const [, enqueued] = await allSteps(
      this.journal.emit([
        { ...ids, stage: 'mapped', details: { mapping: notice.mapping, direction: 'outbound' } },
        { ...ids, stage: 'signed', details: { signer: 'GATEWAY', for: 'I-24/7' } },
      ]),
      this.deliveries.enqueue(notice),
    );
    log.info({ stage: 'sign', mapping: notice.mapping, enqueued }, 'notice signed and queued for delivery');
    return Outcome.ack();
  }
}
