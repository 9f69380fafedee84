// Listed rather than discovered on disk, like the journal's: the same code runs from ts sources
// under jest and from the compiled dist. Tracked in their own table (holds_migrations) so the
// journal's and the holds' migrations never mistake each other in the shared database.
import type { Migration, MigrationProvider } from 'kysely';
import type { HoldsDriver } from '../holds-store.factory';
import { createHolds } from './0001-create-holds.migration';

export const HOLDS_MIGRATION_TABLE = 'holds_migrations';
export const HOLDS_MIGRATION_LOCK_TABLE = 'holds_migrations_lock';

export function holdsMigrations(driver: HoldsDriver): MigrationProvider {
  return {
    getMigrations: (): Promise<Record<string, Migration>> =>
      Promise.resolve({ '0001-create-holds': createHolds(driver) }),
  };
}
