import { closeQueue, runWorker } from '@pcms/jobs';
import Bull from 'bull';
import type { LoadedConfig } from '@pcms/config';
import { SignedHttpError } from '@pcms/signed-http';
import { DeliveryError, DeliveryErrorCode } from './delivery.error';
import type {
  DeliveryFailure,
  DeliveryJob,
  DeliveryReceipt,
  EnqueueOutcome,
  NoticeDeliveryJob,
} from './notice-delivery.job';

export const DELIVERY_QUEUE_NAME = 'i247-delivery';

export interface DeliveryQueueOptions<J extends DeliveryJob = NoticeDeliveryJob> {
  redisUrl: string;
  /** bull's key prefix: the deployment's `redis.keyPrefix`, so deployments and test runs never meet. */
  keyPrefix: string;
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
  /**
   * How long a finished job (and so its message id) is remembered. Within this window an enqueue
   * of the same message is ignored: it must exceed the longest time a duplicate can arrive. A
   * delivered job keeps only its ids for that time (see `DeliveredJob`), not what it delivered.
   */
  retentionSeconds: number;
  /** Jobs delivered at once by this process. */
  concurrency?: number;
  queueName?: string;
  logger?: DeliveryLogger;
  /**
   * Bull's job id, the key of "once": the message id by default. A queue that delivers one message
   * to several destinations (the judicial network) keys on the message and the destination.
   */
  jobIdOf?: (job: J) => string;
  /** Whether a job's data can be delivered at all (default: a notice delivery job). */
  isJob?: (data: unknown) => boolean;
}

/** pino-compatible: fields first, then the message. */
export interface DeliveryLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Sends one job; throws a SignedHttpError (its `retryable` decides) or anything else (retried).
 * The answer's body, when given, reaches onDelivered (a judicial system says there it registered).
 */
export type DeliverySender<J extends DeliveryJob = NoticeDeliveryJob> = (
  job: J,
) => Promise<{ status: number; body?: string }>;
export type NoticeSender = DeliverySender<NoticeDeliveryJob>;

export interface DeliveryHooks<J extends DeliveryJob = NoticeDeliveryJob> {
  onDelivered?(job: J, receipt: DeliveryReceipt): void | Promise<void>;
  /** Called once a job will not be tried again: after its last attempt or a non-retryable failure. */
  onDeadLetter(job: J, failure: DeliveryFailure): void | Promise<void>;
}

/**
 * What a delivered job's data becomes. Bull's job id is the guard of "once" and must outlive the
 * delivery for the whole retention, but the notice it carried (several KB) need not: kept whole,
 * Redis grew by the notice for every message of the retention window.
 */
interface DeliveredJob extends DeliveryJob {
  delivered: DeliveryReceipt;
}

const silentLogger: DeliveryLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Delivery of notices to the I-24/7-like peer as bull jobs: attempts with exponential backoff,
 * one job per message id (bull ignores an `add` whose jobId exists), dead-lettering through a hook.
 */
export class DeliveryQueue<J extends DeliveryJob = NoticeDeliveryJob> {
  private readonly queue: Bull.Queue<J | DeliveredJob>;
  private readonly logger: DeliveryLogger;

