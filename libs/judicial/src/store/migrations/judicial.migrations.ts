// Listed rather than discovered on disk, like the journal's and the holds': the same code runs from
// ts sources under jest and from the compiled dist. Tracked in their own table so the journal's,
// the holds' and these migrations never mistake each other in the shared database.
import type { JournalDriver } from '@pcms/journal';
import type { Migration, MigrationProvider } from 'kysely';
import { createJudicialRequests } from './0001-create-judicial-requests.migration';
import { createJudicialNoticeLinks } from './0002-create-judicial-notice-links.migration';

export const JUDICIAL_MIGRATION_TABLE = 'judicial_migrations';
export const JUDICIAL_MIGRATION_LOCK_TABLE = 'judicial_migrations_lock';

export function judicialMigrations(driver: JournalDriver): MigrationProvider {
  return {
    getMigrations: (): Promise<Record<string, Migration>> =>
      Promise.resolve({
        '0001-create-judicial-requests': createJudicialRequests(driver),
        '0002-create-judicial-notice-links': createJudicialNoticeLinks(),
      }),
  };
}
