import type { LoadedConfig } from '@pcms/config';
import { startGatewayApp, type RunningApp } from '@pcms/runtime';
import { JournalWriterModule } from './journal-writer.module';

export function startJournalWriter(config: LoadedConfig): Promise<RunningApp> {
  return startGatewayApp({
    module: JournalWriterModule.forConfig(config),
    config,
    app: 'journal-writer',
    // Its one queue is consumed in batches by JournalWriterService, not by @MessagePattern handlers.
    consumesQueues: false,
  });
}