  constructor(private readonly options: DeliveryQueueOptions<J>) {
    this.logger = options.logger ?? silentLogger;
    this.queue = new Bull<J | DeliveredJob>(options.queueName ?? DELIVERY_QUEUE_NAME, options.redisUrl, {
      prefix: options.keyPrefix,
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        removeOnComplete: { age: options.retentionSeconds },
        // Dead-lettered jobs stay inspectable in Redis too, in case the dead-letter hook failed.
        removeOnFail: { age: options.retentionSeconds },
      },
    });
    this.queue.on('error', (error: Error) => this.logger.error({ err: error }, 'delivery queue error'));
  }

  static fromConfig(config: LoadedConfig, logger?: DeliveryLogger): DeliveryQueue<NoticeDeliveryJob> {
    return new DeliveryQueue({
      redisUrl: config.redis.url,
      keyPrefix: config.redis.keyPrefix,
      attempts: config.i247Adapter.delivery.attempts,
      backoffMs: config.i247Adapter.delivery.backoffMs,
      retentionSeconds: config.dedupe.retentionHours * 3600,
      logger,
    });
  }

  /**
   * Queues a notice unless a job with its message id exists. Two concurrent enqueues of one id may
   * both report `queued`; there is still only one job, so it is delivered once.
   */
  async enqueue(job: J): Promise<EnqueueOutcome> {
    const jobId = this.options.jobIdOf?.(job) ?? job.messageId;
    const existing = await this.queue.getJob(jobId);
    if (existing && (await existing.isFailed())) {
      // A dead-lettered message that comes back is a replay: fresh attempts, fresh content.
      await existing.remove();
      await this.queue.add(job, { jobId });
      return 'requeued';
    }
    if (existing) return 'duplicate';
    // A concurrent enqueue may get here too: bull's add of an existing jobId is a no-op.
    await this.queue.add(job, { jobId });
    return 'queued';
  }

  process(send: DeliverySender<J>, hooks: DeliveryHooks<J>): void {
    runWorker(
      this.queue.process(this.options.concurrency ?? 4, (job) => this.deliver(job, send, hooks)),
      (error) =>
        this.logger.error({ err: error }, 'delivery worker stopped / arrêt du travailleur de livraison'),
    );
  }

  /** Jobs by state, for status pages and tests. */
  counts(): Promise<Bull.JobCounts> {
    return this.queue.getJobCounts();
  }

  /** Stops taking jobs and waits for the ones being delivered. */
  async close(): Promise<void> {
    await closeQueue(this.queue);
  }

  private async deliver(
    job: Bull.Job<J | DeliveredJob>,
    send: DeliverySender<J>,
    hooks: DeliveryHooks<J>,
  ): Promise<DeliveryReceipt> {
    const attempt = job.attemptsMade + 1;
    const { data } = job;
    const fields = { messageId: data.messageId, correlationId: data.correlationId, attempt };
    // Emptied after its delivery, then run again: the process stopped before bull recorded the end.
    if (isDeliveredJob(data)) return data.delivered;
    try {
      if (!(this.options.isJob ?? isNoticeDeliveryJob)(data)) {
        throw new DeliveryError(
          DeliveryErrorCode.DELIVERY_JOB_INVALID,
          'The job is not a delivery job of this queue',
        );
      }
      const { status, body } = await send(data);
      const receipt: DeliveryReceipt = { status, attempts: attempt, ...(body === undefined ? {} : { body }) };
      this.logger.info({ ...fields, status }, 'notice delivered');
      await hooks.onDelivered?.(data, receipt);
      const delivered: DeliveredJob = {
        messageId: data.messageId,
        ...(data.correlationId === undefined ? {} : { correlationId: data.correlationId }),
        delivered: { status, attempts: attempt },
      };
      await job.update(delivered);
      return delivered.delivered;
    } catch (error: unknown) {
      const retryable = isRetryable(error);
      const final = !retryable || attempt >= (job.opts.attempts ?? 1);
      const failure = describeFailure(error, attempt);
      if (!final) {
        this.logger.warn(
          { ...fields, code: failure.code, reason: failure.reason },
          'notice delivery failed, will retry',
        );
        throw error;
      }
      // bull 4: a discarded job is failed without the remaining attempts.
      if (!retryable) await job.discard();
      this.logger.error(
        { ...fields, code: failure.code, reason: failure.reason },
        'notice delivery abandoned',
      );
      try {
        await hooks.onDeadLetter(data, failure);
      } catch (hookError: unknown) {
        // The job stays in bull's failed set, so the notice is not lost; an operator can replay it.
        this.logger.error(
          { ...fields, err: hookError },
          'dead-letter hook failed; job kept in the failed set',
        );
      }
      throw error;
    }
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof SignedHttpError) return error.retryable;
  if (error instanceof DeliveryError) return error.code !== DeliveryErrorCode.DELIVERY_JOB_INVALID;
  return true;
}

function describeFailure(error: unknown, attempts: number): DeliveryFailure {
  if (error instanceof SignedHttpError) {
    return { code: error.code, reason: error.message, status: error.status, attempts };
  }
  if (error instanceof DeliveryError) return { code: error.code, reason: error.message, attempts };
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: DeliveryErrorCode.DELIVERY_FAILED, reason, attempts };
}

function isDeliveredJob(value: unknown): value is DeliveredJob {
  return typeof (value as Partial<DeliveredJob> | undefined)?.delivered?.status === 'number';
}

function isNoticeDeliveryJob(value: unknown): boolean {
  const data = value as Partial<NoticeDeliveryJob> | undefined;
  return (
    typeof data?.messageId === 'string' &&
    typeof data.noticeXml === 'string' &&
    typeof data.signatureB64 === 'string' &&
    typeof data.mapping?.id === 'string'
  );
}
