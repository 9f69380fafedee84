// Migrations are listed here rather than discovered on disk: the same code runs from ts sources
// under jest and from the compiled dist, and a missing file must be a compile error.
import type { Migration, MigrationProvider } from 'kysely';
import type { JournalDriver } from '../journal.types';
import { createJournalEntries } from './0001-create-journal-entries.migration';
import { addPayloadPurgedAt } from './0002-add-payload-purged-at.migration';

export function journalMigrations(driver: JournalDriver): MigrationProvider {
  return {
    getMigrations: (): Promise<Record<string, Migration>> =>
      Promise.resolve({
        '0001-create-journal-entries': createJournalEntries(driver),
        '0002-add-payload-purged-at': addPayloadPurgedAt(),
      }),
  };
}
