import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { JournalStore } from '@pcms/journal';
import { JournalWriter } from '@pcms/journal-emitter';
import type { Logger } from '@pcms/logging';
import { AmqpConnection, GATEWAY_TOPOLOGY, type GatewayTopology } from '@pcms/messaging';
import { APP_LOGGER } from '@pcms/runtime';

export const JOURNAL_STORE = Symbol('JOURNAL_STORE');

/** Wires the journal writer to the app's connection and store; stops it before either closes. */
@Injectable()
export class JournalWriterService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly writer: JournalWriter;

  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) topology: GatewayTopology,
    @Inject(JOURNAL_STORE) private readonly store: JournalStore,
    @Inject(APP_LOGGER) logger: Logger,
  ) {
    this.writer = new JournalWriter(amqp, store, {
      queue: topology.queues.journalWriter.name,
      onBatch: (result) => logger.debug(result, 'journal batch committed'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.writer.start();
  }

  /** Stop consuming first; the connection (closed at shutdown) then waits for the last batch. */
  async onModuleDestroy(): Promise<void> {
    await this.writer.stop();
  }

  // The connection's close waits for the batch in flight: the store must outlive it.
  async onApplicationShutdown(): Promise<void> {
    await this.amqp.close();
    await this.store.close();
  }
}
