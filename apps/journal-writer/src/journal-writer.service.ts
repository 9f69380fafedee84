import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { BusinessKeyIndex } from '@pcms/business-keys';
import type { JournalStore } from '@pcms/journal';
import { JournalRetentionSchedule, JournalWriter } from '@pcms/journal-emitter';
import type { LoadedConfig } from '@pcms/config';
import type { Logger } from '@pcms/logging';
import { AmqpConnection, GATEWAY_TOPOLOGY, type GatewayTopology } from '@pcms/messaging';
import { GatewayMetrics } from '@pcms/observability';
import { APP_LOGGER, GATEWAY_CONFIG } from '@pcms/runtime';
import { Counter } from 'prom-client';
import { journalRetentionOptions } from './journal-retention.options';

export const JOURNAL_STORE = Symbol('JOURNAL_STORE');
export const BUSINESS_KEY_INDEX = Symbol('BUSINESS_KEY_INDEX');

/**
 * Wires the journal writer to the app's connection and store, and the payload retention purge
 * (a bull repeatable job) to the store; stops both before either closes.
 *
 * With N writers (issue 12) each consumes a share of the journal queue; appends are serialised by
 * the chain lock (journal-store.factory), so the chain stays one. The purge takes no lease: bull
 * hands each tick to one writer, and two purges at once (each writer's at start) are harmless,
 * since a purge is one conditional update (payloads older than the cut-off set to null) that the
 * second finds already done.
 */
@Injectable()
export class JournalWriterService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly writer: JournalWriter;
  private readonly retention: JournalRetentionSchedule;

  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) topology: GatewayTopology,
    @Inject(JOURNAL_STORE) private readonly store: JournalStore,
    @Inject(BUSINESS_KEY_INDEX) private readonly businessKeys: BusinessKeyIndex,
    @Inject(APP_LOGGER) logger: Logger,
    @Inject(GATEWAY_CONFIG) config: LoadedConfig,
    metrics: GatewayMetrics,
  ) {
    // Each writer's share of the events: with N instances, each one commits some (issue 12).
    const appended = new Counter({
      name: 'pcms_journal_events_appended_total',
      help: 'Journal events this writer appended to the chain',
      registers: [metrics.registry],
    });
    this.writer = new JournalWriter(amqp, store, {
      queue: topology.queues.journalWriter.name,
      // The payloads are in clear here only: names, notice ids and warrant references are indexed
      // as keyed hashes before the batch is acknowledged (issue 13, libs/business-keys).
      afterAppend: (events) => businessKeys.indexEvents(events),
      onBatch: (result) => {
        appended.inc(result.appended);
        logger.debug(result, 'journal batch committed');
      },
    });
    this.retention = new JournalRetentionSchedule(store, journalRetentionOptions(config, logger));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.writer.start();
    await this.retention.start();
  }

  /** Stop consuming first; the connection (closed at shutdown) then waits for the last batch. */
  async onModuleDestroy(): Promise<void> {
    await this.writer.stop();
    await this.retention.stop();
  }

  // The connection's close waits for the batch in flight: the store must outlive it.
  async onApplicationShutdown(): Promise<void> {
    await this.amqp.close();
    await this.store.close();
    await this.businessKeys.close();
  }
}
