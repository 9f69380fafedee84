import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { JournalEmitter } from '@pcms/journal-emitter';
import {
  JUDICIAL_FOLLOW_UP_APP,
  fireDueReminders,
  type JudicialDirectory,
  type JudicialStore,
  type ReminderFacts,
} from '@pcms/judicial';
import { leaseKey, runExclusively, type ExclusiveJob } from '@pcms/lease';
import type { Logger } from '@pcms/logging';
import { GatewayMetrics } from '@pcms/observability';
import { APP_LOGGER, GATEWAY_CONFIG, REDIS } from '@pcms/runtime';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { JUDICIAL_DIRECTORY, JUDICIAL_STORE } from './judicial-adapter.tokens';

/** The lease's name under the deployment's Redis prefix: one scanner per gateway. */
export const REMINDER_LEASE = 'judicial-reminders';

/**
 * The reminders' clock (issue 15 point 5): every judicialAdapter.reminderScanSeconds one judicial
 * adapter of the gateway (the holder of a Redis lease, `@pcms/lease`) fires the reminders that are
 * due, each journaled (`reminded`) and recorded once (fireDueReminders). The lease keeps several
 * adapters from scanning together; the store's key (request, count of moves) and the journal's
 * event id keep a reminder once even if they did. Reminders are recorded, not sent to anyone: the
 * gateway signs nothing as an authority. A failed scan is logged and counted; the next one retries.
 */
@Injectable()
export class ReminderTicker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private job?: ExclusiveJob;
  private readonly fired: Counter<'state'>;
  private readonly failures: Counter;
  private readonly everyMs: number;
  private readonly owner: string;
  private readonly key: string;

  constructor(
    @Inject(JUDICIAL_STORE) private readonly store: JudicialStore,
    @Inject(JUDICIAL_DIRECTORY) private readonly directory: JudicialDirectory,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly journal: JournalEmitter,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    metrics: GatewayMetrics,
    @Inject(GATEWAY_CONFIG) config: LoadedConfig,
  ) {
    this.everyMs = config.judicialAdapter.reminderScanSeconds * 1000;
    this.owner = `${journal.app}#${config.instance}`;
    this.key = leaseKey(config.redis.keyPrefix, REMINDER_LEASE);
    this.fired = new Counter({
      name: 'pcms_judicial_reminders_fired_total',
      help: 'Judicial follow-up reminders fired (journaled and recorded), by the state the request sat in',
      labelNames: ['state'],
      registers: [metrics.registry],
    });
    this.failures = new Counter({
      name: 'pcms_judicial_reminder_scan_failures_total',
      help: 'Reminder scans that failed (store, journal or Redis unavailable); the next scan retries',
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.job = runExclusively(this.redis, this.key, this.everyMs, async () => void (await this.scan()), {
      owner: this.owner,
      onError: (error) => {
        this.failures.inc();
        this.logger.error(
          { err: error },
          'judicial reminder scan failed, retried at the next one / échec du passage des relances judiciaires, repris au suivant',
        );
      },
    });
  }

  /** Before the store closes (its onApplicationShutdown): the scan in flight finishes, the lease is freed. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /** One scan at `now`: what fired, each logged once for the operators. */
  async scan(now = new Date()): Promise<ReminderFacts[]> {
    const journal = this.journal.as(JUDICIAL_FOLLOW_UP_APP);
    const fired = await fireDueReminders(
      {
        store: this.store,
        policy: this.directory.followUp,
        emit: (stages) => journal.emit(stages),
        runBy: this.owner,
      },
      now,
    );
    for (const { reminder, request } of fired) {
      this.fired.inc({ state: reminder.state });
      // Ids, states and days only: never a person.
      this.logger.warn(
        {
          requestId: reminder.requestId,
          correlationId: reminder.requestId,
          state: reminder.state,
          days: reminder.days,
          dueAt: reminder.dueAt,
          requesting: request.authorities.requesting,
          requested: request.authorities.requested,
        },
        `judicial request without a move for ${reminder.days} days: reminder fired / demande judiciaire sans mouvement depuis ${reminder.days} jours : relance déclenchée`,
      );
    }
    return fired;
  }
}
