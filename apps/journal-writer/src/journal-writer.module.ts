import { Module, type DynamicModule } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { businessKeyIndexFromConfig, type BusinessKeyIndex } from '@pcms/business-keys';
import { journalStoreFromConfig, type JournalStore } from '@pcms/journal';
import { MessagingModule } from '@pcms/messaging/nest';
import { RuntimeModule } from '@pcms/runtime';
import { BUSINESS_KEY_INDEX, JOURNAL_STORE, JournalWriterService } from './journal-writer.service';

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
        {
          provide: BUSINESS_KEY_INDEX,
          // Beside the journal, in its database; its key made on first use like the payload key.
          useFactory: (): Promise<BusinessKeyIndex> => businessKeyIndexFromConfig(config),
        },
        JournalWriterService,
      ],
    };
  }
}
