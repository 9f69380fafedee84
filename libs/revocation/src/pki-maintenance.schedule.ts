import { closeQueue, runWorker } from '@pcms/jobs';
import Bull from 'bull';
import { codeOf, type MaintenanceLogger } from './maintenance.logger';

export const PKI_MAINTENANCE_QUEUE = 'pki-maintenance';

export const PKI_MAINTENANCE_TASKS = ['crl-refresh', 'certificate-expiry'] as const;
export type PkiMaintenanceTask = (typeof PKI_MAINTENANCE_TASKS)[number];

interface TickJob {
  task: PkiMaintenanceTask;
}

export interface PkiMaintenanceScheduleOptions {
  redisUrl: string;
  /** `redis.keyPrefix`: deployments and test runs never share a schedule. */
  keyPrefix: string;
  /** How often each task runs. */
  everyMs: Readonly<Record<PkiMaintenanceTask, number>>;
  logger: MaintenanceLogger;
}

export type PkiMaintenanceRunner = (task: PkiMaintenanceTask) => void | Promise<void>;

/**
 * The PKI's periodic work as bull repeatable jobs, one per task with a fixed job id, so a restart
 * re-adds the same repeat key instead of piling up another schedule.
 *
 * Every gateway process holds its own verifier and metrics, while bull hands a job to one worker
 * only: the job is a tick, and each process runs the task when it hears the tick completed
 * (`global:completed`, Redis pub/sub), whichever process processed it.
 *
 * So with N instances of every app (issue 12) the CRL refresh and the expiry check run in every
 * process, on purpose and without a lease: each reloads the CRL into its own verifier and sets its
 * own gauges, and doing so twice changes nothing (a reload reads the same file).
 */
export class PkiMaintenanceSchedule {
  private readonly queue: Bull.Queue<TickJob>;

  constructor(private readonly options: PkiMaintenanceScheduleOptions) {
    this.queue = new Bull<TickJob>(PKI_MAINTENANCE_QUEUE, options.redisUrl, {
      prefix: options.keyPrefix,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    this.queue.on('error', (error: Error) =>
      options.logger.error(
        { code: codeOf(error) },
        'PKI maintenance queue error / erreur de la file de maintenance PKI',
      ),
    );
  }

  async start(run: PkiMaintenanceRunner): Promise<void> {
    this.queue.on('global:completed', (_jobId: string, value: unknown) => {
      const task = taskOf(value);
      if (task) void this.runSafely(run, task);
    });
    await this.queue.isReady();
    await this.removeStaleSchedules();
    for (const task of PKI_MAINTENANCE_TASKS) {
      await this.queue.add(task, { task }, { jobId: task, repeat: { every: this.options.everyMs[task] } });
    }
    runWorker(
      this.queue.process('*', 1, (job: Bull.Job<TickJob>) => Promise.resolve(job.data.task)),
      (error) =>
        this.options.logger.error(
          { code: codeOf(error) },
          'PKI maintenance worker stopped / arrêt du travailleur de maintenance PKI',
        ),
    );
  }

  /** The repeat entries in Redis: exactly one per task, whatever the number of restarts. */
  async schedules(): Promise<Bull.JobInformation[]> {
    return this.queue.getRepeatableJobs();
  }

  /** Stops taking ticks. The schedule stays in Redis for the other processes of the deployment. */
  async stop(): Promise<void> {
    await closeQueue(this.queue);
  }

  /** A changed interval makes a new repeat key: drop the old one rather than run both. */
  private async removeStaleSchedules(): Promise<void> {
    for (const job of await this.queue.getRepeatableJobs()) {
      const task = PKI_MAINTENANCE_TASKS.find((name) => name === job.name);
      if (task && Number(job.every) !== this.options.everyMs[task]) {
        await this.queue.removeRepeatableByKey(job.key);
      }
    }
  }

  private async runSafely(run: PkiMaintenanceRunner, task: PkiMaintenanceTask): Promise<void> {
    try {
      await run(task);
    } catch (error: unknown) {
      this.options.logger.error(
        { task, code: codeOf(error) },
        'PKI maintenance task failed / tâche de maintenance PKI en échec',
      );
    }
  }
}

/** bull publishes the processor's return value as JSON text. */
function taskOf(value: unknown): PkiMaintenanceTask | undefined {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = value;
    }
  }
  return PKI_MAINTENANCE_TASKS.find((task) => task === parsed);
}
