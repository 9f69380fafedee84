import { closeQueue, runWorker } from '@pcms/jobs';
import Bull from 'bull';
import type { JournalStore } from '@pcms/journal';

export const JOURNAL_RETENTION_QUEUE = 'journal-retention';
const PURGE_JOB = 'purge-payloads';
const DAY_MS = 24 * 60 * 60 * 1000;

/** pino-compatible (fields first), so tests can pass a recorder. */
export interface RetentionLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface JournalRetentionOptions {
  redisUrl: string;
  /** `redis.keyPrefix`: deployments and test runs never share a schedule. */
  keyPrefix: string;
  /** `journal.payloads.retentionDays`. */
  retentionDays: number;
  /** `journal.payloads.purgeEveryMinutes`: a payload outlives its retention period by at most this. */
  everyMs: number;
  logger: RetentionLogger;
  clock?: () => Date;
}

/**
 * The payload retention purge as a bull repeatable job: bull hands each tick to one journal
 * writer only, and the purge is idempotent, so any number of writers may run the schedule.
 * Entries, digests and hashes stay: `audit verify` passes after a purge.
 */
export class JournalRetentionSchedule {
  private readonly queue: Bull.Queue<Record<string, never>>;

  constructor(
    private readonly store: JournalStore,
    private readonly options: JournalRetentionOptions,
  ) {
    this.queue = new Bull(JOURNAL_RETENTION_QUEUE, options.redisUrl, {
      prefix: options.keyPrefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    this.queue.on('error', (error: Error) =>
      options.logger.error(
        { code: codeOf(error) },
        'journal retention queue error / erreur de la file de rétention du journal',
      ),
    );
  }

  async start(): Promise<void> {
    await this.queue.isReady();
    // A changed interval makes a new repeat key: drop the old one rather than run both.
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name === PURGE_JOB && Number(job.every) !== this.options.everyMs) {
        await this.queue.removeRepeatableByKey(job.key);
      }
    }
    await this.queue.add(PURGE_JOB, {}, { jobId: PURGE_JOB, repeat: { every: this.options.everyMs } });
    // One purge now as well: a writer restarted after a long stop does not wait a whole interval.
    await this.queue.add(PURGE_JOB, {});
    runWorker(
      this.queue.process(PURGE_JOB, 1, () => this.purge()),
      (error) =>
        this.options.logger.error(
          { code: codeOf(error) },
          'journal retention worker stopped / arrêt du travailleur de rétention du journal',
        ),
    );
  }

  /** Drops the payloads older than the retention period; returns how many. */
  async purge(): Promise<number> {
    const now = this.options.clock?.() ?? new Date();
    const olderThan = new Date(now.getTime() - this.options.retentionDays * DAY_MS);
    try {
      const purged = await this.store.purgePayloads(olderThan, now);
      this.options.logger.info(
        { purged, olderThan: olderThan.toISOString() },
        'journal payloads purged / charges utiles du journal purgées',
      );
      return purged;
    } catch (error: unknown) {
      this.options.logger.error(
        { code: codeOf(error) },
        'journal payload purge failed / purge des charges utiles en échec',
      );
      throw error;
    }
  }

  /** The repeat entries in Redis: exactly one, whatever the number of restarts. */
  async schedules(): Promise<Bull.JobInformation[]> {
    return this.queue.getRepeatableJobs();
  }

  /** Stops taking ticks; the schedule stays in Redis for the other writers. */
  async stop(): Promise<void> {
    await closeQueue(this.queue);
  }
}

function codeOf(error: unknown): string {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'UNEXPECTED';
}
