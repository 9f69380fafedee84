// Listed, not discovered on disk (as the journal's): the same code runs from sources and from dist/.
// The index keeps its own migrations table in the journal's database, like the holds.
import type { Migration, MigrationProvider } from 'kysely';
import type { JournalDriver } from '@pcms/journal';
import { createBusinessKeys } from './0001-create-business-keys.migration';

export const BUSINESS_KEYS_MIGRATION_TABLE = 'business_keys_migrations';
export const BUSINESS_KEYS_MIGRATION_LOCK_TABLE = 'business_keys_migration_lock';

export function businessKeysMigrations(driver: JournalDriver): MigrationProvider {
  return {
    getMigrations: (): Promise<Record<string, Migration>> =>
      Promise.resolve({ '0001-create-business-keys': createBusinessKeys(driver) }),
  };
}
