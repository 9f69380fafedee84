import { closeQueue, runWorker } from '@pcms/jobs';
import Bull from 'bull';
import type { InterpolNoticeKind } from '@pcms/translation';
import type { PollSummary, PublicNoticesLogger, PublicNoticesPoller } from './public-notices.poller';
import { pollUnderLease } from './poll.lease';
import { PublicNoticesError, PublicNoticesErrorCode } from './public-notices.error';

export const PUBLIC_NOTICES_QUEUE = 'public-notices';
const POLL_JOB = 'poll';

export interface PublicNoticesScheduleOptions {
  redisUrl: string;
  /** `redis.keyPrefix`: deployments and test runs never share a schedule. */
  keyPrefix: string;
  kinds: readonly InterpolNoticeKind[];
  everyMs: number;
  /** Tries of one poll before bull gives it up until the next tick. */
  attempts: number;
  backoffMs: number;
  logger: PublicNoticesLogger;
}

interface PollJob {
  kind: InterpolNoticeKind;
}

/**
 * A bull repeatable job per configured kind: bull hands each tick to one process only, so any
 * number of I-24/7 adapters may run the schedule. A poll with failed notices fails its job and
 * bull retries it with backoff; the notices already forwarded are unchanged by then and skipped.
 *
 * Bull keeps one tick from running twice, not two ticks from running at once: the poll each
 * adapter adds at start, a repeat tick and a retry can meet in two adapters, and two polls of one
 * kind at once both find a notice unforwarded (its fingerprint is recorded only after the forward)
 * and both forward it, under the same id but with other bytes (createdAt), so nothing downstream
 * drops the second (issue 12: 72 copies of 40 notices with two adapters). A poll therefore takes
 * the kind's lease (`@pcms/lease`, `<prefix>:lease:public-notices:<kind>`); a tick that finds it
 * taken is skipped, the poll under way covers it.
 */
export class PublicNoticesSchedule {
  private readonly queue: Bull.Queue<PollJob>;

  constructor(
    private readonly poller: PublicNoticesPoller,
    private readonly options: PublicNoticesScheduleOptions,
  ) {
    this.queue = new Bull<PollJob>(PUBLIC_NOTICES_QUEUE, options.redisUrl, {
      prefix: options.keyPrefix,
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        removeOnComplete: 50,
        removeOnFail: 50,
      },
    });
    this.queue.on('error', (error: Error) =>
      options.logger.error(
        { err: error.message },
        'public notices queue error / erreur de la file des notices publiques',
      ),
    );
  }

  async start(): Promise<void> {
    await this.queue.isReady();
    // A changed interval or a kind no longer configured: drop the old repeat rather than run both.
    for (const job of await this.queue.getRepeatableJobs()) {
      const kind = job.id?.replace(/^poll-/, '') as InterpolNoticeKind | undefined;
      if (Number(job.every) !== this.options.everyMs || !kind || !this.options.kinds.includes(kind)) {
        await this.queue.removeRepeatableByKey(job.key);
      }
    }
    for (const kind of this.options.kinds) {
      await this.queue.add(
        POLL_JOB,
        { kind },
        { jobId: `poll-${kind}`, repeat: { every: this.options.everyMs } },
      );
      // One poll now as well: a restarted adapter does not wait a whole interval.
      await this.queue.add(POLL_JOB, { kind });
    }
    runWorker(
      this.queue.process(POLL_JOB, 1, (job) => this.run(job.data.kind)),
      (error) =>
        this.options.logger.error(
          { err: error },
          'public notices worker stopped / arrêt du travailleur des notices publiques',
        ),
    );
  }

  /** Bull's job counts, for status pages and tests. */
  counts(): Promise<Bull.JobCounts> {
    return this.queue.getJobCounts();
  }

  /** Stops taking ticks and waits for the poll in progress; the schedule stays in Redis. */
  async stop(): Promise<void> {
    await closeQueue(this.queue);
  }

  private async run(kind: InterpolNoticeKind): Promise<PollSummary | undefined> {
    const summary = await pollUnderLease(this.queue.client, this.options.keyPrefix, kind, () =>
      this.poll(kind),
    );
    if (summary) return summary;
    this.options.logger.info(
      { kind },
      'another process is polling this kind, tick skipped / un autre processus relève ce type, passage ignoré',
    );
    return undefined;
  }

  private async poll(kind: InterpolNoticeKind): Promise<PollSummary> {
    const summary = await this.poller.poll(kind);
    if (summary.failed > 0) {
      throw new PublicNoticesError(
        PublicNoticesErrorCode.PollIncomplete,
        `${summary.failed} ${kind} notice(s) or page(s) failed: ${summary.failures.map((f) => f.code).join(', ')}`,
      );
    }
    return summary;
  }
}
