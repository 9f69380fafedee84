import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { JournalStore } from '@pcms/journal';
import { JournalRetentionSchedule, JournalWriter } from '@pcms/journal-emitter';
import type { LoadedConfig } from '@pcms/config';
import type { Logger } from '@pcms/logging';
import { AmqpConnection, GATEWAY_TOPOLOGY, type GatewayTopology } from '@pcms/messaging';
import { APP_LOGGER, GATEWAY_CONFIG } from '@pcms/runtime';
import { journalRetentionOptions } from './journal-retention.options';

export const JOURNAL_STORE = Symbol('JOURNAL_STORE');

/**
 * Wires the journal writer to the app's connection and store, and the payload retention purge
 * (a bull repeatable job) to the store; stops both before either closes.
 */
@Injectable()
export class JournalWriterService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly writer: JournalWriter;
  private readonly retention: JournalRetentionSchedule;

  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) topology: GatewayTopology,
    @Inject(JOURNAL_STORE) private readonly store: JournalStore,
    @Inject(APP_LOGGER) logger: Logger,
    @Inject(GATEWAY_CONFIG) config: LoadedConfig,
  ) {
    this.writer = new JournalWriter(amqp, store, {
      queue: topology.queues.journalWriter.name,
      onBatch: (result) => logger.debug(result, 'journal batch committed'),
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
  }
}
