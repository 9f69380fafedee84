import { Module, type DynamicModule } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { journalStoreFromConfig, type JournalStore } from '@pcms/journal';
import { MessagingModule } from '@pcms/messaging/nest';
import { RuntimeModule } from '@pcms/runtime';
import { JOURNAL_STORE, JournalWriterService } from './journal-writer.service';

const APP = 'journal-writer';

@Module({})
export class JournalWriterModule {
  static forConfig(config: LoadedConfig): DynamicModule {
    return {
      module: JournalWriterModule,
      imports: [
        RuntimeModule.forRoot(config, APP),
        // The writer consumes on this connection (the transport's own one has no handlers).
        MessagingModule.forRoot({ ...config.amqp, connectionName: `pcms-${APP}-batches` }),
      ],
      providers: [
        {
          provide: JOURNAL_STORE,
          // Opened and migrated to the latest schema before the writer consumes anything.
          useFactory: (): Promise<JournalStore> => journalStoreFromConfig(config),
        },
        JournalWriterService,
      ],
    };
  }
}
